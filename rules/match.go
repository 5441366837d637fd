package rules

import (
	"slices"
	"strings"
	"sync"

	"github.com/cyberclaims/claims/rules/token"
)

// Role says what part of a rule a pattern plays.
type Role uint8

// Pattern roles.
const (
	RolePattern   Role = iota // a rule's main patterns
	RoleException             // cancels an overlapping match of the same rule
	RoleAlias                 // an actor's name
	RoleAmbiguous             // an actor's name that is also an ordinary word
	RoleDemonym               // an actor's adjective followed by a speaker noun
)

// Hit is one pattern match over a token slice.
type Hit struct {
	Rule       Rule
	Role       Role
	Pattern    *Pattern
	Start, End int // token indices, End exclusive
	order      int // the pattern's place among those tried at Start
}

// prefixEntry is a pattern that can start with any word beginning with
// prefix: filed under its first two bytes, tried only where the rest agrees.
type prefixEntry struct {
	prefix string
	e      entry
}

type entry struct {
	rule Rule
	role Role
	pat  *Pattern
	// order sorts the hits of one token: patterns keyed by their first
	// word, then the others, each in rule order (the order an index by
	// first word alone gave, which extraction may rely on).
	order int
}

// Matcher finds every pattern of a rule set in one pass over the tokens.
// Patterns are indexed by the tokens they must start with, so the cost per
// token is a few map look-ups plus the patterns that really might match
// there. Thousands of patterns share a first word ("in Beijing", "Republic
// of Korea", "State of ..."), so a pattern that starts with words is filed
// in a trie under its first words, up to three; one that starts with a
// prefix ("promote*") under its first two bytes; the few that can start
// anywhere are tried everywhere.
type Matcher struct {
	// vocab numbers, from 1, every word the patterns spell out (folded):
	// each token is looked up once, and the trie and the patterns then
	// compare numbers, not strings. root holds the trie by first word.
	vocab map[string]int32
	root  []*wordNode
	// Prefix-keyed patterns are few: a list scanned after a check of the
	// first byte beats hashing every token once more.
	prefixes []string // two-byte keys
	byPrefix [][]prefixEntry
	// byFirst lists, per first byte, the keys starting with it.
	byFirst [256][]prefixKey
	wild    []entry
	n       int
}

// wordNode holds the patterns filed under a path of words, and the paths
// one word longer.
type wordNode struct {
	keyed []entry
	next  map[int32]*wordNode
	// unsorted is set when keyed is not in strictly rising order.
	unsorted bool
}

// file adds e to the node's patterns.
func (n *wordNode) file(e entry) {
	if len(n.keyed) > 0 && n.keyed[len(n.keyed)-1].order >= e.order {
		n.unsorted = true
	}
	n.keyed = append(n.keyed, e)
}

// prefixKey is a two-byte prefix key by its second byte.
type prefixKey struct {
	second byte
	index  int
}

// maxDepth is the longest path of words a pattern is filed under; maxPaths
// bounds the paths one pattern is filed under (alternatives multiply).
const (
	maxDepth = 3
	maxPaths = 256
)

func newMatcher() *Matcher {
	return &Matcher{vocab: map[string]int32{}, root: []*wordNode{nil}}
}

// word returns the number of a folded word, numbering it if new.
func (m *Matcher) word(fold string) int32 {
	id, ok := m.vocab[fold]
	if !ok {
		id = int32(len(m.root))
		m.vocab[fold] = id
		m.root = append(m.root, nil)
	}
	return id
}

// rootNode returns the trie node of a first word, making it if new.
func (m *Matcher) rootNode(fold string) *wordNode {
	id := m.word(fold)
	if m.root[id] == nil {
		m.root[id] = &wordNode{}
	}
	return m.root[id]
}

