package out_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/out/cache"
	"github.com/cyberclaims/claims/schema"
)

// Benchmarks over the bundled corpus, or over CLAIMS_BENCH_CORPUS (a folder
// bench/gen wrote, say). They report MB/s of document text, except
// EncodeClaims, which reports MB/s of JSON written.

func benchDir() string {
	if d := os.Getenv("CLAIMS_BENCH_CORPUS"); d != "" {
		return d
	}
	return "../corpus/briefs"
}

func benchExtractor(b *testing.B) *extract.Extractor {
	b.Helper()
	return extractor(b)
}

func corpusBytes(b *testing.B, entries []corpus.Entry) int64 {
	var n int64
	for i := range entries {
		if info, err := os.Stat(entries[i].Path); err == nil && entries[i].IsDocument() {
			n += info.Size()
		}
	}
	if n == 0 {
		b.Fatal("empty corpus")
	}
	return n
}

// BenchmarkPipeline is claims extract end to end on one worker: listing,
// reading, extraction, rendering, validation, the spool and the merge, and
// writing JSONL (to io.Discard).
func BenchmarkPipeline(b *testing.B) {
	x := benchExtractor(b)
	entries, err := corpus.List([]string{benchDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(corpusBytes(b, entries))
	tmp := b.TempDir()
	for b.Loop() {
		if err := out.WriteClaims(context.Background(), io.Discard, x, entries, out.Options{Workers: 1, TempDir: tmp}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeClaims is JSON encoding and schema validation of every
// claim of the corpus; MB/s of JSON.
func BenchmarkEncodeClaims(b *testing.B) {
	x := benchExtractor(b)
	docs, err := corpus.Read([]string{benchDir()}, nil, corpus.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	var claims []schema.Claim
	for _, d := range docs {
		r, err := x.Extract(d.ID, d.Text, false)
		if err != nil {
			b.Fatal(err)
		}
		claims = append(claims, r.Claims...)
	}
	data, err := out.EncodeClaims(claims)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := out.EncodeClaims(claims); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild is the build pipeline (extraction, merge, reviews, every
// file of out/ rendered in memory) with no cache, with a warm cache, and
// with a warm cache after one document changed.
func BenchmarkBuild(b *testing.B) {
	x := benchExtractor(b)
	dir := b.TempDir()
	src := benchDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		t, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, rel), t, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	entries, err := corpus.List([]string{dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	n := corpusBytes(b, entries)
	build := func(b *testing.B, c *cache.Cache) {
		d, err := out.Build(context.Background(), x, entries, nil, out.Options{Workers: 1, Cache: c})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Files(); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("no-cache", func(b *testing.B) {
		b.SetBytes(n)
		for b.Loop() {
			build(b, nil)
		}
	})
	c, err := cache.Open(b.TempDir(), "bench", x.Rules().Version)
	if err != nil {
		b.Fatal(err)
	}
	build(b, c)
	b.Run("warm", func(b *testing.B) {
		b.SetBytes(n)
		for b.Loop() {
			build(b, c)
		}
	})
	var first string
	for i := range entries {
		if entries[i].IsDocument() {
			first = entries[i].Path
			break
		}
	}
	text, _ := os.ReadFile(first)
	b.Run("one-edited", func(b *testing.B) {
		b.SetBytes(n)
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			edit := append(append([]byte(nil), text...), []byte("\n\nPeru supports norms, as edit "+string(rune('a'+i%26))+" says.")...)
			os.WriteFile(first, edit, 0o644)
			b.StartTimer()
			build(b, c)
		}
	})
}
