package token

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenizeOffsetsIndexSource(t *testing.T) {
	src := "The EU’s “honest broker” role: cyber-attacks (UNGGE/OEWG), 73/27 and 2021-2025 [\nx]."
	tk := New()
	toks := tk.Tokenize(src, 0)
	if len(toks) == 0 {
		t.Fatal("no tokens")
	}
	for _, tok := range toks {
		if got := src[tok.Start:tok.End]; got != tok.Text {
			t.Errorf("token %q at [%d:%d] indexes %q", tok.Text, tok.Start, tok.End, got)
		}
	}
	var folds []string
	for _, tok := range toks {
		folds = append(folds, tok.Fold)
	}
	got := strings.Join(folds, " ")
	for _, want := range []string{"eu 's", `" honest broker "`, "cyber attacks", "( ungge oewg )", "73/27", "2021-2025"} {
		if !strings.Contains(got, want) {
			t.Errorf("folded tokens %q lack %q", got, want)
		}
	}
}

func TestTokenizeWithBase(t *testing.T) {
	src := "xx Peru stresses"
	toks := New().Tokenize(src[3:], 3)
	if toks[0].Start != 3 || src[toks[0].Start:toks[0].End] != "Peru" {
		t.Fatalf("base not applied: %+v", toks[0])
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{"EU’s": "eu's", "“Norms”": `"norms"`, "plain": "plain", "Türkiye": "türkiye", "2021–2025": "2021-2025"}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsUpperWord(t *testing.T) {
	for s, want := range map[string]bool{"EU": true, "U.S.": true, "ROK": true, "Eu": false, "A": false, "us": false} {
		if IsUpperWord(s) != want {
			t.Errorf("IsUpperWord(%q) != %v", s, want)
		}
	}
}

func TestFootnoteMarkersSplitOff(t *testing.T) {
	src := "international law.4 and norms.[12] and U.S. and 2.5 and A/RES/73/27."
	var got []string
	for _, tok := range New().Tokenize(src, 0) {
		if src[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %q does not index the source", tok.Text)
		}
		got = append(got, tok.Text)
	}
	joined := strings.Join(got, " ")
	for _, want := range []string{"law . 4 and", "norms . [ 12 ]", "U.S.", "2.5", "A/RES/73/27"} {
		if !strings.Contains(joined, want) {
			t.Errorf("tokens %q lack %q", joined, want)
		}
	}
}

// TestJoinsWordsBrokenAcrossLines: a word a PDF hyphenated at a line end is
// one token whose fold is the word and whose text is the raw span; a real
// compound and a hyphen before a space stay as they were.
func TestJoinsWordsBrokenAcrossLines(t *testing.T) {
	src := "the Group of Govern-\nmental Experts, state-\nsponsored and pre- and post-war confidence-\nbuilding"
	var got []string
	for _, k := range New().Tokenize(src, 10) {
		if src[k.Start-10:k.End-10] != k.Text {
			t.Fatalf("token %q does not index the source at %d:%d", k.Text, k.Start, k.End)
		}
		got = append(got, k.Fold)
	}
	want := []string{"the", "group", "of", "governmental", "experts", ",", "state-", "sponsored", "and", "pre-", "and", "post", "war", "confidence-", "building"}
	if !slices.Equal(got, want) {
		t.Errorf("folds %q\nwant %q", got, want)
	}
}
