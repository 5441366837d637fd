package token

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// viaProse is AppendTokens as it was before plain pieces skipped prose:
// prose tokenizes the whole text, and every token it returns goes through
// the same footnote and compound splits. It is the reference the shortcut
// must equal.
func (t *Tokenizer) viaProse(text string, base int) []Token {
	f := folder{text: text, base: base}
	var out []Token
	for _, r := range t.prose.Tokenize(text) {
		out = f.appendWord(out, r.Text, base+r.Start)
	}
	return joinBroken(out, 0, text, base)
}

// proseSamples are texts whose pieces exercise every branch of prose's
// splitter next to plain words: prefixes, suffixes, contractions in both
// apostrophes, abbreviations, emoticons, and Unicode white space.
var proseSamples = []string{
	"The EU’s “honest broker” role: cyber-attacks (UNGGE/OEWG), 73/27 and 2021-2025 [\nx].",
	"Peru\r\nsupports\rnorms.\u00a0Non-binding, U.S.-led, law.[4] operations.3 The",
	"\uFEFFA/RES/73/27, S/RES/2341 (2017) and A/HRC/RES/20/8 -- e.g. i.e. para. 7",
	"They'll say don't, we’re sure it’s 8D and 8-D and XDD or :-) (-8 $5 \"quoted\" ‘single’",
	"Mr. Dr. Ms. Mrs. A.B. a.b.c. Gov-\nernment non-\nbinding self-defence G-77 x\u2028y\u3000z\u0085w",
	"", " ", "  two  spaces  ", "\t\ttabs\t", "\x00", "\xff\xfe", "a\u0301\u200b-b/c", "'s ' “ ” ’s",
	"The `Norms` A`b x`y Türkiye-EU", "end.", "(start", "-", "--", "a-", "-a", "8-)",
}

// TestPlainPiecesAsProse holds AppendTokens, which skips prose for pieces of
// letters, digits and hyphens, to prose tokenizing everything, on the
// samples above and on every brief of the bundled corpus and the seeds.
func TestPlainPiecesAsProse(t *testing.T) {
	tk := New()
	texts := slices.Clone(proseSamples)
	for _, dir := range []string{"../../corpus", "../../../shared/seeds"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
				if b, err := os.ReadFile(p); err == nil {
					texts = append(texts, string(b))
				}
			}
			return nil
		})
	}
	if len(texts) < len(proseSamples)+50 {
		t.Fatalf("found %d texts, want the bundled corpus too", len(texts))
	}
	for _, text := range texts {
		for _, base := range []int{0, 9} {
			got, want := tk.Tokenize(text, base), tk.viaProse(text, base)
			if !slices.Equal(got, want) {
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Fatalf("%.40q...: token %d is %+v, prose makes %+v", text, i, got[i], want[i])
					}
				}
				t.Fatalf("%.40q...: %d tokens, prose makes %d", text, len(got), len(want))
			}
		}
	}
}

// FuzzPlainPiecesAsProse is TestPlainPiecesAsProse on any text.
func FuzzPlainPiecesAsProse(f *testing.F) {
	for _, s := range proseSamples {
		f.Add(s)
	}
	tk := New()
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := tk.Tokenize(text, 3), tk.viaProse(text, 3); !slices.Equal(got, want) {
			t.Fatalf("%q: tokens %+v, prose makes %+v", text, got, want)
		}
	})
}
