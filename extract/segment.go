package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
)

// Unit is one sentence or heading: the span src[Start:End] of a document.
type Unit struct {
	Start, End int
	// Heading is set for a line that stands alone as a title or heading.
	Heading bool
}

// sentenceSplitter is the part of a sentence tokenizer we rely on; prose's
// Punkt segmenter is the one we ship, behind this seam.
type sentenceSplitter interface {
	split(text string) [][2]int
}

// verbFinder tells whether a short line has a finite verb: a line that
// starts a sentence and has none reads as a heading. prose's tagger is the
// one we ship, loaded only when a candidate heading needs it.
type verbFinder interface {
	finiteVerb(words []string) bool
}

type proseTagger struct{}

var loadTagger = sync.OnceValues(func() (*tag.Tagger, error) { return tag.New() })

func (proseTagger) finiteVerb(words []string) bool {
	t, err := loadTagger()
	if err != nil {
		return true // without a tagger, never guess that a line is a heading
	}
	for _, tok := range t.Tag(words) {
		switch tok.Tag {
		case "VBD", "VBZ", "VBP", "MD", "VBN":
			return true
		}
	}
	return false
}

type proseSplitter struct{ s *segment.Segmenter }

func (p proseSplitter) split(text string) [][2]int {
	sents := p.s.Segment(text)
	out := make([][2]int, len(sents))
	for i, s := range sents {
		out[i] = [2]int{s.Start, s.End()}
	}
	return out
}

// Segmenter splits raw briefs into units. Real briefs come from web pages and
// PDFs, so it first splits at blank lines and heading lines, lets the
// sentence tokenizer split the rest, and then mends what scraping breaks:
// splits after abbreviations or inside parentheses are undone, footnote
// markers glued to a full stop are kept with their sentence, and paragraph
// numbers are left out. Offsets always index the raw text.
type Segmenter struct {
	splitter sentenceSplitter
	verbs    verbFinder
	abbrevs  map[string]bool
}

// NewSegmenter returns a Segmenter that never ends a sentence after one of abbrevs.
func NewSegmenter(abbrevs []string) (*Segmenter, error) {
	s, err := segment.New()
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(abbrevs))
	for _, a := range abbrevs {
		m[strings.ToLower(a)] = true
	}
	return &Segmenter{splitter: proseSplitter{s}, verbs: proseTagger{}, abbrevs: m}, nil
}

type line struct{ start, end int } // without the line break