// add files p in the matcher and numbers its words. A pattern belongs to
// one matcher: its words carry that matcher's numbers.
func (m *Matcher) add(r Rule, role Role, p *Pattern) {
	p.number(m)
	e := entry{rule: r, role: role, pat: p, order: m.n}
	if _, anywhere := p.firstKeys(); anywhere {
		e.order += 1 << 30
	}
	m.n++
	if paths := p.startPaths(); paths != nil {
		for _, path := range paths {
			n := m.rootNode(path[0])
			for _, w := range path[1:] {
				if n.next == nil {
					n.next = map[int32]*wordNode{} // only on paths that go deeper
				}
				id := m.word(w)
				c := n.next[id]
				if c == nil {
					c = &wordNode{}
					n.next[id] = c
				}
				n = c
			}
			n.file(e)
		}
		return
	}
	words, prefixes, wild := p.startKeys()
	if wild {
		m.wild = append(m.wild, e)
		return
	}
	for _, k := range words {
		m.rootNode(k).file(e)
	}
	for _, full := range prefixes {
		k := full[:2]
		i := 0
		for i < len(m.prefixes) && m.prefixes[i] != k {
			i++
		}
		if i == len(m.prefixes) {
			m.prefixes = append(m.prefixes, k)
			m.byPrefix = append(m.byPrefix, nil)
			m.byFirst[k[0]] = append(m.byFirst[k[0]], prefixKey{second: k[1], index: i})
		}
		m.byPrefix[i] = append(m.byPrefix[i], prefixEntry{full, e})
	}
}

// Match returns every hit in toks, ordered by start then pattern order.
func (m *Matcher) Match(toks []token.Token) []Hit {
	return m.AppendMatches(nil, toks)
}

// matchScratch is the working memory of one AppendMatches call.
type matchScratch struct {
	ids     []int32  // each token's word number, 0 for a word no pattern spells
	present []uint64 // the word numbers in the tokens, as a bit set
}

var matchPool = sync.Pool{New: func() any { return new(matchScratch) }}

// AppendMatches is Match appending to hits, so that a caller matching one
// sentence after another can reuse one slice.
func (m *Matcher) AppendMatches(hits []Hit, toks []token.Token) []Hit {
	sc := matchPool.Get().(*matchScratch)
	defer matchPool.Put(sc)
	ids := slices.Grow(sc.ids[:0], len(toks))[:len(toks)]
	present := slices.Grow(sc.present[:0], len(m.root)/64+1)[:len(m.root)/64+1]
	sc.ids, sc.present = ids, present
	clear(present)
	for i := range toks {
		id := m.vocab[toks[i].Fold]
		ids[i] = id
		present[id/64] |= 1 << (id % 64)
	}
	var buf [32]entry // the candidates at one token: a few, on the stack
	for i := range toks {
		f := toks[i].Fold
		// Most tokens find their candidates in one trie node, in order
		// already: those are tried where they lie, without a copy.
		var nodes [maxDepth]*wordNode
		nn := 0
		for j, n := i, m.root[ids[i]]; n != nil; {
			if len(n.keyed) > 0 {
				nodes[nn] = n
				nn++
			}
			if j++; j >= len(toks) || j >= i+maxDepth || n.next == nil {
				break
			}
			n = n.next[ids[j]]
		}
		var prefixed []*prefixEntry
		if len(f) >= 2 {
			for _, k := range m.byFirst[f[0]] {
				if f[1] == k.second {
					for x := range m.byPrefix[k.index] {
						if pe := &m.byPrefix[k.index][x]; strings.HasPrefix(f, pe.prefix) {
							prefixed = append(prefixed, pe)
						}
					}
				}
			}
		}
		var cands []entry
		if nn == 1 && len(prefixed) == 0 && len(m.wild) == 0 && !nodes[0].unsorted {
			cands = nodes[0].keyed
		} else {
			cands = buf[:0]
			for _, n := range nodes[:nn] {
				cands = append(cands, n.keyed...)
			}
			for _, pe := range prefixed {
				cands = append(cands, pe.e)
			}
			cands = append(cands, m.wild...)
			// Pattern order, whichever index found them; a pattern filed
			// under a word and a prefix ("co? sponsor*|cosponsor*") is
			// tried once.
			for a := 1; a < len(cands); a++ {
				for b := a; b > 0 && cands[b].order < cands[b-1].order; b-- {
					cands[b], cands[b-1] = cands[b-1], cands[b]
				}
			}
		}
		for c, e := range cands {
			if c > 0 && e.order == cands[c-1].order {
				continue
			}
			if !e.pat.mayMatch(present) {
				continue // a word the pattern needs is nowhere in the tokens
			}
			if end := e.pat.longest(toks, ids, 0, i); end > i {
				hits = append(hits, Hit{Rule: e.rule, Role: e.role, Pattern: e.pat, Start: i, End: end, order: e.order})
			}
		}
	}
	return hits
}

