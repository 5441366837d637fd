package rules

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// CitationFilter applies the Prefilter of every citation rule of a set to
// a text in one pass over its bytes: an Aho-Corasick automaton over all
// their literals of two bytes or more, folding the text as it goes, tells
// which occur and where each first (and last) does; a table records the
// single bytes seen. Testing each rule's literals with substring searches
// instead cost more than the expressions they spared, and needed a folded
// copy of every sentence.
type CitationFilter struct {
	lits  []string // literals of two bytes or more, by bit
	rules []citeRule
	words int // uint64 words in a set of literals

	// class maps bytes to classes; bytes no literal uses share class 0.
	// Folded literals hold no lower-case letters, so classes fit a byte.
	class   [256]uint8
	ncls    int
	next    []uint32 // next[state*ncls+class]
	out     []uint64 // the literals that end at a state, words per state
	hasOut  []bool
	endMask []uint64 // literals whose last occurrence matters
}

// citeRule is one rule's Prefilter in terms of literal bits.
type citeRule struct {
	// any holds the alternatives, nil when there is no test.
	any [][]citeClause
	// quick, when not nil, holds literals one of which every alternative
	// needs (one clause of each): a text with none fails at one test.
	quick []uint64
	// starts and ends are Prefilter.Starts and Prefilter.Ends.
	starts, ends []edgeLit
	hasEdges     bool
	startLits    []string // Prefilter.Starts
}

type citeClause struct {
	mask    []uint64 // literals of two bytes or more
	singles string   // single-byte literals
}

// edgeLit is a literal that starts or ends every match: a bit, or a byte.
type edgeLit struct {
	bit    int // -1 for a single byte
	single byte
	n      int
}

// CitationScan is what one pass found. Reusing one across texts saves its
// allocations; it is not safe for concurrent use.
type CitationScan struct {
	f       *CitationFilter
	text    string
	present []uint64
	first   []int // end offset of each literal's first occurrence
	last    []int // and of its last, for literals that end a match
	// seen marks the ASCII bytes of the folded text, as they were written
	// (lower-case letters too).
	seen    [utf8.RuneSelf]bool
	shifted bool // folding changed some rune's length: offsets are off
}

// newCitationFilter compiles the prefilters of cs.
func newCitationFilter(cs []*Citation) *CitationFilter {
	f := &CitationFilter{}
	index := map[string]int{}
	bit := func(l string) int {
		if i, ok := index[l]; ok {
			return i
		}
		index[l] = len(f.lits)
		f.lits = append(f.lits, l)
		return len(f.lits) - 1
	}
	// Number the literals first: masks need their count.
	for _, c := range cs {
		for _, conj := range c.Filter.Any {
			for _, cl := range conj {
				for _, l := range cl.Any {
					bit(l)
				}
			}
		}
		for _, l := range append(slices.Clip(c.Filter.Starts), c.Filter.Ends...) {
			if len(l) > 1 {
				bit(l)
			}
		}
	}
	f.words = max(1, (len(f.lits)+63)/64)
	f.endMask = make([]uint64, f.words)
	edges := func(ls []string, end bool) []edgeLit {
		var out []edgeLit
		for _, l := range ls {
			e := edgeLit{bit: -1, n: len(l)}
			if len(l) == 1 {
				e.single = l[0]
			} else {
				e.bit = bit(l)
				if end {
					f.endMask[e.bit/64] |= 1 << (e.bit % 64)
				}
			}
			out = append(out, e)
		}
		return out
	}
	for _, c := range cs {
		r := citeRule{starts: edges(c.Filter.Starts, false), ends: edges(c.Filter.Ends, true), startLits: c.Filter.Starts}
		r.hasEdges = len(r.starts) > 0 || len(r.ends) > 0
		for _, conj := range c.Filter.Any {
			var alt []citeClause
			for _, cl := range conj {
				cc := citeClause{mask: make([]uint64, f.words)}
				for _, l := range cl.Any {
					if len(l) == 1 { // a one-byte string the Prefilter kept in Any
						cc.singles += l
						continue
					}
					b := bit(l)
					cc.mask[b/64] |= 1 << (b % 64)
				}
				cc.singles += cl.Bytes
				alt = append(alt, cc)
			}
			// Clauses on longer literals first: cheaper, and they fail more.
			slices.SortStableFunc(alt, func(a, b citeClause) int {
				return min(len(a.singles), 1) - min(len(b.singles), 1)
			})
			r.any = append(r.any, alt)
		}
		r.quick = make([]uint64, f.words)
		for _, alt := range r.any {
			if len(alt) == 0 || alt[0].singles != "" {
				r.quick = nil // an alternative without a clause on longer literals
				break
			}
			for w, m := range alt[0].mask {
				r.quick[w] |= m
			}
		}
		f.rules = append(f.rules, r)
	}
	f.build()
	return f
}