// lines splits src at \n, \r\n and lone \r.
func lines(src string, from int) []line {
	var out []line
	start := from
	for i := from; i < len(src); i++ {
		switch src[i] {
		case '\n':
			out = append(out, line{start, i})
			start = i + 1
		case '\r':
			out = append(out, line{start, i})
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(src) {
		out = append(out, line{start, len(src)})
	}
	return out
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Segment splits src into units in document order.
func (s *Segmenter) Segment(src string) []Unit {
	from := 0
	if strings.HasPrefix(src, "\uFEFF") {
		from = len("\uFEFF")
	}
	var units []Unit
	ls := lines(src, from)
	for i := 0; i < len(ls); {
		if isBlank(src[ls[i].start:ls[i].end]) {
			i++
			continue
		}
		j := i
		for j < len(ls) && !isBlank(src[ls[j].start:ls[j].end]) {
			j++
		}
		units = s.block(src, ls[i:j], units)
		i = j
	}
	return units
}

// block segments one paragraph: lines with no blank line between them.
func (s *Segmenter) block(src string, ls []line, units []Unit) []Unit {
	runStart := ls[0].start
	for k, l := range ls {
		prevEnds := k == 0 || endsSentence(src[ls[k-1].start:ls[k-1].end])
		next := ""
		if k+1 < len(ls) {
			next = src[ls[k+1].start:ls[k+1].end]
		}
		if n := bulletLen(src[l.start:l.end]); n > 0 {
			// A list item starts a unit of its own, without its marker.
			units = s.run(src, runStart, l.start, units)
			runStart = l.start + n
			continue
		}
		if k > 0 && prevEnds && isParaNumber(strings.TrimSpace(src[l.start:l.end])) {
			// A numbered paragraph on its own line starts a new unit.
			units = s.run(src, runStart, l.start, units)
			runStart = l.start
			continue
		}
		// A heading is a line before the next sentence's line, or a
		// paragraph of its own (a title followed by a blank line).
		if prevEnds && (next != "" || len(ls) == 1) && s.isHeading(src[l.start:l.end], next) {
			units = s.run(src, runStart, l.start, units)
			if st, en := trim(src, l.start, l.end); st < en {
				units = append(units, Unit{Start: st, End: en, Heading: true})
			}
			if k+1 == len(ls) {
				return units
			}
			runStart = ls[k+1].start
		}
	}
	return s.run(src, runStart, ls[len(ls)-1].end, units)
}

// bullets are the list markers that start an item when a line opens with
// one followed by a space.
var bullets = []string{"•", "◦", "▪", "‣", "●", "○", "■", "-", "*", "–", "—"}

// bulletLen returns the length of l's list marker with the white space
// around it, or 0 when l is not a list item.
func bulletLen(l string) int {
	rest := strings.TrimLeft(l, " \t")
	for _, b := range bullets {
		if after, ok := strings.CutPrefix(rest, b); ok && after != strings.TrimLeft(after, " \t") && strings.TrimSpace(after) != "" {
			return len(l) - len(strings.TrimLeft(after, " \t"))
		}
	}
	return 0
}

// headingEnds holds the characters that end a line that is no heading.
const headingEnds = ".!?;:,-–—([/&"

var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "to": true, "in": true,
	"on": true, "for": true, "with": true, "by": true, "at": true, "from": true, "as": true, "that": true,
	"which": true, "its": true, "their": true, "is": true, "are": true, "was": true, "be": true, "has": true,
	"have": true, "not": true, "this": true, "these": true, "between": true, "into": true, "than": true,
}

// isHeading reports whether a whole line, starting where a sentence may
// start, reads as a heading: short, no final punctuation, capitalised,
// followed by a line that starts a sentence (next, or "" for a line that is
// a paragraph of its own), and either in title case or
// without a finite verb ("Australia's position on international law" is a
// heading; "North Macedonia co-sponsored the 2020" is a sentence cut by a
// line break).
func (s *Segmenter) isHeading(l, next string) bool {
	l = strings.TrimSpace(l)
	next = strings.TrimSpace(next)
	if l == "" {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(headingEnds, last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	nfirst, _ := utf8.DecodeRuneInString(next)
	if !(unicode.IsUpper(first) || unicode.IsDigit(first)) || next != "" && !(unicode.IsUpper(nfirst) || unicode.IsDigit(nfirst) || strings.ContainsRune("\"“‘'", nfirst)) {
		return false
	}
	words := strings.Fields(l)
	if len(words) > 12 || functionWords[strings.ToLower(words[len(words)-1])] {
		return false
	}
	caps, content := 0, 0
	for _, w := range words {
		if functionWords[strings.ToLower(w)] {
			continue
		}
		content++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	if content > 0 && caps*4 >= content*3 && len(words) > 1 {
		return true
	}
	return !s.verbs.finiteVerb(words)
}

var closers = "\"'”’)]»[0123456789"

// endsSentence reports whether a line ends with terminal punctuation,
// allowing closing quotes, brackets and footnote numbers after it.
func endsSentence(l string) bool {
	l = strings.TrimRightFunc(l, unicode.IsSpace)
	l = strings.TrimRight(l, closers)
	if l == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".!?:", r)
}

func trim(src string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(src[start:end])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(src[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// footnoteBreak finds a sentence end hidden by a glued footnote marker
// ("operations.3 The", "law.[4] The"): the group that matched ends where
// the sentence does. A bare number needs a letter, a closing parenthesis,
// a year or a UN symbol before the stop ("2.3" may be a decimal; "(A/69/723).3
// The", "in 2012.1 Moldova" and "75/240.5 Kazakhstan" are markers); a
// bracketed one may follow any number ("in 2017.[4] The").
var footnoteBreak = regexp.MustCompile(`(?:[\p{L})][.!?]["'”’)]*(\d{1,3})|[\p{L}\d][.!?]["'”’)]*(\[\s*\w{1,3}\s*\])|\b(?:19|20)\d\d[.!?](\d{1,3})|/\d{1,4}[.!?](\d{1,3}))\s+["“‘]?\p{Lu}`)

// paraNumber matches a paragraph or list number that opens a unit ("8. ", "(b) ").
var paraNumber = regexp.MustCompile(`^(?:\(?\d{1,3}[.)]|\([a-z]\)|[a-z]\))\s+`)

// mayBeParaNumber is a necessary condition for paraNumber to match s: its
// first byte. Most units open with a capital, and skip the expression.
func mayBeParaNumber(s string) bool {
	return s != "" && (s[0] == '(' || '0' <= s[0] && s[0] <= '9' || 'a' <= s[0] && s[0] <= 'z')
}

// isParaNumber reports whether the line l is a paragraph number followed
// by text (paraNumber matches l and a space).
func isParaNumber(l string) bool {
	return mayBeParaNumber(l) && paraNumber.MatchString(l+" ")
}

// run segments a stretch of one paragraph with the sentence splitter and mends the result.
func (s *Segmenter) run(src string, start, end int, units []Unit) []Unit {
	start, end = trim(src, start, end)
	if start >= end {
		return units
	}
	text := src[start:end]
	var spans [][2]int
	// open counts the last span's unclosed brackets, kept up to date as
	// spans are glued so that a paragraph glued into one huge span costs
	// linear, not quadratic, time.
	open := 0
	for _, sp := range s.splitter.split(text) {
		sp[0] += start
		sp[1] += start
		if n := len(spans); n > 0 && s.glue(src, spans[n-1], sp, open) {
			open = depthFrom(open, src[spans[n-1][1]:sp[1]])
			spans[n-1][1] = sp[1]
			continue
		}
		spans = append(spans, sp)
		open = depthFrom(0, src[sp[0]:sp[1]])
	}
	for _, sp := range spans {
		if !mayHaveFootnote(src[sp[0]:sp[1]]) {
			units = unit(src, sp, units) // most sentences: spare the expression
			continue
		}
		for _, part := range splitFootnotes(src, sp) {
			units = unit(src, part, units)
		}
	}
	return units
}

// unit appends the span sp as a unit, without the paragraph number that
// opens it, unless nothing or only a number is left.
func unit(src string, sp [2]int, units []Unit) []Unit {
	st, en := sp[0], sp[1]
	if mayBeParaNumber(src[st:en]) {
		if m := paraNumber.FindStringIndex(src[st:en]); m != nil && m[1] < en-st {
			st += m[1]
		}
	}
	if st, en = trim(src, st, en); st < en && !isOnlyNumber(src[st:en]) {
		units = append(units, Unit{Start: st, End: en})
	}
	return units
}

func isOnlyNumber(s string) bool {
	return isParaNumber(s) && len(strings.Fields(s)) == 1
}

func splitFootnotes(src string, sp [2]int) [][2]int {
	var out [][2]int
	st := sp[0]
	for _, m := range footnoteBreak.FindAllStringSubmatchIndex(src[sp[0]:sp[1]], -1) {
		cut := -1 // the end of whichever marker group matched
		for g := 1; g < len(m)/2 && cut < 0; g++ {
			if m[2*g] >= 0 {
				cut = sp[0] + m[2*g+1]
			}
		}
		if cut > st {
			out = append(out, [2]int{st, cut})
			st = cut
		}
	}
	return append(out, [2]int{st, sp[1]})
}

// mayHaveFootnote is a necessary condition for footnoteBreak to match: a
// full stop, question or exclamation mark followed, after any closing quotes
// and brackets, by "[" or a digit. A test holds the two together.
func mayHaveFootnote(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) {
			if c := s[j]; c == '"' || c == '\'' || c == ')' {
				j++
			} else if strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "’") {
				j += len("”")
			} else {
				break
			}
		}
		if j < len(s) && (s[j] == '[' || '0' <= s[j] && s[j] <= '9') {
			return true
		}
	}
	return false
}

// glue reports whether the splitter's break between prev and next is false:
// after an abbreviation, inside brackets (open is prev's count of unclosed
// ones), before a lower-case word, or before a lone footnote marker.
func (s *Segmenter) glue(src string, prev, next [2]int, open int) bool {
	n := strings.TrimSpace(src[next[0]:next[1]])
	if w := lastWord(src[prev[0]:prev[1]]); w != "" {
		last := strings.ToLower(strings.TrimLeft(w, "(\"'“‘["))
		if s.abbrevs[last] {
			return true
		}
		// "(Prohibition, Prevention, etc.) Act": an abbreviation closed by a
		// bracket ends the parenthesis, not the sentence.
		if inner := strings.TrimRight(last, ")]"); inner != last && (s.abbrevs[inner] || inner == "etc.") {
			return true
		}
	}
	if open > 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(n)
	if unicode.IsLower(r) {
		return true
	}
	// Opening punctuation or digits alone ("x].", "[3]", "2.") belong to the sentence before.
	return len(n) <= 4 && !strings.ContainsFunc(n, unicode.IsUpper)
}

// lastWord returns the last white-space separated word of p without
// scanning the rest of it.
func lastWord(p string) string {
	p = strings.TrimRightFunc(p, unicode.IsSpace)
	i := strings.LastIndexFunc(p, unicode.IsSpace)
	if i < 0 {
		return p
	}
	_, size := utf8.DecodeRuneInString(p[i:])
	return p[i+size:]
}

// depthFrom counts unclosed parentheses and brackets after s, starting from d.
func depthFrom(d int, s string) int {
	if strings.IndexByte(s, '(') < 0 && strings.IndexByte(s, '[') < 0 && (d == 0 || strings.IndexByte(s, ')') < 0 && strings.IndexByte(s, ']') < 0) {
		return d // no bracket that counts: most sentences, found by fast searches
	}
	// Bytes, not runes: brackets are ASCII, and no byte of a longer rune is.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			d++
		case ')', ']':
			if d > 0 {
				d--
			}
		}
	}
	return d
}
