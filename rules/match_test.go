package rules

import (
	"github.com/cyberclaims/claims/rules/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// naiveMatch tries every pattern at every token: what Match must return,
// hits of one token in the order of Match's contract.
func naiveMatch(m *Matcher, all []entry, toks []token.Token) []Hit {
	var hits []Hit
	for i := range toks {
		from := len(hits)
		for _, e := range all {
			if end := e.pat.MatchAt(toks, i); end > i {
				hits = append(hits, Hit{Rule: e.rule, Role: e.role, Pattern: e.pat, Start: i, End: end, order: e.order})
			}
		}
		at := hits[from:]
		for a := 1; a < len(at); a++ {
			for b := a; b > 0 && at[b].order < at[b-1].order; b-- {
				at[b], at[b-1] = at[b-1], at[b]
			}
		}
	}
	return hits
}

// allEntries lists every entry of the matcher once.
func allEntries(m *Matcher) []entry {
	seen := map[int]bool{}
	var out []entry
	add := func(es []entry) {
		for _, e := range es {
			if !seen[e.order] {
				seen[e.order] = true
				out = append(out, e)
			}
		}
	}
	var walk func(map[int32]*wordNode)
	walk = func(level map[int32]*wordNode) {
		for _, n := range level {
			add(n.keyed)
			walk(n.next)
		}
	}
	for _, n := range m.root {
		if n != nil {
			add(n.keyed)
			walk(n.next)
		}
	}
	for _, pes := range m.byPrefix {
		for _, pe := range pes {
			add([]entry{pe.e})
		}
	}
	add(m.wild)
	return out
}

// TestMatchFindsWhatTryingEverythingFinds: the indexes lose no hit and keep
// the order, on the bundled briefs and on every rule example.
func TestMatchFindsWhatTryingEverythingFinds(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	all := allEntries(s.Matcher)
	if len(all) != s.Matcher.n {
		t.Fatalf("%d entries indexed, %d added", len(all), s.Matcher.n)
	}
	var texts []string
	files, _ := filepath.Glob("../corpus/briefs/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	for _, r := range s.Rules {
		for _, ex := range append(r.Info().Match, r.Info().NoMatch...) {
			texts = append(texts, ex.Text)
		}
	}
	hits := 0
	for _, text := range texts {
		toks := s.Tokenizer.Tokenize(text, 0)
		got, want := s.Matcher.Match(toks), naiveMatch(s.Matcher, all, toks)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", text, got, want)
		}
		hits += len(got)
	}
	if hits < 1000 {
		t.Errorf("only %d hits: the test checks little", hits)
	}
}