// startPaths returns the paths of folded words, up to maxDepth long, one of
// which every match starts with, when the pattern starts with plain words;
// nil otherwise. Where alternatives make too many paths, shorter ones.
func (p *Pattern) startPaths() [][]string {
	if len(p.items) == 0 || !plainItem(&p.items[0]) {
		return nil
	}
	for depth := maxDepth; depth > 0; depth-- {
		if paths := p.pathsTo(depth); paths != nil {
			return paths
		}
	}
	return nil
}

// pathsTo is startPaths for paths at most depth words long, or nil when
// there would be more than maxPaths.
func (p *Pattern) pathsTo(depth int) [][]string {
	// Each partial path remembers where it stands: item k, token t of the
	// alternative it took there (done when t reaches its end).
	type partial struct {
		words []string
		k     int
		seq   []lit
		t     int
	}
	var out [][]string
	work := []partial{{k: 0}}
	for len(work) > 0 {
		cur := work[len(work)-1]
		work = work[:len(work)-1]
		if cur.seq != nil && cur.t < len(cur.seq) {
			l := cur.seq[cur.t]
			if len(cur.words) == depth || l.prefix {
				out = append(out, cur.words)
			} else {
				cur.words = append(cur.words[:len(cur.words):len(cur.words)], l.fold)
				cur.t++
				work = append(work, cur)
			}
		} else if len(cur.words) == depth || cur.k >= len(p.items) || !plainItem(&p.items[cur.k]) {
			out = append(out, cur.words)
		} else {
			for _, seq := range p.items[cur.k].alts {
				work = append(work, partial{words: cur.words, k: cur.k + 1, seq: seq, t: 0})
			}
		}
		if len(out)+len(work) > maxPaths {
			return nil
		}
	}
	return out
}

// plainItem reports whether an item is one of some words: not optional,
// not a gap, not an expression, and starting with no prefix.
func plainItem(it *item) bool {
	if it.optional || it.gap || it.re != nil || len(it.alts) == 0 {
		return false
	}
	for _, seq := range it.alts {
		if len(seq) == 0 || seq[0].prefix {
			return false
		}
	}
	return true
}

// startKeys returns the folded words and the prefixes (two bytes or more)
// a match can start with, or wild when it can start with any token.
func (p *Pattern) startKeys() (words, prefixes []string, wild bool) {
	seenW, seenP := map[string]bool{}, map[string]bool{}
	for _, it := range p.items {
		if it.re != nil || it.gap || len(it.alts) == 0 {
			return nil, nil, true
		}
		for _, seq := range it.alts {
			if len(seq) == 0 {
				return nil, nil, true
			}
			l := seq[0]
			switch {
			case !l.prefix:
				if !seenW[l.fold] {
					seenW[l.fold] = true
					words = append(words, l.fold)
				}
			case len(l.fold) >= 2:
				if !seenP[l.fold] {
					seenP[l.fold] = true
					prefixes = append(prefixes, l.fold)
				}
			default:
				return nil, nil, true
			}
		}
		if !it.optional {
			return words, prefixes, false
		}
	}
	// Every item optional: CompilePattern refuses such patterns.
	return nil, nil, true
}
