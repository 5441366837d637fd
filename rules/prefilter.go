package rules

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prefilter is a cheap test that a text may match a regular expression:
// every match contains, for each of a few clauses, one of the clause's
// literal strings, compared case-folded. Citation expressions run over every
// sentence and almost never match, so substring tests first save most of
// their cost without changing a result.
type Prefilter struct {
	// All lists the clauses; a text that fails one cannot match. None: the
	// test always passes.
	All []Clause
}

// Clause is one requirement: the folded text contains one of Any, or one of
// the bytes of Bytes (single-byte literals, tested at once).
type Clause struct {
	Any   []string
	Bytes string
}

// maxClauses bounds the clauses kept per expression: the most selective.
const maxClauses = 4

// NewPrefilter derives a Prefilter from a regular expression in Go syntax.
// It is sound by construction: every clause it keeps holds for every text
// the expression matches, so a text it rejects is one the expression
// cannot match.
func NewPrefilter(expr string) Prefilter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return Prefilter{}
	}
	cnf := need(re.Simplify())
	sort.SliceStable(cnf, func(i, j int) bool { return better(cnf[i], cnf[j]) })
	var p Prefilter
	seen := map[string]bool{}
	for _, c := range cnf {
		if len(p.All) == maxClauses {
			break
		}
		key := strings.Join(c, "\x00")
		if seen[key] {
			continue
		}
		seen[key] = true
		var cl Clause
		for _, l := range c {
			if len(l) == 1 {
				cl.Bytes += l
			} else {
				cl.Any = append(cl.Any, l)
			}
		}
		p.All = append(p.All, cl)
	}
	return p
}

// May reports whether folded (a text passed through FoldText) may match.
func (p *Prefilter) May(folded string) bool {
	for i := range p.All {
		c := &p.All[i]
		if c.Bytes != "" && strings.ContainsAny(folded, c.Bytes) {
			continue
		}
		found := false
		for _, l := range c.Any {
			if strings.Contains(folded, l) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// altClauses and maxCombos bound the work on alternations: clauses taken
// from each branch, and unions kept.
const (
	altClauses = 3
	maxCombos  = 16
)

// maxClass bounds the character classes turned into single-rune literals
// ("\d" gives ten); larger classes constrain too little to pay.
const maxClass = 16

// need returns what every text a sub-expression matches contains, as
// clauses that must all hold, each a list of folded literals of which one
// must occur. No clauses: nothing usable is known. An empty clause: the
// sub-expression never matches.
func need(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpNoMatch:
		return [][]string{{}}
	case syntax.OpLiteral:
		return [][]string{{FoldText(string(re.Rune))}}
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClass {
				return nil
			}
		}
		seen := map[string]bool{}
		lits := []string{}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if l := FoldText(string(r)); !seen[l] {
					seen[l] = true
					lits = append(lits, l)
				}
			}
		}
		return [][]string{lits}
	case syntax.OpCapture, syntax.OpPlus:
		return need(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return need(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// Every part is in the match: every part's clauses hold.
		var all [][]string
		for _, s := range re.Sub {
			all = append(all, need(s)...)
		}
		return all
	case syntax.OpAlternate:
		// One branch matches, so all its clauses hold: for any choice of
		// one clause per branch, the union of the choices holds. Each
		// branch offers its best few clauses; the best unions are kept.
		combos := [][]string{{}}
		for _, s := range re.Sub {
			cnf := need(s)
			if len(cnf) == 0 {
				return nil
			}
			sort.SliceStable(cnf, func(i, j int) bool { return better(cnf[i], cnf[j]) })
			var next [][]string
			for _, c := range combos {
				for _, b := range cnf[:min(len(cnf), altClauses)] {
					next = append(next, minimal(append(append([]string{}, c...), b...)))
				}
			}
			sort.SliceStable(next, func(i, j int) bool { return better(next[i], next[j]) })
			combos = next[:min(len(next), maxCombos)]
		}
		return combos
	}
	// Empty-width assertions, any character, optional and starred parts.
	return nil
}

// minimal drops duplicates and every literal that contains another one: a
// text holding the longer literal holds the shorter one too.
func minimal(lits []string) []string {
	out := []string{}
	for i, l := range lits {
		redundant := false
		for j, m := range lits {
			if i != j && strings.Contains(l, m) && (len(m) < len(l) || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, l)
		}
	}
	return out
}

// better prefers clauses whose shortest literal is longer, then fewer
// literals: rarer in text, so more texts fail them.
func better(a, b []string) bool {
	la, lb := shortest(a), shortest(b)
	if la != lb {
		return la > lb
	}
	return len(a) < len(b)
}

func shortest(lits []string) int {
	m := 0
	for i, l := range lits {
		if n := utf8.RuneCountInString(l); i == 0 || n < m {
			m = n
		}
	}
	return m
}

// FoldText maps every rune to the smallest rune it equals under simple case
// folding, the relation (?i) uses, so two texts that a case-insensitive
// expression cannot tell apart fold to the same string.
func FoldText(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('a' <= c && c <= 'z') {
			return foldSlow(s, i)
		}
	}
	return s
}

func foldSlow(s string, from int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:from])
	for _, r := range s[from:] {
		b.WriteRune(foldMin(r))
	}
	return b.String()
}

// foldMin returns the smallest rune in r's simple case-folding orbit. For
// ASCII it is the upper-case letter; "ſ" and the Kelvin sign fold to S and K.
func foldMin(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}
