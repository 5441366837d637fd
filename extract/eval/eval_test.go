package eval

import (
	"strings"
	"testing"

	"github.com/cyberclaims/claims/schema"
)

const gold = `{"doc": "a.txt", "text": "Peru supports ‘norms’.", "claims": [{"country_code": "PER", "topic": "voluntary-norms", "stance": "supports", "resolutions": ["A/RES/73/27"], "documents": []}]}
{"doc": "a.txt", "text": "Chile rejects a treaty.", "claims": [{"country_code": "CHL", "topic": "binding-instrument", "stance": "opposes", "resolutions": [], "documents": []}]}
{"doc": "a.txt", "text": "Nothing here.", "claims": []}
`

func claim(code, topic, stance, text string, res ...string) schema.Claim {
	return schema.Claim{CountryCode: code, Topic: topic, Stance: stance, Text: text, Resolutions: res, Sources: []schema.Source{{Doc: "a.txt", Line: 1}}}
}

func TestScore(t *testing.T) {
	g, err := ReadGold(strings.NewReader(gold), "gold")
	if err != nil {
		t.Fatal(err)
	}
	pred := []schema.Claim{
		// Whitespace, quotes and case folded: matches the first gold sentence.
		claim("PER", "voluntary-norms", "supports", "peru  supports 'norms'.", "A/RES/73/27"),
		// Right actor and topic, wrong stance.
		claim("CHL", "binding-instrument", "supports", "Chile rejects a treaty."),
		// A claim on a sentence with none.
		claim("PER", "ihl", "neutral", "Nothing here."),
		// A document the gold does not cover: not scored.
		{CountryCode: "PER", Topic: "ihl", Stance: "neutral", Text: "Elsewhere.", Sources: []schema.Source{{Doc: "z.txt", Line: 1}}},
	}
	r := Score(g, pred, 5)
	if r.OtherDocs != 1 {
		t.Errorf("other docs %d", r.OtherDocs)
	}
	if r.Claims.TP != 1 || r.Claims.FP != 2 || r.Claims.FN != 1 {
		t.Errorf("claims %+v", r.Claims)
	}
	if r.Actors.TP != 2 || r.Actors.FP != 1 || r.Actors.FN != 0 {
		t.Errorf("actors %+v", r.Actors)
	}
	if r.Citations.F1 != 1 {
		t.Errorf("citations %+v", r.Citations)
	}
	if r.StancePairs != 2 || r.StanceAccuracy != 0.5 {
		t.Errorf("stance %d %.2f", r.StancePairs, r.StanceAccuracy)
	}
	if r.Confusion["(none)"]["ihl"] != 1 || r.Confusion["voluntary-norms"]["voluntary-norms"] != 1 {
		t.Errorf("confusion %v", r.Confusion)
	}
	if len(r.Worst) == 0 || r.Worst[0].Errors != 2 {
		t.Errorf("worst %+v", r.Worst)
	}
	var b strings.Builder
	if err := r.WriteTable(&b); err != nil || !strings.Contains(b.String(), "claims         0.333") {
		t.Errorf("table:\n%s", b.String())
	}
}

func TestReadGoldErrorsNameTheLine(t *testing.T) {
	_, err := ReadGold(strings.NewReader(gold+"{\"doc\": 1}\n"), "g.jsonl")
	if err == nil || !strings.HasPrefix(err.Error(), "g.jsonl:4:") {
		t.Fatalf("got %v", err)
	}
}
