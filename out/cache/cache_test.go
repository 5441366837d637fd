package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
)

// sample returns real claims of the bundled corpus plus claims with every
// optional part set or nil, which the codec must keep apart.
func sample(t testing.TB) []schema.Claim {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpus.Read([]string{"../../corpus/briefs"}, nil, corpus.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []schema.Claim
	for _, d := range docs {
		r, err := x.Extract(d.ID, d.Text, false)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Claims...)
	}
	out = append(out,
		schema.Claim{ID: "c_1", Text: "é\x00\"", Resolutions: nil, Documents: []string{}, Sources: nil,
			Evidence: schema.Evidence{Sentence: -5, Negation: &schema.Because{Rule: "n", Spans: []schema.Span{}}, Citations: []schema.Because{}},
			Review:   schema.Review{Status: "accepted", Reviewer: "r", At: "t", Note: "n"}},
		schema.Claim{Sources: []schema.Source{}, Evidence: schema.Evidence{Country: schema.Because{Spans: []schema.Span{{Start: 1 << 40, End: -1, Text: ""}}}}},
	)
	return out
}

func TestRoundTrip(t *testing.T) {
	claims := sample(t)
	b, err := encodeClaims(claims)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeClaims(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, claims) {
		t.Fatal("claims differ after a round trip")
	}
	for _, empty := range [][]schema.Claim{nil, {}} {
		b, _ := encodeClaims(empty)
		got, err := decodeClaims(string(b))
		if err != nil || !reflect.DeepEqual(got, empty) {
			t.Errorf("%#v came back as %#v (%v)", empty, got, err)
		}
	}
}

// TestEveryFieldIsCoded guards the codec against a field added to the
// record: update codec.go (and codecVersion) along with this count.
func TestEveryFieldIsCoded(t *testing.T) {
	for typ, n := range map[reflect.Type]int{
		reflect.TypeFor[schema.Claim](): 12, reflect.TypeFor[schema.Source](): 4, reflect.TypeFor[schema.Evidence](): 6,
		reflect.TypeFor[schema.Because](): 3, reflect.TypeFor[schema.Span](): 3, reflect.TypeFor[schema.Review](): 5,
	} {
		if got := typ.NumField(); got != n {
			t.Errorf("%v has %d fields, the codec knows %d", typ, got, n)
		}
	}
}

func TestCorrectionsAreNotCached(t *testing.T) {
	s := "PER"
	c := schema.Claim{Review: schema.Review{Status: "corrected", Corrections: &schema.Corrections{CountryCode: &s}}}
	if _, err := encodeClaims([]schema.Claim{c}); err == nil {
		t.Fatal("want an error")
	}
}

func TestGetPutAndKeys(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root, "p1", "r1")
	if err != nil {
		t.Fatal(err)
	}
	claims := sample(t)[:5]
	if _, ok := c.Get("a.txt", []byte("text")); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put("a.txt", []byte("text"), claims); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("a.txt", []byte("text")); !ok || !reflect.DeepEqual(got, claims) {
		t.Fatal("no hit after Put")
	}
	// Everything the claims depend on is in the key.
	other := func(program, rules, doc, text string) bool {
		c2, err := Open(root, program, rules)
		if err != nil {
			t.Fatal(err)
		}
		_, ok := c2.Get(doc, []byte(text))
		return ok
	}
	for name, hit := range map[string]bool{
		"other text":    other("p1", "r1", "a.txt", "text!"),
		"other doc":     other("p1", "r1", "b.txt", "text"),
		"other rules":   other("p1", "r2", "a.txt", "text"),
		"other program": other("p2", "r1", "a.txt", "text"),
	} {
		if hit {
			t.Errorf("%s: hit", name)
		}
	}
}

// TestCorruptEntriesAreMisses: torn, truncated or altered entries are never
// returned.
func TestCorruptEntriesAreMisses(t *testing.T) {
	c, err := Open(t.TempDir(), "p", "r")
	if err != nil {
		t.Fatal(err)
	}
	claims := sample(t)[:3]
	p := c.path("a.txt", []byte("x"))
	for name, damage := range map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"flipped":   func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b },
		"empty":     func([]byte) []byte { return nil },
		"garbage":   func(b []byte) []byte { return append([]byte(magic), make([]byte, 40)...) },
	} {
		if err := c.Put("a.txt", []byte("x"), claims); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, damage(b), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Get("a.txt", []byte("x")); ok {
			t.Errorf("%s entry: hit", name)
		}
	}
}

// TestReadOnlyWritesNothing: a read-only cache reads entries and stores
// none, and creates nothing.
func TestReadOnlyWritesNothing(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root, "p", "r")
	if err != nil {
		t.Fatal(err)
	}
	claims := sample(t)[:2]
	if err := c.Put("a.txt", []byte("x"), claims); err != nil {
		t.Fatal(err)
	}
	ro := OpenReadOnly(root, "p", "r")
	if got, ok := ro.Get("a.txt", []byte("x")); !ok || !reflect.DeepEqual(got, claims) {
		t.Fatal("read-only cache misses a stored entry")
	}
	if err := ro.Put("b.txt", []byte("y"), claims); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("b.txt", []byte("y")); ok {
		t.Fatal("a read-only cache stored an entry")
	}
	empty := filepath.Join(t.TempDir(), "none")
	OpenReadOnly(empty, "p", "r").Put("a.txt", []byte("x"), claims)
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("a read-only cache made %s: %v", empty, err)
	}
}

func TestPruneKeepsNewestGenerations(t *testing.T) {
	root := t.TempDir()
	for i := range 6 {
		c, err := Open(root, "p", string(rune('a'+i)))
		if err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(time.Duration(i-10) * time.Hour)
		os.Chtimes(c.Dir(), old, old)
	}
	c, err := Open(root, "p", "new")
	if err != nil {
		t.Fatal(err)
	}
	gens, _ := filepath.Glob(filepath.Join(root, "v-*"))
	if len(gens) != keep {
		t.Errorf("%d generations left, want %d", len(gens), keep)
	}
	if _, err := os.Stat(c.Dir()); err != nil {
		t.Errorf("the current generation is gone: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	b, _ := encodeClaims(sample(f)[:2])
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, s string) {
		claims, err := decodeClaims(s)
		if err == nil {
			// Whatever decodes survives a round trip (varints may have
			// been spelt longer than needed, so bytes may differ).
			b, err := encodeClaims(claims)
			if err != nil {
				t.Fatal(err)
			}
			again, err := decodeClaims(string(b))
			if err != nil || !reflect.DeepEqual(again, claims) {
				t.Errorf("round trip of %q: %v", s, err)
			}
		}
	})
}