// build makes the automaton: a trie of the literals, completed with failure
// links into a table of transitions by byte class.
func (f *CitationFilter) build() {
	for _, l := range f.lits {
		for j := 0; j < len(l); j++ {
			if f.class[l[j]] == 0 {
				f.ncls++
				f.class[l[j]] = uint8(f.ncls)
			}
		}
	}
	f.ncls++
	// Literals are folded, so a lower-case ASCII letter in the text reads
	// as its capital.
	for c := 'a'; c <= 'z'; c++ {
		f.class[c] = f.class[c-'a'+'A']
	}
	type node struct {
		child map[uint8]int
		fail  int
		out   []int
	}
	nodes := []node{{child: map[uint8]int{}}}
	for i, l := range f.lits {
		s := 0
		for j := 0; j < len(l); j++ {
			k := f.class[l[j]]
			t, ok := nodes[s].child[k]
			if !ok {
				t = len(nodes)
				nodes = append(nodes, node{child: map[uint8]int{}})
				nodes[s].child[k] = t
			}
			s = t
		}
		nodes[s].out = append(nodes[s].out, i)
	}
	f.next = make([]uint32, len(nodes)*f.ncls)
	f.out = make([]uint64, len(nodes)*f.words)
	f.hasOut = make([]bool, len(nodes))
	// Breadth first, so a state's failure target is complete before it.
	queue := []int{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		n := &nodes[s]
		fs := n.fail
		for _, l := range n.out {
			f.out[s*f.words+l/64] |= 1 << (l % 64)
		}
		if s != 0 {
			for w := 0; w < f.words; w++ {
				f.out[s*f.words+w] |= f.out[fs*f.words+w]
			}
		}
		for k := 0; k < f.ncls; k++ {
			t, ok := n.child[uint8(k)]
			switch {
			case ok:
				if s != 0 {
					nodes[t].fail = int(f.next[fs*f.ncls+k])
				}
				f.next[s*f.ncls+k] = uint32(t)
				queue = append(queue, t)
			case s != 0:
				f.next[s*f.ncls+k] = f.next[fs*f.ncls+k]
			}
		}
		f.hasOut[s] = slices.ContainsFunc(f.out[s*f.words:(s+1)*f.words], func(w uint64) bool { return w != 0 })
	}
}

// Scan runs the automaton over text, which Window then refers to.
func (f *CitationFilter) Scan(text string, sc *CitationScan) {
	if sc.f != f {
		*sc = CitationScan{f: f, present: make([]uint64, f.words), first: make([]int, len(f.lits)), last: make([]int, len(f.lits))}
	}
	sc.text = text
	clear(sc.present)
	clear(sc.seen[:])
	sc.shifted = false
	st := uint32(0)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			sc.seen[c] = true
			st = f.next[int(st)*f.ncls+int(f.class[c])]
			i++
			if f.hasOut[st] {
				sc.found(st, i)
			}
			continue
		}
		// Fold the rune as FoldText does and feed its bytes.
		r, size := utf8.DecodeRuneInString(text[i:])
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], foldMin(r))
		if n != size {
			sc.shifted = true
		}
		if n == 1 {
			sc.seen[buf[0]] = true // "ſ" reads as "S"
		}
		for k := 0; k < n; k++ {
			st = f.next[int(st)*f.ncls+int(f.class[buf[k]])]
			if f.hasOut[st] {
				sc.found(st, i+k+1)
			}
		}
		i += size
	}
}

// found records the literals that end at state st, at offset end.
func (sc *CitationScan) found(st uint32, end int) {
	f := sc.f
	for w, o := range f.out[int(st)*f.words : int(st+1)*f.words] {
		for fresh := o &^ sc.present[w]; fresh != 0; fresh &= fresh - 1 {
			sc.first[w*64+bits.TrailingZeros64(fresh)] = end
		}
		for e := o & f.endMask[w]; e != 0; e &= e - 1 {
			sc.last[w*64+bits.TrailingZeros64(e)] = end
		}
		sc.present[w] |= o
	}
}

// Window returns the part text[from:to] of the scanned text that citation
// rule i (in the set's order) needs to search, or ok false when its
// Prefilter rejects the text. Searching the window finds the same matches,
// shifted, as searching the whole text: no match starts before from or ends
// after to, and the characters just outside are not word characters, so
// \b reads the same at its edges.
func (sc *CitationScan) Window(i int) (from, to int, ok bool) {
	r := &sc.f.rules[i]
	if r.quick != nil && !sc.anyOf(r.quick) || r.any != nil && !slices.ContainsFunc(r.any, sc.meets) {
		return 0, 0, false
	}
	from, to = 0, len(sc.text)
	if !r.hasEdges {
		return from, to, true
	}
	if len(r.starts) > 0 {
		from = -1
		for _, l := range r.starts {
			if at := sc.firstAt(l); at >= 0 && (from < 0 || at < from) {
				from = at
			}
		}
		if from < 0 {
			return 0, 0, false // no match can start anywhere
		}
	}
	if len(r.ends) > 0 {
		to = -1
		for _, l := range r.ends {
			to = max(to, sc.lastAt(l))
		}
		if to < 0 {
			return 0, 0, false // nor end
		}
	}
	if sc.shifted {
		return 0, len(sc.text), true // offsets are off: search it all
	}
	if from >= to {
		return 0, 0, false // every start comes after every end
	}
	for from > 0 && isWordByte(sc.text[from-1]) {
		from--
	}
	for to < len(sc.text) && isWordByte(sc.text[to]) {
		to++
	}
	return from, to, true
}

