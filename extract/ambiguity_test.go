package extract_test

import (
	"reflect"
	"testing"
)

// TestAmbiguousActors pins down the deliberate choices for names that are
// ambiguous: each resolves one way, or not at all.
func TestAmbiguousActors(t *testing.T) {
	x := newExtractor(t)
	cases := []struct {
		text string
		want []want
	}{
		{"Georgia supports capacity building.", []want{{"GEO", "capacity-building", "supports"}}},
		{"Atlanta, Georgia hosted a workshop that supports capacity building.", nil},
		{"Georgia Tech supports capacity building.", nil},
		{"Jordan supports capacity building.", []want{{"JOR", "capacity-building", "supports"}}},
		{"Michael Jordan supports capacity building.", nil},
		{"Chad supports capacity building.", []want{{"TCD", "capacity-building", "supports"}}},
		{"Lake Chad supports capacity building.", nil},
		{"Niger supports capacity building.", []want{{"NER", "capacity-building", "supports"}}},
		{"Nigeria supports capacity building.", []want{{"NGA", "capacity-building", "supports"}}},
		{"The Niger Delta supports capacity building.", nil},
		// "Korea" and "Congo" alone could be either state: no claim rather than a guess.
		{"Korea supports capacity building.", nil},
		{"Congo supports capacity building.", nil},
		{"South Korea supports capacity building.", []want{{"KOR", "capacity-building", "supports"}}},
		{"The DPRK rejects capacity building.", []want{{"PRK", "capacity-building", "opposes"}}},
		{"The Democratic Republic of the Congo supports capacity building.", []want{{"COD", "capacity-building", "supports"}}},
		{"The Republic of the Congo supports capacity building.", []want{{"COG", "capacity-building", "supports"}}},
		{"Papua New Guinea supports capacity building.", []want{{"PNG", "capacity-building", "supports"}}},
		{"Guinea supports capacity building.", []want{{"GIN", "capacity-building", "supports"}}},
		{"The Dominican Republic supports capacity building.", []want{{"DOM", "capacity-building", "supports"}}},
		{"Dominica supports capacity building.", []want{{"DMA", "capacity-building", "supports"}}},
		{"Türkiye supports capacity building.", []want{{"TUR", "capacity-building", "supports"}}},
		{"Turkey supports capacity building.", []want{{"TUR", "capacity-building", "supports"}}},
		{"Swaziland supports capacity building.", []want{{"SWZ", "capacity-building", "supports"}}},
		{"North Macedonia supports capacity building.", []want{{"MKD", "capacity-building", "supports"}}},
		{"Northern Ireland supports capacity building.", nil},
		{"The US supports capacity building.", []want{{"USA", "capacity-building", "supports"}}},
		{"Let us support capacity building.", nil},
	}
	for _, c := range cases {
		if got := claimsOf(t, x, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q\n got %v\nwant %v", c.text, got, c.want)
		}
	}
}
