package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/cyberclaims/claims/rules"
)

// SentenceTrace explains what the rules did with one unit.
type SentenceTrace struct {
	N                int
	Start, End, Line int
	Heading          bool
	Text             string
	Tokens           []string
	// Fired lists every rule hit: rule id, role and the text it matched.
	Fired []string
	// Notes say how the claimant, topics and stance were chosen.
	Notes []string
	// Dropped says which candidates were set aside, and why.
	Dropped []string
	Claims  []string
}

// note and drop record a choice when tracing (t is nil otherwise). Callers
// with arguments test t first: the arguments would be made, and escape to
// the heap, even for a nil t.
func (t *SentenceTrace) note(format string, args ...any) {
	if t != nil {
		t.Notes = append(t.Notes, fmt.Sprintf(format, args...))
	}
}

func (t *SentenceTrace) drop(format string, args ...any) {
	if t != nil {
		t.Dropped = append(t.Dropped, fmt.Sprintf(format, args...))
	}
}

var roleNames = map[rules.Role]string{rules.RolePattern: "", rules.RoleAlias: " alias", rules.RoleAmbiguous: " ambiguous alias", rules.RoleDemonym: " demonym", rules.RoleException: " exception"}

func (t *SentenceTrace) fill(s *sentence) {
	for _, tok := range s.toks {
		t.Tokens = append(t.Tokens, tok.Text)
	}
	for _, h := range s.hits {
		t.Fired = append(t.Fired, fmt.Sprintf("%s%s %q [tokens %d-%d] pattern %q", h.Rule.Info().ID, roleNames[h.Role], s.span(h.Start, h.End), h.Start, h.End, h.Pattern.Source))
	}
	for _, c := range s.cites {
		t.Fired = append(t.Fired, fmt.Sprintf("%s %q -> %s", c.rule.ID, s.text[c.start-s.unit.Start:c.end-s.unit.Start], c.symbol))
	}
	for _, d := range s.dropped {
		t.Dropped = append(t.Dropped, d.what+": "+d.why)
	}
}

// WriteText prints traces for people: one block per sentence.
func WriteText(w io.Writer, doc string, ts []SentenceTrace) error {
	var b strings.Builder
	for _, t := range ts {
		kind := "sentence"
		if t.Heading {
			kind = "heading"
		}
		fmt.Fprintf(&b, "%s:%d: %s %d [bytes %d-%d]\n  %s\n", doc, t.Line, kind, t.N, t.Start, t.End, t.Text)
		fmt.Fprintf(&b, "  tokens: %s\n", strings.Join(t.Tokens, " | "))
		for _, f := range t.Fired {
			fmt.Fprintf(&b, "  fired:   %s\n", f)
		}
		for _, n := range t.Notes {
			fmt.Fprintf(&b, "  chose:   %s\n", n)
		}
		for _, d := range t.Dropped {
			fmt.Fprintf(&b, "  dropped: %s\n", d)
		}
		if len(t.Claims) == 0 {
			b.WriteString("  claims:  none\n")
		}
		for _, c := range t.Claims {
			fmt.Fprintf(&b, "  claim:   %s\n", c)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
