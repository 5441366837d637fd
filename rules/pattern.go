package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cyberclaims/claims/rules/token"
)

// Pattern is a compiled token pattern.
//
// Syntax, one item per space-separated word:
//
//	word      a token, compared folded (case-insensitive, quotes straightened);
//	          a word in capitals ("EU", "ROK") matches only in capitals
//	=Word     a token with exactly this capitalisation
//	word*     any token that starts with word
//	a|b|c     any of the alternatives (each may be a word, =Word or word*)
//	item?     the item may be absent
//	_         any one token; _{m,n} any m to n tokens (a bounded gap)
//	/re/      a token whose raw text matches the regular expression
//	@name     any entry of the lexicon rule with id lexicon.name
//
// A word that the tokenizer splits ("non-binding", "EU’s") becomes the
// sequence of its tokens, so patterns and documents always split alike.
type Pattern struct {
	Source    string
	Line, Col int
	items     []item
	// needs lists the numbers of words one of which every match holds
	// (the first words of a required item's alternatives), once the
	// pattern is in a Matcher; nil when no item qualifies.
	needs []int32
}

type item struct {
	alts     [][]lit // literal alternatives, each a token sequence
	re       *regexp.Regexp
	gap      bool
	min, max int
	optional bool
}

type lit struct {
	fold   string
	exact  string // non-empty: the raw token must equal this
	prefix bool
	id     int32 // fold's number in the pattern's Matcher; 0 outside one
}

// Lexicons resolves @name references while compiling patterns.
type Lexicons map[string][]string

var gapRE = regexp.MustCompile(`^_\{(\d+),(\d+)\}$`)

// CompilePattern parses src. tk splits literal words exactly as documents are split.
func CompilePattern(src string, tk *token.Tokenizer, lex Lexicons) (*Pattern, error) {
	p := &Pattern{Source: src}
	fields := strings.Fields(src)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	for _, f := range fields {
		it, err := parseItem(f, tk, lex)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", src, err)
		}
		p.items = append(p.items, it)
	}
	if p.items[0].gap || p.items[len(p.items)-1].gap {
		return nil, fmt.Errorf("pattern %q: a gap cannot start or end a pattern", src)
	}
	if p.canBeEmpty() {
		return nil, fmt.Errorf("pattern %q matches the empty string", src)
	}
	return p, nil
}

func (p *Pattern) canBeEmpty() bool {
	for _, it := range p.items {
		if !it.optional && !(it.gap && it.min == 0) {
			return false
		}
	}
	return true
}

func parseItem(f string, tk *token.Tokenizer, lex Lexicons) (item, error) {
	var it item
	if len(f) > 1 && strings.HasSuffix(f, "?") && !strings.HasSuffix(f, "\\?") {
		it.optional = true
		f = f[:len(f)-1]
	}
	switch {
	case f == "_":
		it.gap, it.min, it.max = true, 1, 1
		return it, nil
	case gapRE.MatchString(f):
		m := gapRE.FindStringSubmatch(f)
		it.gap = true
		it.min, _ = strconv.Atoi(m[1])
		it.max, _ = strconv.Atoi(m[2])
		if it.max < it.min || it.max > 12 {
			return it, fmt.Errorf("gap %s: want _{m,n} with m <= n <= 12", f)
		}
		return it, nil
	case len(f) > 2 && f[0] == '/' && f[len(f)-1] == '/':
		re, err := regexp.Compile("^(?:" + f[1:len(f)-1] + ")$")
		if err != nil {
			return it, fmt.Errorf("token regex %s: %v", f, err)
		}
		it.re = re
		return it, nil
	case f[0] == '@':
		entries, ok := lex[f[1:]]
		if !ok {
			return it, fmt.Errorf("unknown lexicon %s", f)
		}
		for _, e := range entries {
			seq := literalSeq(e, tk)
			if len(seq) == 0 {
				// It would match zero tokens: an empty match, and no first token to index.
				return it, fmt.Errorf("lexicon %s: entry %q has no words", f, e)
			}
			it.alts = append(it.alts, seq)
		}
		return it, nil
	}
	for _, alt := range strings.Split(f, "|") {
		if alt == "" {
			return it, fmt.Errorf("empty alternative in %q", f)
		}
		switch {
		case alt[0] == '=' && len(alt) > 1:
			seq := literalSeq(alt[1:], tk)
			for i := range seq {
				seq[i].exact = tk.Tokenize(alt[1:], 0)[i].Text
			}
			it.alts = append(it.alts, seq)
		case strings.HasSuffix(alt, "*") && len(alt) > 1:
			it.alts = append(it.alts, []lit{{fold: token.Fold(alt[:len(alt)-1]), prefix: true}})
		default:
			it.alts = append(it.alts, literalSeq(alt, tk))
		}
	}
	return it, nil
}

