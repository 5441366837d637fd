package rules_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/rules/token"
	"github.com/cyberclaims/claims/schema"
	"go.yaml.in/yaml/v3"
)

// The benchmarks read the bundled briefs, or CLAIMS_BENCH_CORPUS, cut into
// sentences at full stops (close enough to measure tokens and matching),
// and report MB/s of that text.

func benchTexts(b *testing.B) ([]string, int64) {
	b.Helper()
	dir := os.Getenv("CLAIMS_BENCH_CORPUS")
	if dir == "" {
		dir = "../corpus/briefs"
	}
	var texts []string
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".txt" {
			return err
		}
		t, err := os.ReadFile(p)
		for _, s := range strings.SplitAfter(string(t), ". ") {
			texts = append(texts, s)
			n += int64(len(s))
		}
		return err
	})
	if n == 0 {
		b.Fatalf("no text in %s", dir)
	}
	return texts, n
}

func tokenized(b *testing.B, set *rules.Set, texts []string) [][]token.Token {
	out := make([][]token.Token, len(texts))
	for i, t := range texts {
		out[i] = set.Tokenizer.Tokenize(t, 0)
	}
	return out
}

func BenchmarkTokenize(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	texts, n := benchTexts(b)
	b.SetBytes(n)
	for b.Loop() {
		for _, t := range texts {
			set.Tokenizer.Tokenize(t, 0)
		}
	}
}

// BenchmarkMatch is the one-pass matcher over tokenized sentences.
func BenchmarkMatch(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	texts, n := benchTexts(b)
	toks := tokenized(b, set, texts)
	b.SetBytes(n)
	for b.Loop() {
		for _, t := range toks {
			set.Matcher.Match(t)
		}
	}
}

// BenchmarkCitations is the citation rules as extraction runs them: the
// one-pass prefilter over each sentence, then the expressions it lets
// through, from where a match can begin.
func BenchmarkCitations(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	texts, n := benchTexts(b)
	var sc rules.CitationScan
	b.SetBytes(n)
	for b.Loop() {
		for _, t := range texts {
			set.CitationFilter.Scan(t, &sc)
			for i, c := range set.Citations {
				sc.Matches(i, c)
			}
		}
	}
}

// shippedFiles reads the rule files beside this test: the embedded set.
func shippedFiles(b *testing.B) fstest.MapFS {
	b.Helper()
	names, err := filepath.Glob("*.yaml")
	if err != nil || len(names) == 0 {
		b.Fatalf("no rule files: %v", err)
	}
	fsys := fstest.MapFS{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// BenchmarkStartup is what every command pays before reading a document:
// the rule files parsed, checked against their schema and compiled into
// the matcher, and the record schemas compiled (from files in memory, as
// the embedded rules are).
func BenchmarkStartup(b *testing.B) {
	fsys := shippedFiles(b)
	for b.Loop() {
		if _, err := rules.LoadFS(fsys, ".", "rules"); err != nil {
			b.Fatal(err)
		}
		if err := schema.Compile(); err != nil {
			b.Fatal(err)
		}
	}
}

// withAliases returns the shipped rules with nine made-up aliases added for
// every alias an actor has: ten times the names, many sharing first words
// with real ones ("Republic of ...", "United ..."), which is what strains
// an index by first word.
func withAliases(b *testing.B, fsys fstest.MapFS) (fstest.MapFS, int, int) {
	b.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(fsys["actors.yaml"].Data, &doc); err != nil {
		b.Fatal(err)
	}
	templates := []string{"Republic of %s", "%s Federation", "Commonwealth of %s", "State of %s", "Kingdom of %s", "United %s", "%s Union", "Democratic %s", "%s Islands"}
	seen := map[string]bool{}
	var lists []*yaml.Node
	rulesNode := doc.Content[0]
	for i := 0; i+1 < len(rulesNode.Content); i += 2 {
		if rulesNode.Content[i].Value != "rules" {
			continue
		}
		for _, r := range rulesNode.Content[i+1].Content {
			for j := 0; j+1 < len(r.Content); j += 2 {
				if r.Content[j].Value == "aliases" {
					lists = append(lists, r.Content[j+1])
					for _, a := range r.Content[j+1].Content {
						seen[strings.ToLower(a.Value)] = true
					}
				}
			}
		}
	}
	before, added := 0, 0
	for _, list := range lists {
		var extra []*yaml.Node
		for _, a := range list.Content {
			before++
			if strings.ContainsAny(a.Value, "|?*_/@=") {
				continue
			}
			for _, tpl := range templates {
				name := strings.Replace(tpl, "%s", a.Value, 1)
				if !seen[strings.ToLower(name)] {
					seen[strings.ToLower(name)] = true
					extra = append(extra, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name})
					added++
				}
			}
		}
		list.Content = append(list.Content, extra...)
	}
	data, err := yaml.Marshal(&doc)
	if err != nil {
		b.Fatal(err)
	}
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	out["actors.yaml"] = &fstest.MapFile{Data: data}
	return out, before, added
}

// BenchmarkAliases10x compares the shipped rules with the same rules plus
// ten times the actor aliases, matching and extracting the same text: the
// ratio of the pairs of results is the price of the extra names.
func BenchmarkAliases10x(b *testing.B) {
	shipped := shippedFiles(b)
	more, before, added := withAliases(b, shipped)
	b.Logf("aliases: %d shipped, %d added", before, added)
	texts, n := benchTexts(b)
	for _, c := range []struct {
		name string
		fsys fstest.MapFS
	}{{"shipped", shipped}, {"aliases10x", more}} {
		set, err := rules.LoadFS(c.fsys, ".", "rules")
		if err != nil {
			b.Fatal(err)
		}
		toks := tokenized(b, set, texts)
		b.Run("match/"+c.name, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				for _, t := range toks {
					set.Matcher.Match(t)
				}
			}
		})
		x, err := extract.New(set)
		if err != nil {
			b.Fatal(err)
		}
		doc := []byte(strings.Join(texts, ""))
		b.Run("extract/"+c.name, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				if _, err := x.Extract("bench.txt", doc, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
