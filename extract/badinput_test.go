package extract_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/schema"
)

// raceEnabled reports whether the test binary was built with -race, which
// makes extraction several times slower: time limits are scaled for it.
func raceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}

func timeLimit(d time.Duration) time.Duration {
	if raceEnabled() {
		return 10 * d
	}
	return d
}

// checkClaims asserts what every claim promises about its bytes: each source
// and evidence span indexes raw, the source is the claim's sentence, and the
// claim is valid against the schema (so its citations are well-formed symbols).
func checkClaims(t testing.TB, raw []byte, claims []schema.Claim) {
	t.Helper()
	for _, c := range claims {
		if err := schema.ValidateRecord(schema.ClaimSchema, c); err != nil {
			t.Fatalf("claim %s invalid: %v", c.ID, err)
		}
		for _, s := range c.Sources {
			if s.Start < 0 || s.End > len(raw) || s.Start >= s.End {
				t.Fatalf("claim %s: source [%d,%d) outside the %d-byte text", c.ID, s.Start, s.End, len(raw))
			}
			if got := strings.Join(strings.Fields(string(raw[s.Start:s.End])), " "); got != c.Text {
				t.Fatalf("claim %s: raw[%d:%d] is %q, text is %q", c.ID, s.Start, s.End, got, c.Text)
			}
		}
		ev := c.Evidence
		becauses := append([]schema.Because{ev.Country, ev.Topic, ev.Stance}, ev.Citations...)
		if ev.Negation != nil {
			becauses = append(becauses, *ev.Negation)
		}
		for _, b := range becauses {
			for _, sp := range b.Spans {
				if sp.Start < 0 || sp.End > len(raw) || sp.Start > sp.End || string(raw[sp.Start:sp.End]) != sp.Text {
					t.Fatalf("claim %s: %s span [%d,%d) %q does not index the raw text", c.ID, b.Rule, sp.Start, sp.End, sp.Text)
				}
			}
		}
		// A citation never starts or ends inside a number: "73/27456" is
		// not resolution 73/2745.
		digit := func(i int) bool { return i >= 0 && i < len(raw) && raw[i] >= '0' && raw[i] <= '9' }
		for _, b := range ev.Citations {
			for _, sp := range b.Spans {
				if (digit(sp.Start-1) && digit(sp.Start)) || (digit(sp.End-1) && digit(sp.End)) {
					t.Fatalf("claim %s: citation %s %q at [%d,%d) cuts a number in %q", c.ID, b.Note, sp.Text, sp.Start, sp.End, c.Text)
				}
			}
		}
	}
}

// TestEmptyDocuments: an empty file, white space only, a lone BOM or line
// breaks only give no claims and no error.
func TestEmptyDocuments(t *testing.T) {
	x := newExtractor(t)
	for _, text := range []string{"", " ", " \n\t\n  ", "\uFEFF", "\uFEFF\r\n", "\r\r\n\n", "\u00a0\u2003"} {
		r, err := x.Extract("e.txt", []byte(text), true)
		if err != nil || len(r.Claims) != 0 || len(r.Sentences) != 0 {
			t.Errorf("%q: claims %v, sentences %d, err %v", text, r.Claims, len(r.Sentences), err)
		}
	}
}

// TestInvalidUTF8NamesTheDocument: Extract refuses bytes that are not UTF-8 with
// ErrNotUTF8 rather than guessing or panicking (corpus.Read names the byte).
func TestInvalidUTF8NamesTheDocument(t *testing.T) {
	x := newExtractor(t)
	for _, text := range []string{"Peru \xff supports norms.", "\xc3", "ok\xed\xa0\x80"} {
		if _, err := x.Extract("bad.txt", []byte(text), false); !errors.Is(err, extract.ErrNotUTF8) || !strings.Contains(err.Error(), "bad.txt") {
			t.Errorf("%q: want ErrNotUTF8 naming the document, got %v", text, err)
		}
	}
}

// TestLineEndingsAndBOM: offsets index the raw bytes, whatever the line
// endings, and line numbers count \n, \r\n and a lone \r alike.
func TestLineEndingsAndBOM(t *testing.T) {
	x := newExtractor(t)
	raw := "\uFEFFPeru supports capacity building.\r\n\r\nChile rejects a new\r\ntreaty.\rBrazil supports norms.\n"
	r, err := x.Extract("crlf.txt", []byte(raw), false)
	if err != nil {
		t.Fatal(err)
	}
	checkClaims(t, []byte(raw), r.Claims)
	want := map[string]int{"PER": 1, "CHL": 3, "BRA": 5}
	if len(r.Claims) != 3 {
		t.Fatalf("want 3 claims, got %d", len(r.Claims))
	}
	for _, c := range r.Claims {
		if s := c.Sources[0]; s.Line != want[c.CountryCode] {
			t.Errorf("%s: line %d, want %d", c.CountryCode, s.Line, want[c.CountryCode])
		}
	}
	if r.Claims[0].Sources[0].Start != len("\uFEFF") {
		t.Errorf("first sentence starts at %d, want %d (after the BOM)", r.Claims[0].Sources[0].Start, len("\uFEFF"))
	}
}

