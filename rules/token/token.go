// Package token splits text into the tokens that rule patterns match.
//
// Rule patterns and documents go through the same Tokenizer, so a pattern
// written as "non-binding" matches "non-binding", "non binding" and
// "Non-Binding" alike. Offsets always index the text given to Tokenize:
// folding (case, quotes, hyphen splits) is recorded beside each token and
// never rewrites the source.
package token

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tokenize"
)

// Token is one matchable piece of text.
type Token struct {
	// Text is the raw text, verbatim: src[Start:End] == Text.
	Text string
	// Fold is Text folded for matching: lower case, curly quotes made straight.
	Fold string
	// Start and End are byte offsets into the tokenized text.
	Start, End int
}

// Tokenizer splits text into tokens. It is safe for concurrent use.
type Tokenizer struct {
	prose *tokenize.Tokenizer
}

// New returns a Tokenizer built on prose's English tokenizer.
func New() *Tokenizer {
	return &Tokenizer{prose: tokenize.New()}
}

// Tokenize splits text into tokens whose offsets are relative to text plus base.
func (t *Tokenizer) Tokenize(text string, base int) []Token {
	raw := t.prose.Tokenize(text)
	out := make([]Token, 0, len(raw)+len(raw)/8)
	for _, r := range raw {
		text, start := r.Text, base+r.Start
		if cut := footnoteCut(text); cut > 0 {
			// "law.4" and "norms.[12": the word, its full stop, the marker.
			out = splitCompound(out, text[:cut-1], start)
			out = append(out, newToken(text[cut-1:cut], start+cut-1))
			text, start = text[cut:], start+cut
			if text[0] == '[' {
				out = append(out, newToken("[", start))
				text, start = text[1:], start+1
			}
			out = append(out, newToken(text, start))
			continue
		}
		out = splitCompound(out, text, start)
	}
	return out
}

// footnoteCut returns the offset just past the punctuation in a word with a
// footnote marker glued after it ("law.4", "norms.[12", "states,3"), or 0.
func footnoteCut(s string) int {
	end := len(s)
	digits := 0
	for end > 0 && s[end-1] >= '0' && s[end-1] <= '9' {
		end--
		digits++
	}
	if digits == 0 || digits > 3 {
		return 0
	}
	if end > 0 && s[end-1] == '[' {
		end--
	}
	if end < 2 || !strings.ContainsRune(".,;:!?", rune(s[end-1])) {
		return 0
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:end-1]); !unicode.IsLetter(r) {
		return 0
	}
	return end
}

// splitCompound appends tok, split at hyphens and slashes that join letters
// ("cyber-attack", "UNGGE/OEWG"), so that "cyber attack" and "cyber-attack"
// match the same pattern. Numeric forms ("2021-2025", "73/27") stay whole:
// citations read them as one piece.
func splitCompound(out []Token, text string, start int) []Token {
	if strings.ContainsAny(text, "0123456789") {
		// Symbols such as "A/RES/73/27" and "G-77" stay whole.
		return append(out, newToken(text, start))
	}
	from := 0
	for i := 1; i < len(text)-1; i++ {
		c := text[i]
		if (c == '-' || c == '/') && isLetterAt(text, i-1, true) && isLetterAt(text, i+1, false) {
			if i > from {
				out = append(out, newToken(text[from:i], start+from))
			}
			from = i + 1
		}
	}
	return append(out, newToken(text[from:], start+from))
}

func isLetterAt(s string, i int, before bool) bool {
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	} else {
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.IsLetter(r)
}

func newToken(text string, start int) Token {
	return Token{Text: text, Fold: Fold(text), Start: start, End: start + len(text)}
}

// Fold returns s as matching sees it: lower case, with curly quotes and
// apostrophes made straight and dashes made hyphens.
func Fold(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return foldRunes(s)
		} else if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return s
	}
	// ASCII with capitals, most words that need folding: bytes suffice.
	var buf [32]byte
	b := append(buf[:0], s...)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		} else if c == '`' {
			b[i] = '\'' // as foldRune does
		}
	}
	return string(b)
}

func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '−':
		return '-'
	}
	return unicode.ToLower(r)
}

// IsUpperWord reports whether s is written in capitals and has at least two
// letters ("EU", "ROK", "U.S."): such pattern words match case-sensitively.
func IsUpperWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// IsCapitalised reports whether s starts with an upper-case letter.
func IsCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
