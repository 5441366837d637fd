package rules

import (
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prefilter is a cheap test that a text may match a regular expression:
// every match meets all the clauses of one of a few alternatives, each
// clause asking for one of its literal strings, compared case-folded.
// Citation expressions run over every sentence and almost never match, so
// substring tests first save most of their cost without changing a result.
type Prefilter struct {
	// Any lists the alternatives (most often one for each branch of the
	// expression's top-level alternation); a text that meets none cannot
	// match. None at all: the test always passes.
	Any []Conj
	// Starts, when not nil, lists folded literals one of which every match
	// begins with, so no match starts before the first of them; and the
	// expression asserts no start of text or line, so a search may begin
	// at any position after a character that is not a word character.
	Starts []string
	// Ends, likewise, lists literals one of which every match ends with:
	// no match ends after the last of them, and a search may stop at any
	// position before a character that is not a word character.
	Ends []string
}

// Conj is one alternative: a text meets it when it meets every clause.
type Conj []Clause

// Clause is one requirement: the folded text contains one of Any, or one of
// the bytes of Bytes (single-byte literals, tested at once).
type Clause struct {
	Any   []string
	Bytes string
}

// Bounds on the prefilter's size: clauses kept per alternative (the most
// selective), alternatives kept, and literals that start or end a match.
const (
	maxClauses = 4
	maxAlts    = 64
	maxEdges   = 16
)

// NewPrefilter derives a Prefilter from a regular expression in Go syntax.
// It is sound by construction: every alternative it keeps is implied by
// one of the expression's branches, so a text it rejects is one the
// expression cannot match.
func NewPrefilter(expr string) Prefilter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return Prefilter{}
	}
	re = unfactor(re.Simplify())
	var p Prefilter
	if lits, empty, ok := edgeLits(re, false); ok && !empty && len(lits) > 0 && !asserts(re, syntax.OpBeginLine, syntax.OpBeginText) {
		p.Starts = lits
	}
	if lits, empty, ok := edgeLits(re, true); ok && !empty && len(lits) > 0 && !asserts(re, syntax.OpEndLine, syntax.OpEndText) {
		p.Ends = lits
	}
	d := need(re)
	if len(d) == 0 {
		// The expression never matches: one clause no text meets.
		p.Any = []Conj{{{}}}
		return p
	}
	for _, c := range d {
		if len(c) == 0 {
			return p // one branch constrains nothing: no test at all
		}
	}
	for _, c := range d {
		c = essential(c)
		var conj Conj
		for _, lits := range c[:min(len(c), maxClauses)] {
			var cl Clause
			for _, l := range lits {
				if len(l) == 1 {
					cl.Bytes += l
				} else {
					cl.Any = append(cl.Any, l)
				}
			}
			conj = append(conj, cl)
		}
		p.Any = append(p.Any, conj)
	}
	return p
}

// May reports whether folded (a text passed through FoldText) may match.
func (p *Prefilter) May(folded string) bool {
	if len(p.Any) == 0 {
		return true
	}
	for _, conj := range p.Any {
		if conj.holds(folded) {
			return true
		}
	}
	return false
}

