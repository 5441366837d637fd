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
	return t.AppendTokens(nil, text, base)
}

// AppendTokens is Tokenize appending to dst, so that a caller tokenizing
// one sentence after another can reuse one slice.
func (t *Tokenizer) AppendTokens(dst []Token, text string, base int) []Token {
	out := dst
	if out == nil {
		out = make([]Token, 0, len(text)/5+2)
	}
	f := folder{text: text, base: base}
	// prose splits the text at white space and then each piece by its
	// prefixes, affixes and special forms. A piece of ASCII letters, digits
	// and hyphens has none of those, so prose returns it whole: such pieces,
	// most words of prose text, skip prose (whose per-piece regular
	// expression is most of its cost); every other piece goes to prose.
	// TestPlainPiecesAsProse holds the two paths to the same tokens.
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
			i += n
			continue
		}
		j, plain := i, true
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				if !plainByte[c] {
					plain = false
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			plain = false
			j += n
		}
		if plain {
			out = f.splitCompound(out, text[i:j], base+i)
		} else {
			out = t.appendProse(out, &f, text[i:j], base+i)
		}
		i = j
	}
	return joinBroken(out, len(dst), text, base)
}

// appendProse appends the tokens prose makes of piece, one white-space-free
// piece of the text found at offset start.
func (t *Tokenizer) appendProse(out []Token, f *folder, piece string, start int) []Token {
	for _, r := range t.prose.Tokenize(piece) {
		out = f.appendWord(out, r.Text, start+r.Start)
	}
	return out
}

// appendWord appends one of prose's tokens, text at offset start, split
// where a footnote marker is glued on or a hyphen joins two words.
func (f *folder) appendWord(out []Token, text string, start int) []Token {
	if cut := footnoteCut(text); cut > 0 {
		// "law.4" and "norms.[12": the word, its full stop, the marker.
		out = f.splitCompound(out, text[:cut-1], start)
		out = append(out, f.token(text[cut-1:cut], start+cut-1))
		text, start = text[cut:], start+cut
		if text[0] == '[' {
			out = append(out, f.token("[", start))
			text, start = text[1:], start+1
		}
		return append(out, f.token(text, start))
	}
	return f.splitCompound(out, text, start)
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// plainByte marks the ASCII bytes of pieces prose returns whole: letters,
// digits and the hyphen.
var plainByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
	}
	return t
}()

// joinBroken joins words that a PDF hyphenated across a line break
// ("Govern-" newline "mental") into one token for matching: its Text is
// the raw span, hyphen and line break included, and its Fold the word
// ("governmental"), so offsets still index the source. A hyphen after a
// prefix that makes compounds ("state-", "non-", "self-") is kept: those
// words were hyphenated before the line broke them.
func joinBroken(out []Token, from int, text string, base int) []Token {
	w := from
	for k := from; k < len(out); k++ {
		t := out[k]
		if k+1 < len(out) && brokenWord(t, out[k+1], text, base) {
			n := out[k+1]
			t = Token{Text: text[t.Start-base : n.End-base], Fold: t.Fold[:len(t.Fold)-1] + n.Fold, Start: t.Start, End: n.End}
			k++
		}
		out[w] = t
		w++
	}
	return out[:w]
}

func brokenWord(t, n Token, text string, base int) bool {
	if len(t.Text) < 3 || t.Text[len(t.Text)-1] != '-' || n.Text == "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(t.Text[:len(t.Text)-1]); !unicode.IsLetter(r) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(n.Text); !unicode.IsLower(r) {
		return false
	}
	gap := text[t.End-base : n.Start-base]
	if !strings.Contains(gap, "\n") || strings.TrimSpace(gap) != "" {
		return false
	}
	return !compoundPrefix[t.Fold[:len(t.Fold)-1]]
}

// compoundPrefix lists first parts of hyphenated compounds common in
// briefs, whose hyphen a line break does not make.
var compoundPrefix = map[string]bool{
	"non": true, "co": true, "self": true, "state": true, "multi": true, "cross": true, "anti": true,
	"pre": true, "post": true, "inter": true, "well": true, "so": true, "long": true, "high": true,
	"low": true, "open": true, "ex": true, "vice": true, "re": true, "semi": true, "sub": true,
	// The domain's own compounds: "confidence-building", "capacity-
	// building", "cyber-attack", "decision-making", "points-of-contact".
	"confidence": true, "capacity": true, "cyber": true, "decision": true, "points": true,
	"point": true, "rule": true, "rules": true, "law": true, "human": true, "information": true,
}

// folder folds the tokens of one text. Most tokens that need folding are
// ASCII words with a capital ("The", "Peru"): rather than a string for
// each, they share one lower-cased copy of the text, made on first need.
type folder struct {
	text string
	base int
	low  string
}

func (f *folder) token(text string, start int) Token {
	return Token{Text: text, Fold: f.fold(text, start-f.base), Start: start, End: start + len(text)}
}

// fold is Fold(s) for s found at offset at of the text.
func (f *folder) fold(s string, at int) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return Fold(s)
		} else if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return s // as Fold: ASCII without capitals stays as it is
	}
	if f.low == "" {
		f.low = lowerASCII(f.text)
	}
	return f.low[at : at+len(s)]
}

// lowerASCII maps the ASCII capitals of s to lower case and "`" to "'", as
// Fold does for ASCII text with capitals, leaving other bytes as they are.
func lowerASCII(s string) string {
	var buf [512]byte // a sentence fits: one allocation, for the result
	var b []byte
	if len(s) <= len(buf) {
		b = buf[:len(s)]
	} else {
		b = make([]byte, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c == '`' {
			c = '\'' // as foldRune does
		}
		b[i] = c
	}
	return string(b)
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
func (f *folder) splitCompound(out []Token, text string, start int) []Token {
	joined := false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case '0' <= c && c <= '9':
			// Symbols such as "A/RES/73/27" and "G-77" stay whole.
			return append(out, f.token(text, start))
		case c == '-' || c == '/':
			joined = true
		}
	}
	if !joined {
		return append(out, f.token(text, start)) // most words: nothing to split
	}
	from := 0
	for i := 1; i < len(text)-1; i++ {
		c := text[i]
		if (c == '-' || c == '/') && isLetterAt(text, i-1, true) && isLetterAt(text, i+1, false) {
			if i > from {
				out = append(out, f.token(text[from:i], start+from))
			}
			from = i + 1
		}
	}
	return append(out, f.token(text[from:], start+from))
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
	return lowerASCII(s) // ASCII with capitals, most words that need folding
}

func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		// Text is mostly ASCII even where it is not all ASCII: foldRune
		// for a byte, without decoding it.
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c == '`' {
				c = '\''
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(foldRune(r))
		i += n
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
