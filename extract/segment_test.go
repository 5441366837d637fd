package extract

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func testSegmenter(t *testing.T) *Segmenter {
	t.Helper()
	s, err := NewSegmenter([]string{"i.e.", "e.g.", "para.", "art.", "No.", "p."})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSegment(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"line breaks inside sentences", "Notable examples include UNGA\nresolution 73/27. Peru agrees.",
			[]string{"Notable examples include UNGA\nresolution 73/27.", "Peru agrees."}},
		{"capitalised word after a break", "Macedonia co-sponsored the 2020\nProgramme of Action. It agreed.",
			[]string{"Macedonia co-sponsored the 2020\nProgramme of Action.", "It agreed."}},
		{"blank line is a boundary", "Peru agrees\n\nChile too.", []string{"Peru agrees", "Chile too."}},
		{"heading line", "International law\nPeru holds that law applies. It agrees.",
			[]string{"International law", "Peru holds that law applies.", "It agrees."}},
		{"abbreviations", "It cites para. 7 and art. 2 of No. 4 today. Next one.",
			[]string{"It cites para. 7 and art. 2 of No. 4 today.", "Next one."}},
		{"parentheses", "The norms (see p. 5. Above) apply. Next one.",
			[]string{"The norms (see p. 5. Above) apply.", "Next one."}},
		{"footnote bracket", "It agrees with the basis” [\nx]. North Macedonia also agreed.",
			[]string{"It agrees with the basis” [\nx].", "North Macedonia also agreed."}},
		{"glued footnote number", "States must respect operations.3 The EU agrees.",
			[]string{"States must respect operations.3", "The EU agrees."}},
		{"glued footnote bracket", "Law applies.[4] The EU agrees.", []string{"Law applies.[4]", "The EU agrees."}},
		{"footnote bracket after a year, broken", "It did so in 2017.[\n4] The EU agrees.", []string{"It did so in 2017.[\n4]", "The EU agrees."}},
		{"footnote after a parenthesis", "It was tabled (A/69/723).3 The EU agrees.", []string{"It was tabled (A/69/723).3", "The EU agrees."}},
		{"footnote after a symbol", "It voted for resolutions 74/29 and 75/240.5 Kazakhstan agrees.", []string{"It voted for resolutions 74/29 and 75/240.5", "Kazakhstan agrees."}},
		{"footnote after a year", "Georgia ratified it in 2012.1 Moldova agrees.", []string{"Georgia ratified it in 2012.1", "Moldova agrees."}},
		{"a decimal is no footnote", "It grew by 2.5 Percent. Next one.", []string{"It grew by 2.5 Percent.", "Next one."}},
		{"paragraph number", "8. Canada affirms the norms.", []string{"Canada affirms the norms."}},
		{"list items", "Its priorities are as follows:\n• Peru backs the norms\n  in full.\n- It opposes a treaty\n* Capacity building",
			[]string{"Its priorities are as follows:", "Peru backs the norms\n  in full.", "It opposes a treaty", "Capacity building"}},
		{"a dash inside a line is no list", "Peru - like Chile - agrees.\nIt does.", []string{"Peru - like Chile - agrees.", "It does."}},
		{"crlf and lone cr", "Peru agrees.\r\n\r\nChile too.\rBrazil also.", []string{"Peru agrees.", "Chile too.", "Brazil also."}},
		{"bom", "\uFEFFPeru agrees.", []string{"Peru agrees."}},
		{"whitespace only", " \n\t\n", nil},
	}
	s := testSegmenter(t)
	for _, c := range cases {
		var got []string
		for _, u := range s.Segment(c.src) {
			got = append(got, c.src[u.Start:u.End])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestHeadingUnits: a heading line before a sentence and a title that is a
// paragraph of its own are heading units; a one-line sentence is not.
func TestHeadingUnits(t *testing.T) {
	src := "Summary of Chile's position on international law\n\nInternational law\nChile agrees.\n\nPeru supports capacity building\n"
	var got []string
	for _, u := range testSegmenter(t).Segment(src) {
		got = append(got, fmt.Sprintf("%v %s", u.Heading, src[u.Start:u.End]))
	}
	want := []string{"true Summary of Chile's position on international law", "true International law", "false Chile agrees.", "false Peru supports capacity building"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestSegmentShortcutsAgree holds the cheap checks to the expressions they
// spare: the first byte before paraNumber, the last rune for the end of a
// heading (once the expression `[.!?;:,\-–—(\[/&]$`).
func TestSegmentShortcutsAgree(t *testing.T) {
	headingEnd := regexp.MustCompile(`[.!?;:,\-–—(\[/&]$`)
	parts := []string{"8", ".", ")", "(", "b", "(b)", "123", "1234", " ", "\t", "\n", "x", "The", "é", "–", "—", "-", "[", "/", "&", ";", ":", ",", "!", "?", "’", "A"}
	rng := rand.New(rand.NewPCG(5, 6))
	paras, ends := 0, 0
	for range 200000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if paraNumber.MatchString(s) {
			paras++
			if !mayBeParaNumber(s) {
				t.Fatalf("paraNumber matches %q but mayBeParaNumber says no", s)
			}
		}
		l := strings.TrimSpace(s)
		if l == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(l)
		if want := headingEnd.MatchString(l); want {
			ends++
			if !strings.ContainsRune(headingEnds, last) {
				t.Fatalf("%q ends a heading for the expression, not for headingEnds", l)
			}
		} else if strings.ContainsRune(headingEnds, last) {
			t.Fatalf("%q ends a heading for headingEnds, not for the expression", l)
		}
	}
	if paras < 100 || ends < 100 {
		t.Errorf("%d paragraph numbers and %d heading ends: the test checks little", paras, ends)
	}
}
