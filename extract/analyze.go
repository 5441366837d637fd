package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/rules/token"
	"github.com/cyberclaims/claims/schema"
)

// sentence is one unit with everything the rules found in it.
type sentence struct {
	n        int // 1-based index in the document
	unit     Unit
	text     string
	toks     []token.Token
	hits     []rules.Hit // every hit that survived its rule's exceptions
	dropped  []dropped
	mentions []mention
	cites    []citation
	clause   []int // clause index of each token
	// explain is set when the sentence is traced: only then are the
	// reasons for dropped candidates worth writing out.
	explain bool
	cues    cueIndex // built on first need
}

// dropped records a candidate the rules found and then set aside, for explain.
type dropped struct {
	what, why string
}

// mention is an actor named in a sentence.
type mention struct {
	actor      *rules.Actor
	start, end int // tokens
	hit        rules.Hit
	ref        string // why it is only a reference point ("" when it may be the claimant)
	behalf     bool
}

// analyze tokenizes a unit and applies every rule to it. The sentence
// lives in sc's memory: it is valid until the next call with sc.
func (x *Extractor) analyze(src string, n int, u Unit, sc *scratch, explain bool) *sentence {
	s := &sc.sentence
	// A new sentence in the old one's memory: its cue lists keep their room.
	*s = sentence{n: n, unit: u, text: src[u.Start:u.End], explain: explain, cues: cueIndex{strong: s.cues.strong, weak: s.cues.weak}}
	sc.toks = x.set.Tokenizer.AppendTokens(sc.toks[:0], s.text, u.Start)
	s.toks = sc.toks
	sc.hits = x.set.Matcher.AppendMatches(sc.hits[:0], s.toks)
	s.hits = s.cancelExceptions(sc.hits)
	sc.clause = s.clauses(sc.clause)
	s.findMentions(sc)
	s.cites = x.citations(src, u, &sc.cites)
	return s
}

// scratch is one Extract call's working memory, reused from sentence to
// sentence, and from document to document through scratchPool: an
// Extractor is shared by workers, so it cannot hold any itself.
type scratch struct {
	sentence sentence
	claims   []schema.Claim
	cites    rules.CitationScan
	toks     []token.Token
	hits     []rules.Hit
	clause   []int
	cands    []mention
	mentions []mention
	taken    []bool
	refs     []int
	near     []int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns sc to the pool. Its buffers may keep the last document
// alive until reused; the collector empties pools, so that is bounded.
func (sc *scratch) release() { scratchPool.Put(sc) }

// cancelExceptions drops every hit that overlaps an exception of its own
// rule, in place.
func (s *sentence) cancelExceptions(all []rules.Hit) []rules.Hit {
	// cover maps, per rule, each token an exception covers to the first such
	// exception: checking a hit then costs its own length, not the number of
	// exceptions in the sentence, which keeps very long sentences linear.
	// Most sentences have no exception hit, and no map.
	var exc []rules.Hit
	var cover map[rules.Rule]map[int]int
	for _, h := range all {
		if h.Role != rules.RoleException {
			continue
		}
		if cover == nil {
			cover = map[rules.Rule]map[int]int{}
		}
		m := cover[h.Rule]
		if m == nil {
			m = map[int]int{}
			cover[h.Rule] = m
		}
		for i := h.Start; i < h.End; i++ {
			if _, ok := m[i]; !ok {
				m[i] = len(exc)
			}
		}
		exc = append(exc, h)
	}
	out := all[:0] // writes never overtake reads
	for _, h := range all {
		if h.Role == rules.RoleException {
			continue
		}
		first := -1
		if m := cover[h.Rule]; m != nil {
			for i := h.Start; i < h.End; i++ {
				if k, ok := m[i]; ok && (first < 0 || k < first) {
					first = k
				}
			}
		}
		if first >= 0 {
			if s.explain {
				e := exc[first]
				s.dropped = append(s.dropped, dropped{what: h.Rule.Info().ID + " " + quote(s.span(h.Start, h.End)), why: "exception " + quote(e.Pattern.Source) + " matched " + quote(s.span(e.Start, e.End))})
			}
			continue
		}
		out = append(out, h)
	}
	return out
}

// span returns the raw text of tokens [i, j).
func (s *sentence) span(i, j int) string {
	if i >= j || j > len(s.toks) {
		return ""
	}
	return s.text[s.toks[i].Start-s.unit.Start : s.toks[j-1].End-s.unit.Start]
}

// clauses numbers the clause of each token; boundaries start a new clause.
// buf is reused for the numbers.
func (s *sentence) clauses(buf []int) []int {
	s.clause = slices.Grow(buf[:0], len(s.toks)+1)[:len(s.toks)+1]
	// Hits come in start order: walk them beside the tokens.
	c, k := 0, 0
	for i := range s.clause {
		starts := false
		for ; k < len(s.hits) && s.hits[k].Start <= i; k++ {
			if _, ok := s.hits[k].Rule.(*rules.Boundary); ok && s.hits[k].Start == i {
				starts = true
			}
		}
		if starts {
			c++
		}
		s.clause[i] = c
	}
	return s.clause
}

// findMentions collects actor mentions, longest first where they overlap, and
// marks those that are only reference points.
func (s *sentence) findMentions(sc *scratch) {
	cands := sc.cands[:0]
	for _, h := range s.hits {
		a, ok := h.Rule.(*rules.Actor)
		if !ok {
			continue
		}
		if h.Role == rules.RoleAmbiguous && !s.clearlyNamed(h) {
			if s.explain {
				s.dropped = append(s.dropped, dropped{what: a.ID + " " + quote(s.span(h.Start, h.End)), why: "ambiguous alias next to a capitalised word or not capitalised as written"})
			}
			continue
		}
		cands = append(cands, mention{actor: a, start: h.Start, end: h.End, hit: h})
	}
	sc.cands = cands
	if len(cands) == 0 {
		s.mentions = nil
		s.markReferences(sc)
		return
	}
	// Longest match wins ("South Sudan" over "Sudan"), then the earlier one.
	// Taking candidates in that order and keeping each that overlaps nothing
	// kept so far is the same as picking the best again and again, without
	// its quadratic cost on sentences with thousands of names.
	slices.SortStableFunc(cands, func(a, b mention) int {
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return lb - la
		}
		return a.start - b.start
	})
	taken := slices.Grow(sc.taken[:0], len(s.toks))[:len(s.toks)]
	clear(taken)
	sc.taken = taken
	picked := sc.mentions[:0]
next:
	for _, c := range cands {
		for i := c.start; i < c.end; i++ {
			if taken[i] {
				continue next
			}
		}
		for i := c.start; i < c.end; i++ {
			taken[i] = true
		}
		picked = append(picked, c)
	}
	sortMentions(picked)
	sc.mentions = picked
	s.mentions = picked
	s.markReferences(sc)
}

