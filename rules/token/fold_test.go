package token

import (
	"strings"
	"testing"
)

// slowFold is Fold as first written: ASCII without capitals unchanged,
// anything else folded rune by rune.
func slowFold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			var b strings.Builder
			for _, r := range s {
				b.WriteRune(foldRune(r))
			}
			return b.String()
		}
	}
	return s
}

// TestFoldShortcutIsFoldRunes: the byte-wise path for ASCII gives what
// folding rune by rune gave.
func TestFoldShortcutIsFoldRunes(t *testing.T) {
	for _, s := range []string{"", "eu", "EU", "Republic", "A/RES/73/27", "UNGGE-OEWG", "x\x7fY", "`", "A`b", "ALL CAPS AND A LONG PHRASE OF MORE THAN THIRTY-TWO BYTES", "EU’s `x` “Norms”", "ſ\xff K`"} {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Republic’s")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}
