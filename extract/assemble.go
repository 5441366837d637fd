package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
)

// claimant is who holds the position of a sentence, and how we know.
type claimant struct {
	actor    *rules.Actor
	because  schema.Because
	sentence int // where the claimant was named
	// group is set for a claimant named by a demonym with a plural noun
	// ("Latvian diplomats"), whom "They" may carry on.
	group bool
}

// docState carries context from sentence to sentence within one document.
type docState struct {
	speaker *claimant
	last    []claimant // the last sentence's claimants, for anaphora
	prev    []draft    // the previous sentence's claims, for elaboration
	// topics are those of sentence topicsAt, the last with a claimant and
	// a topic cue, for topic anaphors ("such an instrument").
	topics   []string
	topicsAt int
}

// recallWithin is how many sentences back a topic anaphor reaches: "such
// an instrument" names what the last sentence or two discussed.
const recallWithin = 2

// draft is a claim before ids and sources are attached.
type draft struct {
	who      claimant
	topic    string
	topicBy  schema.Because
	stance   string
	stanceBy schema.Because
	negation *schema.Because
}

// topicHit is a surviving topic cue.
type topicHit struct {
	rule *rules.Topic
	hit  rules.Hit
}

// atSubject reports whether token i is where the subject may start: the
// first token, or the one after one or two short opening phrases that end
// in a comma or a colon ("In addition, it ...", "Four years later, wary of
// a permanent body, it ...", "Sovereignty: It ...").
func (s *sentence) atSubject(i int) bool {
	if i == 0 {
		return true
	}
	openers := 0 // opening phrases seen, each ended by a comma or a colon
	for j := 0; j < len(s.toks) && j < 16 && openers < 2; j++ {
		// A label ends like an opening phrase: "Binding instrument: The
		// government ...", "A: It ...".
		if t := s.toks[j].Text; t == "," || t == ":" {
			if i == j+1 {
				return true
			}
			openers++
		}
	}
	return false
}

// claimants decides who holds the sentence's position.
func (s *sentence) claimants(st *docState, tr *SentenceTrace) []claimant {
	var first *mention
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.behalf {
			if tr != nil {
				tr.note("claimant %s: named after %q", m.actor.Code, "on behalf of")
			}
			return s.chain(i, "named after an \"on behalf of\" phrase")
		}
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.ref != "" {
			if tr != nil {
				tr.drop("%s %q is not the claimant: %s", m.actor.Code, s.span(m.start, m.end), m.ref)
			}
			continue
		}
		if first == nil {
			first = m
		}
	}
	// An anaphor in subject position before any named actor refers back.
	for _, h := range s.hits {
		a, ok := h.Rule.(*rules.Anaphor)
		if !ok || !s.atSubject(h.Start) || (first != nil && first.start < h.Start) || s.overlapsMention(h) {
			continue
		}
		phrase := s.span(h.Start, h.End)
		if a.FirstPerson {
			if st.speaker == nil {
				if tr != nil {
					tr.drop("first-person %q: the document names no speaker", phrase)
				}
				return nil
			}
			c := *st.speaker
			c.because = schema.Because{Rule: a.ID, Spans: s.spans(h.Start, h.End), Note: "first person: the document's speaker " + c.actor.Code}
			if tr != nil {
				tr.note("claimant %s: first person %q refers to the speaker", c.actor.Code, phrase)
			}
			return []claimant{c}
		}
		if len(st.last) == 0 {
			if tr != nil {
				tr.drop("anaphor %q: no earlier claimant in this document", phrase)
			}
			return nil
		}
		// "It" and "The country" are singular: they carry the first of
		// "Estonia and Finland", not both. "They" carries both, or the
		// group of "Latvian diplomats", and nothing after a single state.
		out := st.last[:1]
		if a.Plural {
			if len(st.last) == 1 && !st.last[0].group {
				if tr != nil {
					tr.drop("plural anaphor %q: the last claimant, %s, is one state, not a group", phrase, st.last[0].actor.Code)
				}
				return nil
			}
			out = st.last
		}
		out = slices.Clone(out)
		for k := range out {
			out[k].because = schema.Because{Rule: a.ID, Spans: s.spans(h.Start, h.End), Note: fmt.Sprintf("carried from sentence %d by %q", out[k].sentence, phrase)}
		}
		if tr != nil {
			tr.note("claimant %s: anaphor %q carries the last claimant", codes(out), phrase)
		}
		return out
	}
	if first == nil {
		return nil
	}
	idx := slices.IndexFunc(s.mentions, func(m mention) bool { return m.start == first.start })
	out := s.chain(idx, "first actor not marked as a reference (subject)")
	if tr != nil {
		tr.note("claimant %s: %s", codes(out), "first actor not marked as a reference")
	}
	return out
}