func sortMentions(ms []mention) {
	slices.SortStableFunc(ms, func(a, b mention) int { return a.start - b.start })
}

// clearlyNamed accepts an ambiguous alias ("Georgia", "Chad") only when it is
// written with the rule's capitalisation and stands apart from other
// capitalised words ("Georgia Tech", "Chad Smith", "Lake Chad").
func (s *sentence) clearlyNamed(h rules.Hit) bool {
	src := h.Pattern.Source
	if len(src) > 0 && src[0] == '=' {
		src = src[1:]
	}
	if s.span(h.Start, h.End) != src {
		return false
	}
	if h.Start > 0 && token.IsCapitalised(s.toks[h.Start-1].Text) && (h.Start > 1 || !openers[s.toks[0].Fold]) {
		return false
	}
	if h.End < len(s.toks) && token.IsCapitalised(s.toks[h.End].Text) {
		return false
	}
	return true
}

// markReferences applies reference and behalf rules to the mentions.
func (s *sentence) markReferences(sc *scratch) {
	if len(s.mentions) == 0 {
		return
	}
	frontEnd := -1
	for _, h := range s.hits {
		r, ok := h.Rule.(*rules.Reference)
		if !ok || r.Position != "fronted" || h.Start != 0 {
			continue
		}
		for i := h.End; i < len(s.toks); i++ {
			if s.toks[i].Text == "," {
				frontEnd = s.listEnd(i)
				break
			}
		}
	}
	// Only hits that end where a mention starts or start where it ends can
	// mark it. Most sentences have few such hits and mentions, and each
	// mention scans the hits; with many (thousands of names), an index by
	// position lets each mention look at a few hits, not all of them.
	refs := sc.refs[:0]
	for k, h := range s.hits {
		switch h.Rule.(type) {
		case *rules.Reference, *rules.Behalf:
			refs = append(refs, k)
		}
	}
	sc.refs = refs
	var byEnd, byStart map[int][]int
	if len(refs)*len(s.mentions) > 256 {
		byEnd, byStart = map[int][]int{}, map[int][]int{}
		for _, k := range refs {
			h := s.hits[k]
			byEnd[h.End] = append(byEnd[h.End], k)
			byStart[h.Start] = append(byStart[h.Start], k)
		}
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		near := sc.near[:0]
		if byEnd == nil {
			for _, k := range refs {
				if h := &s.hits[k]; h.End == m.start || h.Start == m.end {
					near = append(near, k)
				}
			}
		} else {
			near = append(append(near, byEnd[m.start]...), byStart[m.end]...)
			slices.Sort(near) // hit order: a later hit's reason wins, as it always has
			near = slices.Compact(near)
		}
		sc.near = near
		for _, k := range near {
			h := s.hits[k]
			switch r := h.Rule.(type) {
			case *rules.Reference:
				if r.Position == "before" && h.End == m.start {
					m.ref = "after " + quote(s.span(h.Start, h.End)) + " (" + r.ID + ")"
				}
				if r.Position == "after" && h.Start == m.end {
					m.ref = "before " + quote(s.span(h.Start, h.End)) + " (" + r.ID + ")"
				}
			case *rules.Behalf:
				if h.End == m.start && s.behalfOfSpeaker(h) {
					m.behalf = true
				}
			}
		}
		if m.start < frontEnd {
			m.ref = "inside the fronted phrase " + quote(s.span(0, frontEnd))
		}
		// In "along with Iran and Cuba" the second name is a reference too.
		if i > 0 && m.ref == "" && s.mentions[i-1].ref != "" && s.coordinated(s.mentions[i-1], *m) && !(s.mentions[i-1].start < frontEnd && m.start > frontEnd) {
			m.ref = "coordinated with a reference " + quote(s.span(s.mentions[i-1].start, s.mentions[i-1].end))
		}
	}
}

