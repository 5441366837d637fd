package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/rules/token"
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

// analyze tokenizes a unit and applies every rule to it.
func (x *Extractor) analyze(src string, n int, u Unit, sc *scratch) *sentence {
	s := &sentence{n: n, unit: u, text: src[u.Start:u.End]}
	s.toks = x.set.Tokenizer.Tokenize(s.text, u.Start)
	all := x.set.Matcher.Match(s.toks)
	s.hits = s.cancelExceptions(all)
	s.clauses(x)
	s.findMentions()
	s.cites = x.citations(src, u, &sc.cites)
	return s
}

// scratch is one Extract call's working memory, reused from sentence to
// sentence: an Extractor is shared by workers, so it cannot hold any.
type scratch struct {
	cites rules.CitationScan
}

// cancelExceptions drops every hit that overlaps an exception of its own rule.
func (s *sentence) cancelExceptions(all []rules.Hit) []rules.Hit {
	// cover maps, per rule, each token an exception covers to the first such
	// exception: checking a hit then costs its own length, not the number of
	// exceptions in the sentence, which keeps very long sentences linear.
	var exc []rules.Hit
	cover := map[rules.Rule]map[int]int{}
	for _, h := range all {
		if h.Role != rules.RoleException {
			continue
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
	out := all[:0:0]
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
			e := exc[first]
			s.dropped = append(s.dropped, dropped{what: h.Rule.Info().ID + " " + quote(s.span(h.Start, h.End)), why: "exception " + quote(e.Pattern.Source) + " matched " + quote(s.span(e.Start, e.End))})
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
func (s *sentence) clauses(x *Extractor) {
	s.clause = make([]int, len(s.toks)+1)
	starts := map[int]bool{}
	for _, h := range s.hits {
		if _, ok := h.Rule.(*rules.Boundary); ok {
			starts[h.Start] = true
		}
	}
	c := 0
	for i := range s.clause {
		if starts[i] {
			c++
		}
		s.clause[i] = c
	}
}

// findMentions collects actor mentions, longest first where they overlap, and
// marks those that are only reference points.
func (s *sentence) findMentions() {
	var cands []mention
	for _, h := range s.hits {
		a, ok := h.Rule.(*rules.Actor)
		if !ok {
			continue
		}
		if h.Role == rules.RoleAmbiguous && !s.clearlyNamed(h) {
			s.dropped = append(s.dropped, dropped{what: a.ID + " " + quote(s.span(h.Start, h.End)), why: "ambiguous alias next to a capitalised word or not capitalised as written"})
			continue
		}
		cands = append(cands, mention{actor: a, start: h.Start, end: h.End, hit: h})
	}
	// Longest match wins ("South Sudan" over "Sudan"), then the earlier one.
	// Taking candidates in that order and keeping each that overlaps nothing
	// kept so far is the same as picking the best again and again, without
	// its quadratic cost on sentences with thousands of names.
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.end-a.start != b.end-b.start {
			return a.end-a.start > b.end-b.start
		}
		return a.start < b.start
	})
	taken := make([]bool, len(s.toks))
	var picked []mention
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
	s.mentions = picked
	s.markReferences()
}

func sortMentions(ms []mention) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
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
func (s *sentence) markReferences() {
	frontEnd := -1
	for _, h := range s.hits {
		r, ok := h.Rule.(*rules.Reference)
		if !ok || r.Position != "fronted" || h.Start != 0 {
			continue
		}
		for i := h.End; i < len(s.toks); i++ {
			if s.toks[i].Text == "," {
				frontEnd = i
				break
			}
		}
	}
	// Only hits that end where a mention starts or start where it ends can
	// mark it: index them by those positions so each mention looks at a few
	// hits, not all of them.
	byEnd, byStart := map[int][]int{}, map[int][]int{}
	for k, h := range s.hits {
		switch h.Rule.(type) {
		case *rules.Reference, *rules.Behalf:
			byEnd[h.End] = append(byEnd[h.End], k)
			byStart[h.Start] = append(byStart[h.Start], k)
		}
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		near := append(append([]int{}, byEnd[m.start]...), byStart[m.end]...)
		sort.Ints(near) // hit order: a later hit's reason wins, as it always has
		near = slices.Compact(near)
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
		case ",", "and", "or", "as", "well", "the":
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
