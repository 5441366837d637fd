package rules

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// mayHold checks the prefilter's one promise: a text the expression
// matches is never rejected.
func mayHold(t *testing.T, re *regexp.Regexp, text string) bool {
	t.Helper()
	p := NewPrefilter(re.String())
	return mayHoldWith(t, re, &p, text)
}

func mayHoldWith(t *testing.T, re *regexp.Regexp, p *Prefilter, text string) bool {
	t.Helper()
	may := p.May(FoldText(text))
	if re.MatchString(text) && !may {
		t.Errorf("%s matches %q, but the prefilter %+v rejects it", re, text, *p)
	}
	return may
}

func TestPrefilterNeverRejectsAMatch(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// Examples, briefs, and fragments recombined at random, which reach
	// matches no example spells out.
	texts := prefilterTexts(t, s)
	matched, rejected := 0, 0
	for _, c := range s.Citations {
		for _, re := range []*regexp.Regexp{c.Regex, c.Item} {
			if re == nil {
				continue
			}
			p := NewPrefilter(re.String())
			for _, text := range texts {
				if !mayHoldWith(t, re, &p, text) {
					rejected++
				} else if re.MatchString(text) {
					matched++
				}
			}
		}
	}
	if matched < 100 || rejected < 1000 {
		t.Errorf("%d matches and %d rejections: the test checks little", matched, rejected)
	}
}

func TestPrefilterCases(t *testing.T) {
	for expr, cases := range map[string]map[string]bool{
		`(?i)\bresolutions?\s+\d+/\d+`: {"Resolution 73/27": true, "RESOLUTIONS  7/2": true, "a resolution": false, "resolution 73": false},
		`(?i)kelvin|sun`:               {"KELVIN": true, "\u212Aelvin": true, "ſun": true, "moon": false},
		`a*`:                           {"": true, "b": true},
		`x[^y]z`:                       {"xaz": true, "xz": true, "xa": false},
		`[^\x00-\x{10FFFF}]`:           {"a": false},
	} {
		re := regexp.MustCompile(expr)
		for text, want := range cases {
			if got := mayHold(t, re, text); got != want {
				t.Errorf("%s on %q: may %v, want %v", expr, text, got, want)
			}
		}
	}
}

func FuzzPrefilter(f *testing.F) {
	f.Add(`(?i)\bresolutions?\s+\d{1,2}/\d+`, "Resolution 73/27")
	f.Add(`a(b|c+)d?`, "acc")
	f.Fuzz(func(t *testing.T, expr, text string) {
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		mayHold(t, re, text)
	})
}

// prefilterTexts are the examples, the bundled briefs cut at full stops and
// fragments recombined at random, with glued words and folding runes.
func prefilterTexts(t testing.TB, s *Set) []string {
	var texts []string
	for _, r := range s.Rules {
		for _, ex := range append(r.Info().Match, r.Info().NoMatch...) {
			texts = append(texts, ex.Text)
		}
	}
	files, _ := filepath.Glob("../corpus/briefs/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		texts = append(texts, strings.Split(string(b), ". ")...)
	}
	words := strings.Fields(`resolution resolutions Resolution RESOLUTIONS A/RES/ A/ S/RES/ 73/27 75/240 266A 2341 (2017) and , & as well
		Security Council UNSC SC HRC Human Rights 20/8 A/HRC/RES/ 2015 2021 GGE UNGGE Group of Governmental Experts report reports final
		consensus OEWG Open-ended Working the first 2019-2021 PoA Programme Program Action established endorsing endorsed ſ K résolution
		x _ 7 é “ ’s 's on that which creating`)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range 2 + rng.IntN(10) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString([]string{" ", "", "  ", "\n", " ", " "}[rng.IntN(6)])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestCitationFilterAgrees holds the one-pass filter to the Prefilter it
// compiles, and its start offsets to searching the whole text.
func TestCitationFilterAgrees(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var sc CitationScan
	skipped := 0
	for _, text := range prefilterTexts(t, s) {
		checkCitationScan(t, s, &sc, text)
		s.CitationFilter.Scan(text, &sc)
		for i := range s.Citations {
			if from, to, ok := sc.Window(i); ok && (from > 0 || to < len(text)) {
				skipped++
			}
		}
	}
	if skipped < 1000 {
		t.Errorf("searches began late only %d times: the test checks little", skipped)
	}
}

func checkCitationScan(t *testing.T, s *Set, sc *CitationScan, text string) {
	t.Helper()
	s.CitationFilter.Scan(text, sc)
	folded := FoldText(text)
	for i, c := range s.Citations {
		from, to, ok := sc.Window(i)
		// The scan may reject more than the Prefilter only for want of a
		// literal every match starts or ends with.
		if may := c.Filter.May(folded); !may && ok || may && !ok && c.Filter.Starts == nil && c.Filter.Ends == nil {
			t.Errorf("%s on %q: prefilter %v, scan %v", c.ID, text, may, ok)
		}
		want := c.Regex.FindAllStringSubmatchIndex(text, -1)
		if !ok {
			if want != nil {
				t.Errorf("%s on %q: scan rejects a text that matches", c.ID, text)
			}
			continue
		}
		got := shift(c.Regex.FindAllStringSubmatchIndex(text[from:to], -1), from)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s on %q in [%d, %d): %v, want %v", c.ID, text, from, to, got, want)
		}
		if got := sc.Matches(i, c); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s on %q: Matches gives %v, want %v", c.ID, text, got, want)
		}
	}
}

func FuzzCitationFilter(f *testing.F) {
	s, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Kenya recalls Security Council resolution 2341 (2017) and xresolution 73/27.")
	f.Add("the ſC resolution 20/8 and \u212Aresolution, A/RES/7/2")
	var sc CitationScan
	f.Fuzz(func(t *testing.T, text string) {
		checkCitationScan(t, s, &sc, text)
	})
}
