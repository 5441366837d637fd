package extract_test

import (
	"testing"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/schema"
)

// TestMergeEarliestSourceWins: whatever order the documents arrive in (the
// order of the arguments), the merged claim's fields are those of its
// earliest source, and its sources are sorted.
func TestMergeEarliestSourceWins(t *testing.T) {
	claim := func(doc string, sentence int) schema.Claim {
		return schema.Claim{ID: "c_0000000000000001", Sources: []schema.Source{{Doc: doc, Start: 10, End: 20, Line: 1}}, Evidence: schema.Evidence{Sentence: sentence}}
	}
	for _, order := range [][]string{{"z", "b", "c"}, {"c", "z", "b"}, {"b", "z", "c"}} {
		sentence := map[string]int{"b": 1, "c": 2, "z": 3}
		var in []schema.Claim
		for _, d := range order {
			in = append(in, claim(d, sentence[d]))
		}
		got := extract.Merge(in)
		if len(got) != 1 || got[0].Evidence.Sentence != 1 || got[0].Sources[0].Doc != "b" || got[0].Sources[2].Doc != "z" {
			t.Errorf("order %v: %+v, want the fields of b and sources b, c, z", order, got)
		}
	}
}
