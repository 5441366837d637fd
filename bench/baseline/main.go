// Command baseline runs prose v3's sentence segmenter and tokenizer, and
// nothing else, over the .txt and .md files under its arguments, one
// document after another on one goroutine. It is the yardstick for the
// throughput of "claims extract": the share of the work no rule set can avoid.
//
//	go run ./bench/baseline DIR...
//
// It prints documents, bytes, sentences, tokens and MB/s to stderr.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tokenize"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: baseline DIR|FILE...")
		os.Exit(2)
	}
	start := time.Now()
	seg, err := segment.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	tok := tokenize.New()
	var docs, sents, toks int
	var bytes int64
	for _, arg := range os.Args[1:] {
		for _, p := range files(arg) {
			b, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, "baseline:", err)
				os.Exit(1)
			}
			text := string(b)
			for _, s := range seg.Segment(text) {
				toks += len(tok.Tokenize(s.Text))
				sents++
			}
			docs++
			bytes += int64(len(b))
		}
	}
	el := time.Since(start)
	fmt.Fprintf(os.Stderr, "baseline: %d documents, %d bytes, %d sentences, %d tokens in %.2fs: %.2f MB/s\n",
		docs, bytes, sents, toks, el.Seconds(), float64(bytes)/1e6/el.Seconds())
}

// files lists the documents under arg in sorted path order, as claims does.
func files(arg string) []string {
	var out []string
	filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if ext := strings.ToLower(filepath.Ext(p)); ext == ".txt" || ext == ".md" {
				out = append(out, p)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out
}