// Matches returns what c.Regex.FindAllStringSubmatchIndex(text, -1) does
// for the scanned text, c being citation rule i. The expression runs only
// inside Window(i), and, where the rule knows the literals every match
// starts with, only anchored where one of them begins: a large alternation
// tried at every position of a window costs several times more.
func (sc *CitationScan) Matches(i int, c *Citation) [][]int {
	from, to, ok := sc.Window(i)
	if !ok {
		return nil
	}
	r := &sc.f.rules[i]
	if c.atStart == nil || len(r.startLits) == 0 || sc.shifted {
		return shift(c.Regex.FindAllStringSubmatchIndex(sc.text[from:to], -1), from)
	}
	// No match starts where no start literal does, so the leftmost match
	// is the first found trying those places in order; after a match, the
	// search goes on from its end, as FindAll's does.
	text := sc.text[:to]
	var out [][]int
	for p := from; p < to; {
		if mayStart(text[p:], r.startLits) {
			if m := c.matchAt(text, p); m != nil && m[1] > p {
				out = append(out, m)
				p = m[1]
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(text[p:])
		p += size
	}
	return out
}

// mayStart reports whether s may begin with one of the folded literals:
// ASCII compared folded, any other byte taken as a possible match (trying
// the expression where it cannot match costs time, not correctness).
func mayStart(s string, lits []string) bool {
next:
	for _, l := range lits {
		if len(s) < len(l) {
			continue
		}
		for j := 0; j < len(l); j++ {
			c := s[j]
			if c >= utf8.RuneSelf {
				return true
			}
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if c != l[j] {
				continue next
			}
		}
		return true
	}
	return false
}

// matchAt returns the match of c.Regex that starts at text[p], as a search
// of text would report it, or nil. The rune before p is given to the
// expression as context, so that \b reads it, and left out of the match.
func (c *Citation) matchAt(text string, p int) []int {
	if p == 0 {
		return c.atStart.FindStringSubmatchIndex(text)
	}
	_, size := utf8.DecodeLastRuneInString(text[:p])
	q := p - size
	m := c.afterRune.FindStringSubmatchIndex(text[q:])
	if m == nil {
		return nil
	}
	m[0] = size
	return shift([][]int{m}, q)[0]
}

// shift adds off to every offset of ms (not to -1, an unmatched group).
func shift(ms [][]int, off int) [][]int {
	for _, m := range ms {
		for k := range m {
			if m[k] >= 0 {
				m[k] += off
			}
		}
	}
	return ms
}

// firstAt returns where l first occurs in the folded text, or -1.
// Single bytes are looked up only now: a rule rarely gets this far.
func (sc *CitationScan) firstAt(l edgeLit) int {
	if l.bit >= 0 {
		if !sc.has(l.bit) {
			return -1
		}
		return sc.first[l.bit] - l.n
	}
	if !sc.seenByte(l.single) {
		return -1
	}
	if sc.shifted {
		return 0 // present, somewhere; Window searches everything
	}
	i := strings.IndexByte(sc.text, l.single)
	if lo := lower(l.single); lo != l.single {
		if j := strings.IndexByte(sc.text, lo); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	return i
}

// lastAt returns where the last occurrence of l in the folded text ends, or -1.
func (sc *CitationScan) lastAt(l edgeLit) int {
	if l.bit >= 0 {
		if !sc.has(l.bit) {
			return -1
		}
		return sc.last[l.bit]
	}
	if !sc.seenByte(l.single) {
		return -1
	}
	if sc.shifted {
		return len(sc.text)
	}
	i := strings.LastIndexByte(sc.text, l.single)
	if lo := lower(l.single); lo != l.single {
		i = max(i, strings.LastIndexByte(sc.text, lo))
	}
	return i + 1
}

func (sc *CitationScan) has(bit int) bool { return sc.present[bit/64]&(1<<(bit%64)) != 0 }

// seenByte reports whether the folded text holds the single-byte literal b.
func (sc *CitationScan) seenByte(b byte) bool {
	return sc.seen[b] || sc.seen[lower(b)]
}

// lower returns the lower-case letter for an ASCII capital, else b: the
// bytes that fold to a single-byte literal.
func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// meets reports whether the scanned text meets every clause of an alternative.
func (sc *CitationScan) meets(alt []citeClause) bool {
	for i := range alt {
		if !sc.holds(&alt[i]) {
			return false
		}
	}
	return true
}

// anyOf reports whether the text holds one of the literals in mask.
func (sc *CitationScan) anyOf(mask []uint64) bool {
	for w, m := range mask {
		if m&sc.present[w] != 0 {
			return true
		}
	}
	return false
}

func (sc *CitationScan) holds(c *citeClause) bool {
	if sc.anyOf(c.mask) {
		return true
	}
	for j := 0; j < len(c.singles); j++ {
		if sc.seenByte(c.singles[j]) {
			return true
		}
	}
	return false
}

// isWordByte reports whether c is an ASCII word character, as \b sees it.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