// overlapsMention reports whether a hit covers a named actor: "the Chinese
// delegation" names China, it does not refer back.
func (s *sentence) overlapsMention(h rules.Hit) bool {
	for _, m := range s.mentions {
		if m.start < h.End && h.Start < m.end {
			return true
		}
	}
	return false
}

// chain returns the mention at i and any actors coordinated with it
// ("Estonia and Finland support ...").
func (s *sentence) chain(i int, note string) []claimant {
	mk := func(m mention) claimant {
		return claimant{actor: m.actor, sentence: s.n, because: schema.Because{Rule: m.actor.ID, Spans: s.spans(m.start, m.end), Note: note}, group: m.hit.Role == rules.RoleDemonym}
	}
	out := []claimant{mk(s.mentions[i])}
	for j := i + 1; j < len(s.mentions); j++ {
		if s.mentions[j].ref != "" || !s.coordinated(s.mentions[j-1], s.mentions[j]) || s.mentions[j].actor == s.mentions[i].actor {
			break
		}
		out = append(out, mk(s.mentions[j]))
	}
	return out
}

func codes(cs []claimant) string {
	out := ""
	for i, c := range cs {
		if i > 0 {
			out += "+"
		}
		out += c.actor.Code
	}
	return out
}

// metadata reports whether the unit opens like a source or metadata line.
func (s *sentence) metadata() bool {
	for _, h := range s.hits {
		if _, ok := h.Rule.(*rules.Metadata); ok && h.Start == 0 {
			return true
		}
	}
	return false
}

// question reports whether the sentence is a question: its last token,
// closing quotes and brackets aside, is a question mark.
func (s *sentence) question() bool {
	for i := len(s.toks) - 1; i >= 0; i-- {
		switch s.toks[i].Text {
		case "?":
			return true
		case "\"", "'", "”", "’", ")", "]":
			continue
		}
		return false
	}
	return false
}

// elaborates reports whether the sentence opens with an elaboration phrase.
func (s *sentence) elaborates() *rules.Hit {
	for i, h := range s.hits {
		// Only at the very start: "…, in particular the UN Charter, …" elaborates nothing.
		if _, ok := h.Rule.(*rules.Elaboration); ok && h.Start == 0 {
			return &s.hits[i]
		}
	}
	return nil
}

// topicGroup is one topic's surviving cues, in hit order.
type topicGroup struct {
	topic string
	hits  []topicHit
	note  string // why a recalled topic stands here
}

// topics returns the surviving topic cues by topic, in spec order. A
// sentence has few topic cues: short lists searched in turn cost less
// than the maps they replace.
func (s *sentence) topics(tr *SentenceTrace) []topicGroup {
	var buf [16]string
	present := buf[:0] // every topic with a cue, before any yields
	n := 0
	for _, h := range s.hits {
		if t, ok := h.Rule.(*rules.Topic); ok {
			n++
			if !slices.Contains(present, t.Topic) {
				present = append(present, t.Topic)
			}
		}
	}
	if n == 0 {
		return nil
	}
	all := make([]topicHit, 0, n)
	var groups []topicGroup
	for _, topic := range schema.Topics {
		if !slices.Contains(present, topic) {
			continue
		}
		from := len(all)
		for _, h := range s.hits {
			t, ok := h.Rule.(*rules.Topic)
			if !ok || t.Topic != topic {
				continue
			}
			if sup := firstPresent(t.SuppressedBy, present, topic); sup != "" {
				if tr != nil {
					tr.drop("topic %s cue %q yields to %s in the same sentence (%s)", topic, s.span(h.Start, h.End), sup, t.ID)
				}
				continue
			}
			all = append(all, topicHit{rule: t, hit: h})
		}
		if len(all) > from {
			groups = append(groups, topicGroup{topic: topic, hits: all[from:len(all):len(all)]})
		}
	}
	return groups
}

func firstPresent(list, present []string, self string) string {
	for _, t := range list {
		if t != self && slices.Contains(present, t) {
			return t
		}
	}
	return ""
}

