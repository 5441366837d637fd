package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMayHaveFootnoteHoldsWheneverTheExpressionMatches keeps the cheap
// check a necessary condition of footnoteBreak, so skipping the expression
// when it fails can never change a split.
func TestMayHaveFootnoteHoldsWheneverTheExpressionMatches(t *testing.T) {
	parts := []string{"law", ".", "!", "?", "\"", "'", "”", "’", ")", "[", "]", "[ 4 ]", "4", "12", "1234", " ", "  ", "\n", "The", "“The", "é", "x", "Ünited", "[x]"}
	rng := rand.New(rand.NewPCG(3, 4))
	matched := 0
	for range 200000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			// Shaped like a glued footnote, each piece possibly missing.
			for _, choice := range [][]string{{"law", "é", ""}, {".", "!", "?", ""}, {"", "\"", "”", ")", "’)"}, {"4", "123", "[4]", "[ ab ]", "", "x"}, {" ", "\n ", ""}, {"", "“", "\""}, {"The", "Ünited", "the"}} {
				b.WriteString(choice[rng.IntN(len(choice))])
			}
		} else {
			for range 1 + rng.IntN(10) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
		}
		s := b.String()
		if footnoteBreak.MatchString(s) {
			matched++
			if !mayHaveFootnote(s) {
				t.Fatalf("footnoteBreak matches %q but mayHaveFootnote says no", s)
			}
		}
	}
	if matched < 100 {
		t.Errorf("only %d matches: the test checks little", matched)
	}
	for s, want := range map[string]bool{"operations.3 The": true, "law.[4] The": true, "law.” 4": false, "law.”4": true, "No footnote here. None.": false} {
		if got := mayHaveFootnote(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func FuzzMayHaveFootnote(f *testing.F) {
	f.Add("operations.3 The")
	f.Fuzz(func(t *testing.T, s string) {
		if footnoteBreak.MatchString(s) && !mayHaveFootnote(s) {
			t.Fatalf("footnoteBreak matches %q but mayHaveFootnote says no", s)
		}
	})
}