func (conj Conj) holds(folded string) bool {
	for i := range conj {
		c := &conj[i]
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

// altClauses and maxCombos bound the work of turning alternatives into
// one list of clauses: clauses taken from each alternative, and unions kept.
const (
	altClauses = 3
	maxCombos  = 16
)

// maxClass bounds the character classes turned into single-rune literals
// ("\d" gives ten); larger classes constrain too little to pay.
const maxClass = 16

// cnf is what every text a sub-expression matches contains: clauses that
// must all hold, each a list of folded literals of which one must occur.
// No clauses: nothing usable is known. An empty clause: no text.
type cnf [][]string

// dnf is a choice of cnfs, one of which holds for every match. No cnf at
// all: the sub-expression never matches.
type dnf []cnf

// need returns what every text a sub-expression matches contains.
func need(re *syntax.Regexp) dnf {
	switch re.Op {
	case syntax.OpNoMatch:
		return dnf{}
	case syntax.OpLiteral:
		return dnf{{{FoldText(string(re.Rune))}}}
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClass {
				return dnf{{}}
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
		return dnf{{lits}}
	case syntax.OpCapture, syntax.OpPlus:
		return need(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return need(re.Sub[0])
		}
		return dnf{{}}
	case syntax.OpConcat:
		// Every part is in the match: every part's clauses hold.
		all := dnf{{}}
		for _, s := range re.Sub {
			all = and(all, need(s))
		}
		return all
	case syntax.OpAlternate:
		// One branch matches: its alternatives are the expression's.
		var all dnf
		for _, s := range re.Sub {
			d := need(s)
			for _, c := range d {
				if len(c) == 0 {
					return dnf{{}} // a branch that constrains nothing
				}
			}
			all = append(all, d...)
		}
		all = mergeSingles(all)
		if len(all) > maxAlts {
			return dnf{toCNF(all)}
		}
		return all
	}
	// Empty-width assertions, any character, optional and starred parts.
	return dnf{{}}
}

// and is the conjunction of two choices: every pair of their alternatives,
// or, when that makes too many, each side folded into one list of clauses.
func and(a, b dnf) dnf {
	for len(a)*len(b) > maxAlts {
		if len(a) >= len(b) {
			a = dnf{toCNF(a)}
		} else {
			b = dnf{toCNF(b)}
		}
	}
	out := make(dnf, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, append(slices.Clip(x), y...))
		}
	}
	return out
}

// mergeSingles joins the alternatives that are one clause each into one
// clause, which says exactly as much: "OEWG" or "OPEN-ENDED".
func mergeSingles(d dnf) dnf {
	var out dnf
	single := -1
	for _, c := range d {
		if len(c) != 1 {
			out = append(out, c)
			continue
		}
		if single < 0 {
			single = len(out)
			out = append(out, cnf{slices.Clone(c[0])})
			continue
		}
		out[single][0] = append(out[single][0], c[0]...)
	}
	if single >= 0 {
		out[single][0] = minimal(out[single][0])
	}
	return out
}

// toCNF folds alternatives into clauses that hold whichever alternative
// does: for any choice of one clause per alternative, the union of the
// choices holds. Each alternative offers its best few clauses; the best
// unions are kept.
func toCNF(d dnf) cnf {
	if len(d) == 0 {
		return cnf{{}}
	}
	combos := cnf{{}}
	for _, c := range d {
		if len(c) == 0 {
			return cnf{}
		}
		c = essential(c)
		var next cnf
		for _, u := range combos {
			for _, b := range c[:min(len(c), altClauses)] {
				next = append(next, minimal(append(append([]string{}, u...), b...)))
			}
		}
		sort.SliceStable(next, func(i, j int) bool { return better(next[i], next[j]) })
		combos = next[:min(len(next), maxCombos)]
	}
	return combos
}

// essential returns c's clauses best first, without duplicates and without
// clauses another one implies: {"RESOLUTION", "REPORT"} holds wherever
// {"RESOLUTION"} does, so it tells nothing more and would take a place.
func essential(c cnf) cnf {
	c = slices.Clone(c)
	for i := range c {
		c[i] = minimal(c[i])
	}
	sort.SliceStable(c, func(i, j int) bool { return better(c[i], c[j]) })
	var out cnf
next:
	for i, x := range c {
		for j, y := range c {
			if i != j && implies(y, x) && (!implies(x, y) || j < i) {
				continue next
			}
		}
		out = append(out, x)
	}
	return out
}

// implies reports whether a text meeting clause y always meets clause x:
// every literal of y contains one of x.
func implies(y, x []string) bool {
	for _, l := range y {
		if !slices.ContainsFunc(x, func(m string) bool { return strings.Contains(l, m) }) {
			return false
		}
	}
	return true
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

// unfactor undoes the parser's factoring of common literal prefixes out of
// alternations ("P(?:oA|rogram)" back to "PoA|Program"), which would leave
// literals too short to be selective.
func unfactor(re *syntax.Regexp) *syntax.Regexp {
	n := *re
	n.Sub = make([]*syntax.Regexp, len(re.Sub))
	for i, s := range re.Sub {
		n.Sub[i] = unfactor(s)
	}
	if n.Op != syntax.OpConcat {
		return &n
	}
	var subs []*syntax.Regexp
	for i := 0; i < len(n.Sub); i++ {
		s := n.Sub[i]
		if s.Op == syntax.OpLiteral && i+1 < len(n.Sub) && n.Sub[i+1].Op == syntax.OpAlternate {
			subs = append(subs, prepend(s.Rune, n.Sub[i+1]))
			i++
			continue
		}
		subs = append(subs, s)
	}
	if len(subs) == 1 {
		return subs[0]
	}
	n.Sub = subs
	return &n
}

// prepend returns the expression for lit followed by re, with lit joined to
// re's leading literals.
func prepend(lit []rune, re *syntax.Regexp) *syntax.Regexp {
	join := func(b []rune) *syntax.Regexp {
		return &syntax.Regexp{Op: syntax.OpLiteral, Rune: append(slices.Clip(lit), b...)}
	}
	switch re.Op {
	case syntax.OpLiteral:
		return join(re.Rune)
	case syntax.OpEmptyMatch:
		return join(nil)
	case syntax.OpAlternate:
		n := &syntax.Regexp{Op: syntax.OpAlternate}
		for _, s := range re.Sub {
			n.Sub = append(n.Sub, prepend(lit, s))
		}
		return n
	case syntax.OpConcat:
		n := &syntax.Regexp{Op: syntax.OpConcat}
		if re.Sub[0].Op == syntax.OpLiteral {
			n.Sub = append([]*syntax.Regexp{join(re.Sub[0].Rune)}, re.Sub[1:]...)
		} else {
			n.Sub = append([]*syntax.Regexp{join(nil)}, re.Sub...)
		}
		return n
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{join(nil), re}}
}

// edgeLits returns folded literals such that every match of re that is not
// empty begins with one of them (ends with one, when end is set), and
// whether re can match the empty string; ok is false when no such list is
// known.
func edgeLits(re *syntax.Regexp, end bool) (lits []string, empty, ok bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, false, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpLiteral:
		return []string{FoldText(string(re.Rune))}, len(re.Rune) == 0, true
	case syntax.OpCharClass:
		d := need(re)
		if len(d) != 1 || len(d[0]) != 1 {
			return nil, false, false
		}
		return d[0][0], false, true
	case syntax.OpCapture, syntax.OpPlus:
		return edgeLits(re.Sub[0], end)
	case syntax.OpStar, syntax.OpQuest:
		l, _, ok := edgeLits(re.Sub[0], end)
		return l, true, ok
	case syntax.OpRepeat:
		l, e, ok := edgeLits(re.Sub[0], end)
		return l, e || re.Min == 0, ok
	case syntax.OpConcat:
		// The first part that cannot be empty starts every match; the
		// parts before it may start it too. Ends mirror starts.
		subs := re.Sub
		if end {
			subs = slices.Clone(subs)
			slices.Reverse(subs)
		}
		for _, s := range subs {
			l, e, ok := edgeLits(s, end)
			if !ok {
				return nil, false, false
			}
			lits = append(lits, l...)
			if !e {
				return edgeSet(lits, end)
			}
		}
		l, _, ok := edgeSet(lits, end)
		return l, true, ok
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			l, e, ok := edgeLits(s, end)
			if !ok {
				return nil, false, false
			}
			lits = append(lits, l...)
			empty = empty || e
		}
		l, _, ok := edgeSet(lits, end)
		return l, empty, ok
	}
	return nil, false, false // any character
}

// asserts reports whether re tests anywhere for one of ops, empty-width
// assertions that a search of part of a text would see differently.
func asserts(re *syntax.Regexp, ops ...syntax.Op) bool {
	return slices.Contains(ops, re.Op) || slices.ContainsFunc(re.Sub, func(s *syntax.Regexp) bool { return asserts(s, ops...) })
}

// edgeSet drops duplicates and literals that begin with another one (a
// match that begins with "PROGRAMME" begins with "PROGRAM"; for ends, that
// end with another), or gives up when the list is too long to pay.
func edgeSet(lits []string, end bool) ([]string, bool, bool) {
	covers := strings.HasPrefix
	if end {
		covers = strings.HasSuffix
	}
	var out []string
	for i, l := range lits {
		if !slices.Contains(lits[:i], l) &&
			!slices.ContainsFunc(lits, func(m string) bool { return len(m) < len(l) && covers(l, m) }) {
			out = append(out, l)
		}
	}
	if len(out) > maxEdges {
		return nil, false, false
	}
	return out, false, true
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
	for i := from; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(foldMin(r))
		i += n
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
