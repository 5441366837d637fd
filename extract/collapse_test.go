package extract

import (
	"strings"
	"testing"
)

// TestCollapsedIsCollapse: the shortcut is taken exactly when collapsing
// changes nothing.
func TestCollapsedIsCollapse(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "a\u2003b", "a\u0085b", "é b", "a\u200bb", "a \u3000", "x\r\ny"} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapse(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		if collapsed(s) != (s == want) {
			t.Errorf("collapsed(%q) = %v, want %v", s, collapsed(s), s == want)
		}
	}
}

func FuzzCollapse(f *testing.F) {
	f.Add("a  b\u00a0c")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapse(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}
