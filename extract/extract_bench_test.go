package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tokenize"
)

// The benchmarks run over the bundled briefs; set CLAIMS_BENCH_CORPUS to a
// folder (such as one bench/gen wrote) to measure another corpus. Each
// reports MB/s of document text, so stages compare as ratios within one run:
// BenchmarkProseBaseline is the yardstick (prose's segmenter and tokenizer
// alone), the others are our stages.

type benchDoc struct {
	name string
	text []byte
}

func benchCorpus(b *testing.B) ([]benchDoc, int64) {
	b.Helper()
	dir := os.Getenv("CLAIMS_BENCH_CORPUS")
	if dir == "" {
		dir = "../corpus/briefs"
	}
	var docs []benchDoc
	var n int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".txt" {
			return err
		}
		t, err := os.ReadFile(p)
		docs = append(docs, benchDoc{p, t})
		n += int64(len(t))
		return err
	})
	if err != nil || len(docs) == 0 {
		b.Fatalf("no documents in %s: %v", dir, err)
	}
	return docs, n
}

// BenchmarkProseBaseline is prose v3's segmenter and tokenizer and nothing
// else: the work no rule set can avoid, and the yardstick for the others.
func BenchmarkProseBaseline(b *testing.B) {
	docs, n := benchCorpus(b)
	seg, err := segment.New()
	if err != nil {
		b.Fatal(err)
	}
	tok := tokenize.New()
	b.SetBytes(n)
	for b.Loop() {
		for _, d := range docs {
			for _, s := range seg.Segment(string(d.text)) {
				tok.Tokenize(s.Text)
			}
		}
	}
}

// BenchmarkSegment is our segmentation: prose's splitter and the mending
// of what scraping breaks.
func BenchmarkSegment(b *testing.B) {
	docs, n := benchCorpus(b)
	x := newExtractor(b)
	var abbrevs []string
	for _, a := range x.Rules().Abbreviations {
		abbrevs = append(abbrevs, a.Words...)
	}
	seg, err := extract.NewSegmenter(abbrevs)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, d := range docs {
			seg.Segment(string(d.text))
		}
	}
}

// BenchmarkExtract is claim assembly end to end for one document at a time:
// segmentation, tokenization, matching, citations, claimant, topic and
// stance, ids and evidence.
func BenchmarkExtract(b *testing.B) {
	docs, n := benchCorpus(b)
	x := newExtractor(b)
	b.SetBytes(n)
	for b.Loop() {
		for _, d := range docs {
			if _, err := x.Extract(d.name, d.text, false); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkNewExtractor is the extractor's share of start-up: prose's
// sentence model (the rules are loaded once, outside the loop).
func BenchmarkNewExtractor(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := extract.New(set); err != nil {
			b.Fatal(err)
		}
	}
}
