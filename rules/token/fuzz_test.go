package token

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzTokenize: on any text, Tokenize does not panic; on UTF-8 text (the
// only kind documents reach it as) every token indexes the text it came
// from, with the base added, and tokens are non-empty, in order and apart.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"The EU’s “honest broker” role: cyber-attacks (UNGGE/OEWG), 73/27 and 2021-2025 [\nx].",
		"Peru\r\nsupports\rnorms.\u00a0Non-binding, U.S.-led, law.[4] operations.3 The",
		"\uFEFFA/RES/73/27, S/RES/2341 (2017) and A/HRC/RES/20/8 -- e.g. i.e. para. 7",
		"", " ", "\x00", "\xff\xfe", "a\u0301\u200b-b/c", "'s ' “ ” ’s", "The `Norms` A`b x`y Türkiye-EU",
	} {
		f.Add(s, 0)
		f.Add(s, 17)
	}
	tk := New()
	f.Fuzz(func(t *testing.T, text string, base int) {
		if base < 0 || base > 1<<20 {
			base = 0
		}
		toks := tk.Tokenize(text, base)
		// Appending to a used slice gives the same tokens after the old ones.
		prev := tk.Tokenize("Prior text, reused.", 0)
		if again := tk.AppendTokens(prev, text, base); !slices.Equal(again[len(prev):], toks) {
			t.Fatalf("AppendTokens gives %v, Tokenize %v", again[len(prev):], toks)
		}
		if !utf8.ValidString(text) {
			return // only no panic: Extract refuses such text before tokenizing
		}
		end := base
		for i, tok := range toks {
			if tok.Start < end || tok.End <= tok.Start || tok.End > base+len(text) {
				t.Fatalf("token %d %q at [%d,%d): out of order, empty or outside [%d,%d)", i, tok.Text, tok.Start, tok.End, end, base+len(text))
			}
			if got := text[tok.Start-base : tok.End-base]; got != tok.Text {
				t.Fatalf("token %d %q at [%d,%d) indexes %q", i, tok.Text, tok.Start, tok.End, got)
			}
			if want := Fold(joinedWord(tok.Text)); tok.Fold != want {
				t.Fatalf("token %d %q: fold %q, want %q", i, tok.Text, tok.Fold, want)
			}
			end = tok.End
		}
	})
}

// joinedWord is the word a token stands for: its text, or for a word
// hyphenated across a line break ("Govern-\nmental"), the two halves joined.
func joinedWord(text string) string {
	k := strings.IndexAny(text, "\n\r")
	if k < 0 {
		return text
	}
	h := strings.LastIndexByte(text[:k], '-')
	return text[:h] + strings.TrimLeftFunc(text[h+1:], unicode.IsSpace)
}
