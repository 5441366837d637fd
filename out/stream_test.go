package out_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/out/cache"
)

// reference is what claims extract wrote before documents streamed: every
// document read, extracted, merged and encoded in memory.
func reference(t *testing.T, x *extract.Extractor, args []string, opt corpus.Options) []byte {
	t.Helper()
	docs, err := corpus.Read(args, nil, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := make([]extract.Doc, len(docs))
	for i, d := range docs {
		in[i] = extract.Doc{Name: d.ID, Text: d.Text}
	}
	claims, err := x.All(context.Background(), in, 1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := out.EncodeClaims(claims)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func streamed(t *testing.T, x *extract.Extractor, args []string, opt out.Options) ([]byte, []string) {
	t.Helper()
	entries, err := corpus.List(args, nil)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	opt.Warn = func(err error) { warnings = append(warnings, err.Error()) }
	opt.TempDir = t.TempDir()
	var b bytes.Buffer
	if err := out.WriteClaims(context.Background(), &b, x, entries, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), warnings
}

// dupCorpus writes documents that share sentences: within one document,
// across documents, and across documents with the same id (two folders).
func dupCorpus(t *testing.T) string {
	dir := t.TempDir()
	shared := "Peru supports capacity building. Chile rejects a new treaty. "
	files := map[string]string{
		"a/z.txt": "Kenya backs the OEWG. " + shared + "Kenya backs the OEWG.",
		"a/b.txt": shared + "Brazil supports norms.",
		"b/z.txt": "Brazil supports norms. " + shared,
		"c.md":    "Intro line.\n\n" + shared + "\n\nIt also supports norms.",
		"d.txt":   "",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestWriteClaimsIsTheInMemoryOutput: streaming, at any number of workers,
// writes the bytes the in-memory path wrote, merges included.
func TestWriteClaimsIsTheInMemoryOutput(t *testing.T) {
	x := extractor(t)
	dups := dupCorpus(t)
	cases := map[string][]string{
		"bundled corpus":    {"../corpus"},
		"shared sentences":  {dups},
		"same ids":          {filepath.Join(dups, "a"), filepath.Join(dups, "b")},
		"arguments unorder": {filepath.Join(dups, "c.md"), filepath.Join(dups, "b"), filepath.Join(dups, "a", "b.txt"), "../corpus/briefs/peru.txt"},
		"earliest wins":     {filepath.Join(dups, "b"), filepath.Join(dups, "a", "b.txt"), filepath.Join(dups, "c.md")},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			want := reference(t, x, args, corpus.Options{})
			if len(want) == 0 {
				t.Fatal("no claims: the case tests nothing")
			}
			for _, w := range []int{1, 2, 5} {
				got, _ := streamed(t, x, args, out.Options{Workers: w})
				if !bytes.Equal(got, want) {
					t.Fatalf("workers %d: streamed output differs\n%s", w, firstDiff(got, want))
				}
			}
		})
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + al[i] + "\nwant " + bl[i]
		}
	}
	return "lengths differ"
}

// TestWriteClaimsMergesAcrossDocuments pins the contract itself: one claim
// per sentence, all its sources sorted, at its first source.
func TestWriteClaimsMergesAcrossDocuments(t *testing.T) {
	x := extractor(t)
	got, _ := streamed(t, x, []string{dupCorpus(t)}, out.Options{Workers: 2})
	claims, err := out.DecodeClaims(bytes.NewReader(got), "streamed")
	if err != nil {
		t.Fatal(err)
	}
	var peru []string
	for _, c := range claims {
		if c.CountryCode == "PER" && strings.HasPrefix(c.Text, "Peru supports") {
			for _, s := range c.Sources {
				peru = append(peru, s.Doc)
			}
		}
	}
	if want := []string{"a/b.txt", "a/z.txt", "b/z.txt", "c.md"}; !reflect.DeepEqual(peru, want) {
		t.Errorf("sources of the shared Peru claim: %v, want %v", peru, want)
	}
}

// TestWriteClaimsReportsInListingOrder: warnings and errors come out in the
// order of the listing, whatever order workers finish in, and an error
// writes nothing.
func TestWriteClaimsReportsInListingOrder(t *testing.T) {
	x := extractor(t)
	dir := t.TempDir()
	for name, text := range map[string]string{"1.txt": "Peru supports norms.", "2.txt": "bad\x00", "3.txt": "", "4.txt": "x\xffy", "5.pdf": "%PDF"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := corpus.List([]string{dir}, nil)
	var b bytes.Buffer
	var warnings []string
	err := out.WriteClaims(context.Background(), &b, x, entries, out.Options{Workers: 3, TempDir: t.TempDir(), Warn: func(e error) { warnings = append(warnings, e.Error()) }})
	_, want := corpus.Read([]string{dir}, nil, corpus.Options{}, nil)
	var ie *out.InputError
	if !errors.As(err, &ie) || err.Error() != want.Error() || b.Len() != 0 {
		t.Fatalf("got %v (%d bytes written), want %v", err, b.Len(), want)
	}
	var wantWarnings []string
	corpus.Read([]string{dir}, nil, corpus.Options{KeepGoing: true}, func(e error) { wantWarnings = append(wantWarnings, e.Error()) })
	got, warnings := streamed(t, x, []string{dir}, out.Options{Workers: 3, Read: corpus.Options{KeepGoing: true}})
	if !reflect.DeepEqual(warnings, wantWarnings) || len(got) == 0 {
		t.Errorf("keep-going warnings:\n%q\nwant\n%q", warnings, wantWarnings)
	}
}

// TestBuildIsGenerate: the streaming, cached build makes the same files as
// the in-memory Generate, from a cold cache, a warm one, and after an edit.
func TestBuildIsGenerate(t *testing.T) {
	x := extractor(t)
	dir := dupCorpus(t)
	reviews, err := corpus.ReadReviews("../corpus/reviews.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	files := func(d *out.Dataset) map[string][]byte {
		f, err := d.Files()
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	want := func() map[string][]byte {
		docs, err := corpus.Read([]string{dir, "../corpus"}, nil, corpus.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := out.Generate(context.Background(), x, docs, reviews, 2)
		if err != nil {
			t.Fatal(err)
		}
		return files(d)
	}
	c, err := cache.Open(t.TempDir(), "test", x.Rules().Version)
	if err != nil {
		t.Fatal(err)
	}
	build := func(opt out.Options) map[string][]byte {
		entries, _ := corpus.List([]string{dir, "../corpus"}, nil)
		d, err := out.Build(context.Background(), x, entries, reviews, opt)
		if err != nil {
			t.Fatal(err)
		}
		return files(d)
	}
	for _, step := range []string{"no cache", "cold", "warm", "edited", "corrupt"} {
		switch step {
		case "edited":
			if err := os.WriteFile(filepath.Join(dir, "a", "b.txt"), []byte("Chile rejects a new treaty. Peru backs the OEWG."), 0o644); err != nil {
				t.Fatal(err)
			}
		case "corrupt":
			// Damaged entries are misses: rebuilt, never believed.
			entries, _ := filepath.Glob(filepath.Join(c.Dir(), "*", "*"))
			if len(entries) == 0 {
				t.Fatal("nothing cached")
			}
			for i, e := range entries {
				b, _ := os.ReadFile(e)
				if i%2 == 0 {
					b = b[:len(b)/2]
				} else if len(b) > 40 {
					b[30] ^= 0x55
				}
				if err := os.WriteFile(e, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		opt := out.Options{Workers: 2, Cache: c}
		if step == "no cache" {
			opt.Cache = nil
		}
		got, w := build(opt), want()
		for name := range w {
			if !bytes.Equal(got[name], w[name]) {
				t.Errorf("%s: %s differs", step, name)
			}
		}
	}
}