// listEnd returns the comma that ends a fronted phrase whose first comma,
// at token i, only separates the names of a list: in "Together with Russia,
// China and Nicaragua, Bolivia co-sponsored", the phrase ends at the comma
// before Bolivia. Otherwise it is i.
func (s *sentence) listEnd(i int) int {
	// Mentions are in start order: a search finds the one at k, so a list
	// of thousands of names stays linear.
	at := func(k int) (mention, bool) {
		i := sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].start >= k })
		if i < len(s.mentions) && (s.mentions[i].start == k || s.mentions[i].start == k+1 && s.toks[k].Fold == "the") {
			return s.mentions[i], true
		}
		return mention{}, false
	}
	tok := func(k int) string {
		if k < len(s.toks) {
			return s.toks[k].Fold
		}
		return ""
	}
	for j := i; ; {
		m, ok := at(j + 1)
		if !ok {
			return i
		}
		switch tok(m.end) {
		case ",":
			j = m.end // "Russia, China, and Nicaragua," goes on
		case "and", "or":
			last, ok := at(m.end + 1)
			if !ok || tok(last.end) != "," || tok(last.end+1) == "which" || tok(last.end+1) == "who" {
				return i
			}
			return last.end
		default:
			return i
		}
	}
}

// behalfOfSpeaker reports whether an "on behalf of" phrase qualifies the
// speaker ("Finland, on behalf of the EU, ...", "Speaking on behalf of the
// EU, ...") rather than an object ("statements delivered on behalf of the EU").
func (s *sentence) behalfOfSpeaker(h rules.Hit) bool {
	if h.Start == 0 {
		return true
	}
	switch s.toks[h.Start-1].Fold {
	case ",", "speaking", "speaks", "spoke", "speak", "statement", "delegation":
		return true
	}
	return false
}

// coordinated reports whether b follows a joined only by "and", "or" or a comma.
func (s *sentence) coordinated(a, b mention) bool {
	if b.start <= a.end {
		return false
	}
	for i := a.end; i < b.start; i++ {
		switch s.toks[i].Fold {
		case ",", "and", "or", "nor", "as", "well", "the":
		default:
			return false
		}
	}
	return b.start-a.end <= 4
}

// openers are capitalised only because they start the sentence, so they do
// not make an ambiguous alias after them part of a longer name.
var openers = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an in on at for both and but unlike like with since while as also
		however meanwhile today then neither nor by from under after before during although despite whereas only
		even so thus this that these those it its our we when where both either`) {
		openers[w] = true
	}
}

func quote(s string) string { return "\"" + collapse(s) + "\"" }