// stance picks the stance for one topic: the nearest strong cue in the
// topic's clause, else a weak cue there, else the nearest cue anywhere in the
// sentence; negators in scope flip it. No cue gives neutral.
func (s *sentence) stance(hs []topicHit) (string, schema.Because, *schema.Because) {
	type cand struct {
		tier, dist, order int
		th                topicHit
		cue               rules.Hit
	}
	var best cand // a value, not a pointer: no allocation per candidate
	found := false
	cues := s.cueIndex()
	for _, th := range hs {
		if th.rule.Stance != "" {
			// The cue carries its stance: it is its own, nearest, strongest cue.
			if !found || best.tier > -1 {
				best, found = cand{tier: -1, th: th, cue: th.hit}, true
			}
			continue
		}
		// The best cue for this topic cue: lowest tier, then nearest, then first.
		tier, d, k, ok := cues.nearest(th.hit)
		if !ok {
			continue
		}
		c := cand{tier: tier, dist: d, order: k, th: th, cue: s.hits[k]}
		if !found || c.tier < best.tier || (c.tier == best.tier && c.dist < best.dist) {
			best, found = c, true
		}
	}
	if !found {
		return "neutral", schema.Because{Rule: "stance.default", Note: "no stance cue in the sentence"}, nil
	}
	var stance, id string
	if st, ok := best.cue.Rule.(*rules.Stance); ok {
		stance, id = st.Stance, st.ID
	} else {
		stance, id = best.th.rule.Stance, best.th.rule.ID
	}
	by := schema.Because{Rule: id, Spans: s.spans(best.cue.Start, best.cue.End)}
	neg := s.negators(best.th.hit, best.cue)
	if len(neg)%2 == 1 && stance != "neutral" {
		was := stance
		if stance == "supports" {
			stance = "opposes"
		} else {
			stance = "supports"
		}
		h := neg[0]
		nb := &schema.Because{Rule: h.Rule.Info().ID, Spans: s.spans(h.Start, h.End), Note: fmt.Sprintf("%q flips %s cue %q", s.span(h.Start, h.End), was, s.span(best.cue.Start, best.cue.End))}
		return stance, by, nb
	}
	return stance, by, nil
}

// negators returns the distinct negator spans that reach the cue or the topic.
func (s *sentence) negators(topic, cue rules.Hit) []rules.Hit {
	var out []rules.Hit
	for _, h := range s.hits {
		g, ok := h.Rule.(*rules.Negation)
		if !ok {
			continue
		}
		var target rules.Hit
		if g.Object {
			target = topic
		} else {
			target = cue
		}
		// insideTopic scans every hit: ask it only of the few negators in scope.
		inScope := h.End <= target.Start && target.Start-h.End <= g.Scope && s.clause[h.Start] == s.clause[target.Start]
		if !(inScope || !g.Object && s.negatesOpinion(h, topic, cue)) || s.insideTopic(h) {
			continue
		}
		// Negators in scope are a few: a search of out replaces a set. One
		// word that both reaches the cue and negates an opinion flips once.
		// Overlapping negators are one word: "there is no" holds the "no"
		// that negation.cue finds again.
		if !slices.ContainsFunc(out, func(o rules.Hit) bool { return o.Start < h.End && h.Start < o.End }) {
			out = append(out, h)
		}
	}
	// "Neither Georgia nor Moldova supported the treaty": a "neither" and
	// the "nor" after it deny once, not twice.
	for i := 0; i < len(out); i++ {
		if s.toks[out[i].Start].Fold != "neither" {
			continue
		}
		if slices.ContainsFunc(out[i+1:], func(o rules.Hit) bool { return s.toks[o.Start].Fold == "nor" }) {
			out = slices.Delete(out, i, i+1)
			i--
		}
	}
	return out
}

// negatesOpinion reports whether negator h negates a reporting verb (a weak
// stance cue: "does not consider", "is not persuaded that") whose
// complement holds both the topic and the chosen cue: "The US does not
// consider a new treaty to be necessary" denies what "necessary" supports,
// however far the cue is from the negator.
func (s *sentence) negatesOpinion(h, topic, cue rules.Hit) bool {
	c := s.clause[h.Start]
	if s.clause[topic.Start] != c || s.clause[cue.Start] != c {
		return false
	}
	// Hits are in start order: look only at those starting right after h,
	// so a sentence of thousands of negators stays linear.
	i := sort.Search(len(s.hits), func(i int) bool { return s.hits[i].Start >= h.End })
	for ; i < len(s.hits) && s.hits[i].Start <= h.End+1; i++ {
		w := s.hits[i]
		if st, ok := w.Rule.(*rules.Stance); ok && st.Weak {
			return w.End <= topic.Start && w.End <= cue.Start
		}
	}
	return false
}

func (s *sentence) insideTopic(n rules.Hit) bool {
	for _, h := range s.hits {
		if _, ok := h.Rule.(*rules.Topic); ok && h.Start <= n.Start && n.End <= h.End {
			return true
		}
	}
	return false
}

