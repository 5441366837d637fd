package rules

import (
	"slices"
	"testing"

	"github.com/cyberclaims/claims/rules/token"
)

// FuzzCompilePattern: CompilePattern never panics; a pattern it accepts
// never matches zero tokens, anywhere, and can be put in a Matcher, which
// finds it where MatchAt does.
func FuzzCompilePattern(f *testing.F) {
	for _, s := range []string{
		"reject|rejects|rejected", "unnecessary|premature", "=Georgia", "non-binding", "EU’s", "cyber*",
		"a _ b", "a _{0,3} b", "_{1,2} x", "x _{0,0} y", "/\\d+/ resolution?", "/(/", "/)|(/", "@speaker-nouns",
		"@odd x", "@blank", "a @blank", "@nowhere", "x? y?", "x? _{0,2} y?", "a|", "|b", "?", "=?", "*", "a*?", "'", "\u200b", "=\u200b x",
		"_{13,13}", "_{2,1}", "@", "=", "//", "///", "\x00", "\xff",
	} {
		f.Add(s)
	}
	tk := token.New()
	lex := Lexicons{"speaker-nouns": {"government", "delegation"}, "odd": {"non-binding", "EU", "’s"}, "blank": {"x", " "}}
	texts := []string{
		"Georgia rejects a non-binding norm; the EU’s delegation and the government back cyber-attacks under resolution 73/27.",
		"x y a b ' ? * = / | _",
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := CompilePattern(src, tk, lex)
		if err != nil {
			return
		}
		m := newMatcher()
		m.add(&Stance{}, RolePattern, p)
		_ = p.Never()
		for _, text := range append(texts, src) {
			toks := tk.Tokenize(text, 0)
			for i := 0; i <= len(toks); i++ {
				if end := p.longest(toks, nil, 0, i); end == i {
					t.Fatalf("pattern %q matches zero tokens at %d of %q", src, i, text)
				}
			}
			var want []int // the matcher finds what trying every token finds
			for i := range toks {
				if end := p.MatchAt(toks, i); end > i {
					want = append(want, i, end)
				}
			}
			var got []int
			for _, h := range m.Match(toks) {
				if h.End <= h.Start {
					t.Fatalf("pattern %q: empty hit %+v", src, h)
				}
				got = append(got, h.Start, h.End)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("pattern %q on %q: matcher finds %v, MatchAt %v", src, text, got, want)
			}
		}
	})
}
