package extract_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberclaims/claims/extract"
)

var fuzzSeeds = []string{
	"Peru supports capacity building. Chile rejects a new treaty.",
	"\uFEFFStatement by the delegation of Canada\r\n\r\nWe support a permanent mechanism.\rMy delegation rejects a new cyber treaty.",
	"International law\nPeru holds that law applies (see p. 5. Above). It agrees, e.g. with para. 7.",
	"States must respect operations.3 The EU agrees.[4] North Macedonia co-sponsored the 2020\nProgramme of Action.",
	"8. Canada affirms the norms in resolutions 73/27, 74/29 and 75/240.\n\n(b) Brazil cites Security Council resolution 2341 (2017).",
	"Kenya welcomes Human Rights Council resolution 20/8, A/RES/73/266A and the 2015 GGE report (A/70/174).",
	"", " \n\t", "\x00", "Peru \xff supports.", "\xed\xa0\x80", "(((((", "]]]. [[[", "a.b.c.d. e. f.",
}

// FuzzSegment: on any text Segment does not panic; on UTF-8 text its units
// are in order, apart, non-empty, inside the text, and trimmed.
func FuzzSegment(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	seg, err := extract.NewSegmenter([]string{"i.e.", "e.g.", "para.", "art.", "No.", "p."})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		units := seg.Segment(src)
		if !utf8.ValidString(src) {
			return // only no panic: Extract refuses such text first
		}
		end := 0
		for i, u := range units {
			if u.Start < end || u.End <= u.Start || u.End > len(src) {
				t.Fatalf("unit %d [%d,%d): out of order, empty or outside [%d,%d)", i, u.Start, u.End, end, len(src))
			}
			text := src[u.Start:u.End]
			if strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF")) != text {
				t.Fatalf("unit %d [%d,%d) %q is not trimmed", i, u.Start, u.End, text)
			}
			end = u.End
		}
	})
}

// FuzzExtract: any bytes give claims or an error, never a panic; bytes that
// are not UTF-8 give ErrNotUTF8; every claim's offsets index the raw bytes
// and every claim is valid against the schema.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := x.Extract("f.txt", raw, true)
		if !utf8.Valid(raw) {
			if !errors.Is(err, extract.ErrNotUTF8) {
				t.Fatalf("invalid UTF-8: want ErrNotUTF8, got %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, raw, r.Claims)
	})
}

// FuzzCitations puts arbitrary text where a claim's citations go, so that
// every symbol the citation rules make is checked against the claim
// schema's patterns (checkClaims validates each claim).
func FuzzCitations(f *testing.F) {
	for _, s := range []string{
		"resolution 73/27", "UNGA resolution 73/27", "A/RES/73/27", "A/73/27", "resolution 73/266A",
		"resolutions 73/27, 74/29 and 75/240", "resolutions A/73/27 & 74/29 as well as 75/240 B",
		"Security Council resolution 2341 (2017)", "SC resolutions 2341 (2017), 1373 and 2622", "S/RES/99999",
		"Human Rights Council resolution 20/8", "HRC resolutions 20/8 and 32/13", "A/HRC/RES/20/8",
		"the 2010, 2013 and 2015 GGE reports", "the report of the 2021 Group of Governmental Experts",
		"the 2021 OEWG final report", "the resolution establishing the second OEWG", "the PoA resolution",
		"resolution 123/45678", "resolutions 73/27456", "HRC resolution 20/8123", "SC resolution 23410", "A/RES/1/1/1", "paragraph 13 of 2015", "2021-2025", "art. 51",
	} {
		f.Add(s)
	}
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, cite string) {
		raw := []byte("Peru supports the voluntary norms in " + cite + ".")
		r, err := x.Extract("c.txt", raw, false)
		if !utf8.Valid(raw) {
			if !errors.Is(err, extract.ErrNotUTF8) {
				t.Fatalf("invalid UTF-8: want ErrNotUTF8, got %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, raw, r.Claims)
	})
}