// literalSeq tokenizes a literal phrase; capitalised abbreviations keep their case.
func literalSeq(s string, tk *token.Tokenizer) []lit {
	toks := tk.Tokenize(s, 0)
	seq := make([]lit, len(toks))
	for i, t := range toks {
		seq[i] = lit{fold: t.Fold}
		if token.IsUpperWord(t.Text) {
			seq[i].exact = t.Text
		}
	}
	return seq
}

// matches reports whether the literal matches token i. ids, when not nil,
// holds the tokens' word numbers in the pattern's Matcher.
func (l *lit) matches(toks []token.Token, ids []int32, i int) bool {
	switch {
	case l.prefix:
		return strings.HasPrefix(toks[i].Fold, l.fold)
	case l.exact != "":
		return toks[i].Text == l.exact
	case ids != nil:
		return ids[i] == l.id
	}
	return toks[i].Fold == l.fold
}

// longest returns the end of the longest match of items[k:] at toks[i:], or
// -1. ids is as for lit.matches.
func (p *Pattern) longest(toks []token.Token, ids []int32, k, i int) int {
	if k == len(p.items) {
		return i
	}
	it := &p.items[k]
	best := -1
	if it.optional {
		best = p.longest(toks, ids, k+1, i)
	}
	switch {
	case it.gap:
		for n := it.min; n <= it.max && i+n <= len(toks); n++ {
			best = max(best, p.longest(toks, ids, k+1, i+n))
		}
	case it.re != nil:
		if i < len(toks) && it.re.MatchString(toks[i].Text) {
			best = max(best, p.longest(toks, ids, k+1, i+1))
		}
	default:
	alts:
		for _, seq := range it.alts {
			if i+len(seq) > len(toks) {
				continue
			}
			for j := range seq {
				if !seq[j].matches(toks, ids, i+j) {
					continue alts
				}
			}
			best = max(best, p.longest(toks, ids, k+1, i+len(seq)))
		}
	}
	return best
}

// MatchAt returns the end of the longest match starting at toks[i], or -1.
func (p *Pattern) MatchAt(toks []token.Token, i int) int {
	end := p.longest(toks, nil, 0, i)
	if end == i {
		return -1
	}
	return end
}

// number gives the pattern's words their numbers in m, and picks the item
// whose words a sentence must hold: the required item, after the first,
// with the fewest alternatives, each starting with a whole word (the
// first item is where the matcher found the pattern, so it is there).
func (p *Pattern) number(m *Matcher) {
	for k := range p.items {
		for _, seq := range p.items[k].alts {
			for j := range seq {
				if !seq[j].prefix {
					seq[j].id = m.word(seq[j].fold)
				}
			}
		}
	}
	p.needs = nil
	best := -1
	for k := 1; k < len(p.items); k++ {
		it := &p.items[k]
		if it.optional || it.gap || it.re != nil || len(it.alts) == 0 || best >= 0 && len(it.alts) >= len(p.items[best].alts) {
			continue
		}
		if !slices.ContainsFunc(it.alts, func(seq []lit) bool { return len(seq) == 0 || seq[0].prefix }) {
			best = k
		}
	}
	if best >= 0 {
		for _, seq := range p.items[best].alts {
			p.needs = append(p.needs, seq[0].id)
		}
	}
}

// mayMatch reports whether a sentence whose word numbers are the set
// present holds one of the words the pattern needs.
func (p *Pattern) mayMatch(present []uint64) bool {
	if p.needs == nil {
		return true
	}
	for _, id := range p.needs {
		if present[id/64]&(1<<(id%64)) != 0 {
			return true
		}
	}
	return false
}

// firstKeys returns the folded tokens a match can start with, or nil when
// any token may start one (regex, prefix or exact-case first items are still
// keyed on their fold, except regex and prefix).
func (p *Pattern) firstKeys() (keys []string, wild bool) {
	for _, it := range p.items {
		switch {
		case it.re != nil:
			return nil, true
		case it.gap:
			return nil, true
		}
		for _, seq := range it.alts {
			if seq[0].prefix {
				return nil, true
			}
			keys = append(keys, seq[0].fold)
		}
		if !it.optional {
			return keys, false
		}
	}
	return keys, false
}

// Never reports why the pattern can never match a tokenized text, or "".
func (p *Pattern) Never() string {
	for _, it := range p.items {
		for _, seq := range it.alts {
			for _, l := range seq {
				if strings.ContainsFunc(l.fold, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
					return fmt.Sprintf("word %q contains white space, which no token does", l.fold)
				}
			}
		}
		if it.re != nil && it.re.MatchString("") && !it.optional {
			return fmt.Sprintf("token regex %s matches the empty token, which never occurs", it.re)
		}
	}
	return ""
}