// spans converts tokens [i, j) to a document span.
func (s *sentence) spans(i, j int) []schema.Span {
	if i >= j {
		return nil
	}
	return []schema.Span{{Start: s.toks[i].Start, End: s.toks[j-1].End, Text: s.span(i, j)}}
}

// assemble turns an analysed sentence into drafts, updating the document state.
func (s *sentence) assemble(st *docState, tr *SentenceTrace) []draft {
	if s.metadata() {
		tr.note("metadata line: no claims, no context")
		return nil
	}
	if s.unit.Heading || s.question() {
		// A heading names, a question asks: neither states a position,
		// but both set who "it" and "the government" are next.
		if who := s.claimants(st, tr); len(who) > 0 {
			st.last = who
			tr.note("heading or question: sets the context for anaphora, makes no claim")
		}
		st.prev = nil
		return nil
	}
	var who []claimant
	e := s.elaborates()
	if e == nil || len(st.prev) == 0 || (e.End < len(s.toks) && s.toks[e.End].Text == ",") {
		// "In particular, Peru ..." names its own claimant; "Notable examples
		// include Ukraine" does not: there Ukraine is an object.
		who = s.claimants(st, tr)
	}
	if len(who) == 0 {
		if e != nil && len(st.prev) > 0 {
			if tr != nil {
				tr.note("elaboration %q: inherits the previous sentence's claims", s.span(e.Start, e.End))
			}
			out := make([]draft, len(st.prev))
			for i, d := range st.prev {
				d.who.because.Note = fmt.Sprintf("carried from sentence %d by elaboration %q", s.n-1, s.span(e.Start, e.End))
				d.topicBy.Note = fmt.Sprintf("carried from sentence %d", s.n-1)
				d.stanceBy.Note = fmt.Sprintf("carried from sentence %d", s.n-1)
				out[i] = d
			}
			st.prev = out
			return out
		}
		if len(s.mentions) == 0 {
			tr.drop("no claimant: no actor, anaphor or elaboration")
		} else {
			tr.drop("no claimant: every actor is a reference point")
		}
		st.prev = nil
		return nil
	}
	st.last = who
	groups := s.topics(tr)
	if len(groups) == 0 {
		groups = s.recall(st, tr)
	} else {
		st.topics, st.topicsAt = st.topics[:0], s.n
		for _, g := range groups {
			st.topics = append(st.topics, g.topic)
		}
	}
	var out []draft
	for _, g := range groups {
		stance, stBy, neg := s.stance(g.hits)
		th := g.hits[0]
		for _, c := range who {
			out = append(out, draft{who: c, topic: g.topic, topicBy: schema.Because{Rule: th.rule.ID, Spans: s.spans(th.hit.Start, th.hit.End), Note: g.note}, stance: stance, stanceBy: stBy, negation: neg})
		}
	}
	if len(groups) == 0 {
		if tr != nil {
			tr.drop("claimant %s found, but no topic cue", codes(who))
		}
	}
	st.prev = out
	return out
}

// recall returns, for a sentence with no topic cue of its own, the topics
// a topic anaphor in it stands for: those of the last sentence with a topic
// cue, at most recallWithin sentences back, that the anaphor may name.
func (s *sentence) recall(st *docState, tr *SentenceTrace) []topicGroup {
	if len(st.topics) == 0 || s.n-st.topicsAt > recallWithin {
		return nil
	}
	for _, h := range s.hits {
		a, ok := h.Rule.(*rules.TopicAnaphor)
		if !ok {
			continue
		}
		var groups []topicGroup
		for _, topic := range st.topics {
			if len(a.Topics) > 0 && !slices.Contains(a.Topics, topic) {
				continue
			}
			groups = append(groups, topicGroup{topic: topic, hits: []topicHit{{rule: a.As[topic], hit: h}}, note: fmt.Sprintf("stands for the topic of sentence %d", st.topicsAt)})
		}
		if len(groups) > 0 {
			if tr != nil {
				var names []string
				for _, g := range groups {
					names = append(names, g.topic)
				}
				tr.note("topic anaphor %q: stands for %s of sentence %d", s.span(h.Start, h.End), strings.Join(names, ", "), st.topicsAt)
			}
			return groups
		}
	}
	return nil
}

// sortedUnique sorts and deduplicates a list of symbols; never nil.
func sortedUnique(in []string) []string {
	out := append([]string{}, in...)
	sort.Strings(out)
	return slices.Compact(out)
}
