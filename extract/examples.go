package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cyberclaims/claims/rules"
)

// ExampleFailure is a rule example that did not behave as its rule promises.
type ExampleFailure struct {
	File      string
	Line, Col int
	Rule      string
	Text      string
	Want, Got string
}

// String reads like a rules load error, with the same [kind] suffix.
func (f ExampleFailure) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: example %q: expected %s, got %s [%s]", f.File, f.Line, f.Col, f.Rule, f.Text, f.Want, f.Got, rules.KindExample)
}

// TestRules runs every rule's examples through the same code extraction
// uses and returns the failures, in rule file order.
func (x *Extractor) TestRules() []ExampleFailure {
	var out []ExampleFailure
	for _, r := range x.set.Rules {
		b := r.Info()
		for _, ex := range b.Match {
			ok, got := x.fires(r, ex.Text)
			switch {
			case !ok:
				out = append(out, ExampleFailure{b.File, ex.Line, ex.Col, b.ID, ex.Text, "a match", "none" + got})
			case ex.HasYields && got != "["+strings.Join(sortedUnique(ex.Yields), " ")+"]":
				out = append(out, ExampleFailure{b.File, ex.Line, ex.Col, b.ID, ex.Text, fmt.Sprint(sortedUnique(ex.Yields)), got})
			}
		}
		for _, ex := range b.NoMatch {
			if ok, got := x.fires(r, ex.Text); ok {
				out = append(out, ExampleFailure{b.File, ex.Line, ex.Col, b.ID, ex.Text, "no match", "a match " + got})
			}
		}
	}
	return out
}

// fires reports whether rule r takes effect in text, as extraction would
// apply it, and says what it found.
func (x *Extractor) fires(r rules.Rule, text string) (bool, string) {
	units := x.seg.Segment(text)
	if a, ok := r.(*rules.Abbreviation); ok {
		_ = a
		return len(units) == 1, fmt.Sprintf(" (%d units)", len(units))
	}
	var syms []string
	found := false
	sc := &scratch{}
	for i, u := range units {
		s := x.analyze(text, i+1, u, sc, false)
		switch r := r.(type) {
		case *rules.Actor:
			for _, m := range s.mentions {
				if m.actor == r {
					return true, fmt.Sprintf("%q", s.span(m.start, m.end))
				}
			}
		case *rules.Citation:
			for _, c := range s.cites {
				if c.rule == r {
					found = true
					syms = append(syms, c.symbol)
				}
			}
		case *rules.Lexicon:
			if lexiconIn(x.set, r, s) {
				return true, ""
			}
		case *rules.Topic:
			for _, g := range s.topics(nil) {
				for _, th := range g.hits {
					if th.rule == r {
						return true, fmt.Sprintf("%q", s.span(th.hit.Start, th.hit.End))
					}
				}
			}
		default:
			for _, h := range s.hits {
				if h.Rule == r && s.applies(h) {
					return true, fmt.Sprintf("%q", s.span(h.Start, h.End))
				}
			}
		}
	}
	if found {
		return true, "[" + strings.Join(sortedUnique(syms), " ") + "]"
	}
	return false, ""
}

// applies reports whether a hit is in a position where its kind takes effect.
func (s *sentence) applies(h rules.Hit) bool {
	switch r := h.Rule.(type) {
	case *rules.Reference:
		for _, m := range s.mentions {
			if strings.Contains(m.ref, r.ID) || (r.Position == "fronted" && strings.HasPrefix(m.ref, "inside the fronted phrase")) {
				return true
			}
		}
		return false
	case *rules.Behalf:
		return slices.ContainsFunc(s.mentions, func(m mention) bool { return m.start == h.End })
	case *rules.Metadata:
		return h.Start == 0
	case *rules.Elaboration:
		return h.Start == 0
	case *rules.Anaphor:
		return s.atSubject(h.Start)
	case *rules.Speaker:
		return slices.ContainsFunc(s.mentions, func(m mention) bool { return m.start >= h.End && m.start <= h.End+2 })
	}
	return true
}

func lexiconIn(set *rules.Set, l *rules.Lexicon, s *sentence) bool {
	for _, e := range l.Entries {
		p, err := rules.CompilePattern(e, set.Tokenizer, nil)
		if err != nil {
			continue
		}
		for i := range s.toks {
			if p.MatchAt(s.toks, i) > i {
				return true
			}
		}
	}
	return false
}
