// Command gen writes a synthetic corpus for benchmarks: documents made by
// recombining the paragraphs of the bundled briefs, with the actors swapped
// for others from rules/actors.yaml, resolution numbers renumbered and most
// sentences varied so that claims are mostly distinct, as in a real corpus.
// A few sentences stay verbatim so the same sentence recurs across documents,
// which exercises the merging of sources.
//
//	go run ./bench/gen -size 20MB -out bench/work/corpus-20
//	go run ./bench/gen -docs 10000 -out bench/work/corpus-10k
//
// The output depends only on the flags (the seed included).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

func main() {
	src := flag.String("src", "corpus/briefs", "directory of briefs to recombine")
	actorsFile := flag.String("actors", "rules/actors.yaml", "actor rules to take names from")
	outDir := flag.String("out", "", "directory to write (created; existing .txt files in it are removed)")
	size := flag.String("size", "", "total size to write, such as 20MB or 500KB")
	docs := flag.Int("docs", 0, "number of documents to write (instead of -size)")
	avg := flag.Int("avg", 2000, "average document size in bytes")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *outDir == "" || (*size == "") == (*docs == 0) {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR (-size N[KB|MB] | -docs N) [-avg BYTES] [-seed N]")
		os.Exit(2)
	}
	limit := int64(-1)
	if *size != "" {
		n, err := parseSize(*size)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
		limit = n
	}
	g, err := newGenerator(*src, *actorsFile, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	n, total, err := g.write(*outDir, limit, *docs, *avg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d documents, %d bytes in %s\n", n, total, *outDir)
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	u := strings.ToUpper(s)
	switch {
	case strings.HasSuffix(u, "GB"):
		mult, u = 1e9, strings.TrimSuffix(u, "GB")
	case strings.HasSuffix(u, "MB"):
		mult, u = 1e6, strings.TrimSuffix(u, "MB")
	case strings.HasSuffix(u, "KB"):
		mult, u = 1e3, strings.TrimSuffix(u, "KB")
	}
	n, err := strconv.ParseFloat(u, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(n * float64(mult)), nil
}

type generator struct {
	rng    *rand.Rand
	paras  [][]piece // paragraphs of the bundled briefs, cut into pieces
	source []string  // their "Source:" lines
	states []string  // actor names to swap in
}

// piece is a stretch of a paragraph: literal text, an actor name to swap,
// a resolution number to renumber, or a sentence end to vary.
type piece struct {
	kind    byte // 't' text, 'n' name, 'r' resolution number, 'e' sentence end
	text    string
	article bool // 'n': the name came with "the" or "The"
}

func newGenerator(src, actorsFile string, seed uint64) (*generator, error) {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	files, err := filepath.Glob(filepath.Join(src, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no briefs in %s", src)
	}
	sort.Strings(files)
	raw, err := os.ReadFile(actorsFile)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rules []struct {
			Name    string   `yaml:"name"`
			Type    string   `yaml:"type"`
			Aliases []string `yaml:"aliases"`
		} `yaml:"rules"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", actorsFile, err)
	}
	var words []string
	for _, a := range doc.Rules {
		if a.Type == "state" {
			g.states = append(g.states, a.Name)
		}
		for _, w := range append([]string{a.Name}, a.Aliases...) {
			if plain.MatchString(w) {
				words = append(words, regexp.QuoteMeta(w))
			}
		}
	}
	// Longest first, so "Republic of Korea" is swapped whole rather than "Korea".
	sort.Slice(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	names := regexp.MustCompile(`\b((?:[Tt]he )?)(?:` + strings.Join(words, "|") + `)\b`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, p := range regexp.MustCompile(`\n\s*\n`).Split(strings.ReplaceAll(string(b), "\r\n", "\n"), -1) {
			p = strings.TrimSpace(p)
			switch {
			case p == "":
			case strings.HasPrefix(p, "Source:"):
				g.source = append(g.source, p)
			case !strings.Contains(p, "."):
				// A heading on its own: recombined, it would head nothing.
			default:
				g.paras = append(g.paras, cut(p, names))
			}
		}
	}
	return g, nil
}

// plain accepts alias texts that are words, not pattern syntax.
var plain = regexp.MustCompile(`^[A-Z][A-Za-z'’ .-]*[A-Za-z.]$`)

var (
	resNumber = regexp.MustCompile(`\b[67]\d/\d{1,3}\b`)
	sentEnd   = regexp.MustCompile(`[a-z)]\.(?:\s+[A-Z"“]|\s*$)`)
	months    = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// cut splits a paragraph into pieces once, so that documents are assembled
// without running the (large) name expression again.
func cut(p string, names *regexp.Regexp) []piece {
	type mark struct {
		start, end int
		pc         piece
	}
	var marks []mark
	for _, m := range names.FindAllStringSubmatchIndex(p, -1) {
		marks = append(marks, mark{m[0], m[1], piece{kind: 'n', text: p[m[0]:m[1]], article: m[3] > m[2]}})
	}
	for _, m := range resNumber.FindAllStringIndex(p, -1) {
		marks = append(marks, mark{m[0], m[1], piece{kind: 'r'}})
	}
	for _, m := range sentEnd.FindAllStringIndex(p, -1) {
		// The piece is the letter before the full stop; the rest stays text.
		marks = append(marks, mark{m[0], m[0] + 2, piece{kind: 'e', text: p[m[0] : m[0]+1]}})
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	var out []piece
	at := 0
	for _, m := range marks {
		if m.start < at {
			continue // overlapping marks: the first wins
		}
		if m.start > at {
			out = append(out, piece{kind: 't', text: p[at:m.start]})
		}
		out = append(out, m.pc)
		at = m.end
	}
	if at < len(p) {
		out = append(out, piece{kind: 't', text: p[at:]})
	}
	return out
}

// takesThe lists name openings that read with "the".
var takesThe = []string{"United", "Republic", "Russian", "Netherlands", "Philippines", "Bahamas", "Gambia", "Holy", "Democratic", "Czech", "Central African", "Dominican", "Marshall", "Solomon", "Comoros", "Maldives"}

// document makes one document of about size bytes.
func (g *generator) document(size int) string {
	// One swap per document and original name, so anaphora still make sense.
	swap := map[string]string{}
	var b strings.Builder
	b.WriteString(g.source[g.rng.IntN(len(g.source))])
	b.WriteString("\n\n")
	for b.Len() < size {
		for _, pc := range g.paras[g.rng.IntN(len(g.paras))] {
			switch pc.kind {
			case 't':
				b.WriteString(pc.text)
			case 'n':
				key := strings.TrimPrefix(strings.TrimPrefix(pc.text, "the "), "The ")
				s, ok := swap[key]
				if !ok {
					s = g.states[g.rng.IntN(len(g.states))]
					swap[key] = s
				}
				if pc.article {
					for _, t := range takesThe {
						if strings.HasPrefix(s, t) {
							b.WriteString(pc.text[:4])
							break
						}
					}
				}
				b.WriteString(s)
			case 'r':
				fmt.Fprintf(&b, "%d/%d", 60+g.rng.IntN(20), 1+g.rng.IntN(300))
			case 'e':
				b.WriteString(pc.text)
				// Vary nine sentences in ten; the rest recur verbatim across documents.
				if g.rng.IntN(10) != 0 {
					fmt.Fprintf(&b, ", as restated on %d %s %d", 1+g.rng.IntN(28), months[g.rng.IntN(12)], 2005+g.rng.IntN(20))
				}
				b.WriteByte('.')
			}
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// write makes documents until limit bytes (when limit >= 0) or n documents.
func (g *generator) write(dir string, limit int64, n, avg int) (int, int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return 0, 0, err
		}
	}
	var total int64
	count := 0
	for (limit >= 0 && total < limit) || (limit < 0 && count < n) {
		text := g.document(avg/2 + g.rng.IntN(avg))
		// A hundred documents per folder keeps directories small.
		sub := filepath.Join(dir, fmt.Sprintf("%04d", count/100))
		if count%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return count, total, err
			}
		}
		f, err := os.Create(filepath.Join(sub, fmt.Sprintf("doc-%06d.txt", count)))
		if err != nil {
			return count, total, err
		}
		w := bufio.NewWriter(f)
		w.WriteString(text)
		if err := w.Flush(); err != nil {
			f.Close()
			return count, total, err
		}
		if err := f.Close(); err != nil {
			return count, total, err
		}
		total += int64(len(text))
		count++
	}
	return count, total, nil
}