// TestSentenceOf50000Tokens: one sentence dense with names, references,
// topics, stance cues, negators and citations. Every step that compared each
// hit with every other made this take seconds; it must stay linear.
func TestSentenceOf50000Tokens(t *testing.T) {
	x := newExtractor(t)
	unit := "Peru , unlike Chile and Brazil , supports capacity building and does not reject a new treaty under resolution 73/27 and A/RES/74/29 on behalf of Kenya while the EU believes that norms apply"
	n := len(strings.Fields(unit))
	raw := []byte(strings.Repeat(unit+" ", 50000/n+1) + "end.")
	start := time.Now()
	r, err := x.Extract("long.txt", raw, false)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if limit := timeLimit(2 * time.Second); took > limit {
		t.Fatalf("a 50,000-token sentence took %v (limit %v): something is quadratic", took, limit)
	}
	if len(r.Claims) == 0 {
		t.Fatal("no claims")
	}
	checkClaims(t, raw, r.Claims)
	for _, c := range r.Claims {
		if s := c.Sources[0]; s.Start != 0 || s.End != len(raw) {
			t.Fatalf("want one sentence [0,%d), got [%d,%d)", len(raw), s.Start, s.End)
		}
	}
	t.Logf("%d tokens, %d claims in %v", 50000, len(r.Claims), took)
}

// soup returns n bytes of the bundled briefs' words in random order with no
// line break: scraped text with no structure, most of which the segmenter
// glues into a few enormous sentences.
func soup(t testing.TB, n int) []byte {
	t.Helper()
	paths, _ := filepath.Glob("../corpus/briefs/*.txt")
	var words []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		words = append(words, strings.Fields(string(b))...)
	}
	if len(words) == 0 {
		t.Fatal("no words in ../corpus/briefs")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(n + 64)
	for b.Len() < n {
		b.WriteString(words[rng.IntN(len(words))])
		b.WriteByte(' ')
	}
	return []byte(b.String()[:n])
}

// TestFiveMegabytesWithoutNewline: 5 MB on one line once took minutes
// (gluing sentence fragments rescanned the growing sentence each time).
// claims extract on 100 MB is TestHundredMegabytesWithoutNewline in cmd/claims.
// Under -race, which runs extraction about ten times slower, it reads 1 MB:
// the quadratic version took minutes on that too.
func TestFiveMegabytesWithoutNewline(t *testing.T) {
	if testing.Short() {
		t.Skip("about 5 s; TestSentenceOf50000Tokens guards the same code in -short runs")
	}
	x := newExtractor(t)
	size := 5 << 20
	if raceEnabled() {
		size = 1 << 20
	}
	raw := soup(t, size)
	start := time.Now()
	r, err := x.Extract("big.txt", raw, false)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if limit := timeLimit(10 * time.Second); took > limit {
		t.Fatalf("%d bytes without a newline took %v (limit %v)", size, took, limit)
	}
	checkClaims(t, raw, r.Claims)
	t.Logf("%d bytes: %d claims in %v", size, len(r.Claims), took)
}

// countdown is a context that reports cancellation from its n-th look on:
// a deterministic stand-in for a Ctrl-C in the middle of a document.
type countdown struct {
	context.Context
	n, looks int
}

func (c *countdown) Err() error {
	c.looks++
	if c.looks >= c.n {
		return context.Canceled
	}
	return nil
}

// TestExtractStopsInsideALargeDocument: a cancelled context stops
// ExtractContext within the document, after a few hundred sentences, not at
// its end, and nothing half-made is returned.
func TestExtractStopsInsideALargeDocument(t *testing.T) {
	x := newExtractor(t)
	doc := []byte(strings.Repeat("Peru supports capacity building. ", 20000))
	ctx := &countdown{Context: context.Background(), n: 3}
	res, err := x.ExtractContext(ctx, "big.txt", doc, false)
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("got %v, %v; want no result and context.Canceled", res, err)
	}
	if ctx.looks != 3 {
		t.Errorf("looked at the context %d times, want 3: it should stop at the first look that says cancelled", ctx.looks)
	}
	if res, err := x.ExtractContext(context.Background(), "small.txt", doc[:3300], false); err != nil || len(res.Claims) == 0 {
		t.Errorf("a live context: %v, %v", res, err)
	}
}
