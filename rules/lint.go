package rules

import (
	"fmt"

	"github.com/cyberclaims/claims/schema"
)

// Lint reports problems that do not stop a rule set from loading but make it
// worse: patterns that can never match, patterns that must be tried at every
// token (no first word to file them under, which slows every document),
// patterns their own exceptions always cancel, and topics of the spec that no
// rule describes.
func Lint(s *Set) Errors {
	var out Errors
	lint := func(r Rule, p *Pattern, format string, args ...any) {
		b := r.Info()
		line, col := b.Line, b.Col
		if p != nil {
			line, col = p.Line, p.Col
		}
		out = append(out, &Error{File: b.File, Line: line, Col: col, Rule: b.ID, Kind: KindLint, Message: fmt.Sprintf(format, args...)})
	}
	// unfiled reports a pattern the matcher cannot file under a first word.
	unfiled := func(r Rule, p *Pattern, what string) {
		if _, _, wild := p.startKeys(); wild {
			lint(r, p, "%s %q may start with any token (an expression, a gap or an optional word first), so it is tried at every token of every sentence: start it with a word", what, p.Source)
		}
	}
	check := func(r Rule, ps, exceptions []*Pattern) {
		for _, e := range exceptions {
			unfiled(r, e, "exception")
		}
		for _, p := range ps {
			if why := p.Never(); why != "" {
				lint(r, p, "pattern %q can never match: %s", p.Source, why)
			} else {
				unfiled(r, p, "pattern")
			}
			for _, e := range exceptions {
				if e.Source == p.Source {
					lint(r, p, "pattern %q is also an exception, so it never takes effect", p.Source)
				}
			}
		}
	}
	topics := map[string]bool{}
	for _, r := range s.Rules {
		switch r := r.(type) {
		case *Actor:
			check(r, append(append(append([]*Pattern{}, r.Aliases...), r.Ambiguous...), r.Demonyms...), r.Exceptions)
		case *Topic:
			topics[r.Topic] = true
			check(r, r.Patterns, r.Exceptions)
		case *Stance:
			check(r, r.Patterns, r.Exceptions)
		case *Negation:
			check(r, r.Patterns, r.Exceptions)
		case *Boundary:
			check(r, r.Patterns, nil)
		case *Reference:
			check(r, r.Patterns, nil)
		case *Behalf:
			check(r, r.Patterns, nil)
		case *Anaphor:
			check(r, r.Patterns, nil)
		case *TopicAnaphor:
			check(r, r.Patterns, r.Exceptions)
		case *Elaboration:
			check(r, r.Patterns, nil)
		case *Speaker:
			check(r, r.Patterns, nil)
		case *Metadata:
			check(r, r.Patterns, nil)
		}
	}
	for _, t := range schema.Topics {
		if !topics[t] {
			file := "rules"
			if len(s.Files) > 0 {
				file = s.Files[0]
			}
			out = append(out, &Error{File: file, Line: 1, Col: 1, Kind: KindLint, Message: fmt.Sprintf("topic %s has no topic rule, so nothing describes or detects it", t)})
		}
	}
	return out.sorted()
}
