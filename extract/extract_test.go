package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/extract/eval"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
)

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	s, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestShippedRuleExamples runs every example of the shipped rules, as
// "claims rules test" does.
func TestShippedRuleExamples(t *testing.T) {
	x := newExtractor(t)
	for _, f := range x.TestRules() {
		t.Error(f)
	}
}

func TestShippedRulesLintClean(t *testing.T) {
	s, _ := rules.Default()
	for _, p := range rules.Lint(s) {
		t.Error(p)
	}
}

type want struct{ code, topic, stance string }

func claimsOf(t *testing.T, x *extract.Extractor, text string) []want {
	t.Helper()
	r, err := x.Extract("t.txt", []byte(text), false)
	if err != nil {
		t.Fatal(err)
	}
	var out []want
	for _, c := range r.Claims {
		out = append(out, want{c.CountryCode, c.Topic, c.Stance})
	}
	return out
}

// TestClaimAssembly covers claimant choice, carry-over, negation and topics
// on sentences written for the test.
func TestClaimAssembly(t *testing.T) {
	x := newExtractor(t)
	cases := []struct {
		name, text string
		want       []want
	}{
		{"subject over reference", "Montenegro aligned itself with the EU position on the norms.",
			[]want{{"MNE", "eu-alignment", "supports"}, {"MNE", "voluntary-norms", "supports"}}},
		{"possessive claimant", "The EU's aim is to promote confidence-building measures.",
			[]want{{"EU", "confidence-building", "supports"}}},
		{"fronted reference", "Unlike the United States, Brazil favours a new treaty on state conduct.",
			[]want{{"BRA", "binding-instrument", "supports"}}},
		{"along with", "Along with Iran and Cuba, Venezuela rejects the application of the law of armed conflict.",
			[]want{{"VEN", "ihl", "opposes"}}},
		{"fronted list", "Together with Russia, China and Nicaragua, Bolivia co-sponsored the Budapest Convention.",
			[]want{{"BOL", "cybercrime", "supports"}}},
		{"fronted list, then coordinated subjects", "Unlike the United States, Brazil and Chile favour a new treaty.",
			[]want{{"BRA", "binding-instrument", "supports"}, {"CHL", "binding-instrument", "supports"}}},
		{"fronted venue", "Within the African Union, Zambia backs the Budapest Convention.",
			[]want{{"ZMB", "cybercrime", "supports"}}},
		{"neither before the verb denies once", "Neither Georgia nor Moldova supported the Budapest Convention.",
			[]want{{"GEO", "cybercrime", "opposes"}, {"MDA", "cybercrime", "opposes"}}},
		{"neither after the verb", "Namibia favours neither a new legally binding instrument nor a renegotiation.",
			[]want{{"NAM", "binding-instrument", "opposes"}}},
		{"overlapping negators deny once", "Latvia takes the view that there is no need for a new legally binding instrument.",
			[]want{{"LVA", "binding-instrument", "opposes"}}},
		{"they after a group", "Latvian diplomats back the voluntary norms. They also favour capacity building.",
			[]want{{"LVA", "voluntary-norms", "supports"}, {"LVA", "capacity-building", "supports"}}},
		{"they after one state carries nothing", "Peru backs the voluntary norms. They also favour capacity building.",
			[]want{{"PER", "voluntary-norms", "supports"}}},
		{"associates itself with EU statements", "Lisbon routinely associates itself with the statements that the EU delivers.",
			[]want{{"PRT", "eu-alignment", "supports"}}},
		{"a second reporting verb opens a clause", "Iceland rejects a new legally binding instrument and maintains that international humanitarian law applies.",
			[]want{{"ISL", "binding-instrument", "opposes"}, {"ISL", "ihl", "supports"}}},
		{"on behalf of", "Finland, on behalf of the European Union, welcomed the Programme of Action.",
			[]want{{"EU", "un-processes", "supports"}}},
		{"object negation", "Japan believes that no new legally binding instrument is necessary.",
			[]want{{"JPN", "binding-instrument", "opposes"}}},
		{"cue negation", "Serbia does not vote in alignment with the EU.",
			[]want{{"SRB", "eu-alignment", "opposes"}}},
		{"double reading of one negator counts once", "Chile sees no need for a new treaty.",
			[]want{{"CHL", "binding-instrument", "opposes"}}},
		{"neutral report", "Ghana was represented in the Group of Governmental Experts.",
			[]want{{"GHA", "un-processes", "neutral"}}},
		{"no cue is neutral", "Ghana and attribution in cyberspace.", []want{{"GHA", "attribution", "neutral"}}},
		{"coordinated subjects", "Estonia and Finland support capacity building.",
			[]want{{"EST", "capacity-building", "supports"}, {"FIN", "capacity-building", "supports"}}},
		{"anaphora", "Peru supports capacity building. The South American country also promotes confidence-building measures.",
			[]want{{"PER", "capacity-building", "supports"}, {"PER", "confidence-building", "supports"}}},
		{"demonym with speaker noun", "The Kenyan government supports capacity building.",
			[]want{{"KEN", "capacity-building", "supports"}}},
		{"demonym without speaker noun", "Kenyan coffee supports capacity building.", nil},
		{"no claimant, no claim", "Capacity building matters.", nil},
		{"anaphor with nothing before it", "It supports capacity building.", nil},
		{"venue is not a claim", "Within the OEWG, Kenya stressed the need for capacity building.",
			[]want{{"KEN", "capacity-building", "supports"}}},
		{"ambiguous alias next to a name", "Chad Smith supports capacity building.", nil},
		{"ambiguous alias alone", "Chad supports capacity building.", []want{{"TCD", "capacity-building", "supports"}}},
		{"longest alias wins", "South Sudan supports capacity building.", []want{{"SSD", "capacity-building", "supports"}}},
		{"heading sets context only", "Republic of Korea\nIt supports capacity building.",
			[]want{{"KOR", "capacity-building", "supports"}}},
		{"source line makes no claim", "Source: Peru's statements on capacity building, restated\n\nPeru supports norms.",
			[]want{{"PER", "voluntary-norms", "supports"}}},
		{"title paragraph sets context only", "Summary of Chile's position on international law\n\nIt supports capacity building.",
			[]want{{"CHL", "capacity-building", "supports"}}},
		{"negated opinion denies a distant cue", "The US does not consider a new legally binding treaty on state conduct in cyberspace to be necessary.",
			[]want{{"USA", "binding-instrument", "opposes"}}},
		{"negated persuasion", "The UK is not persuaded that state practice is sufficient to establish a rule of due diligence.",
			[]want{{"GBR", "due-diligence", "opposes"}}},
		{"negated opinion verb itself", "Chile does not consider a new treaty on state conduct.",
			[]want{{"CHL", "binding-instrument", "opposes"}}},
		{"a question asks, the answer claims", "Q: Does Peru support a new treaty on state conduct?\nA: The government does not consider a new treaty on state conduct necessary.",
			[]want{{"PER", "binding-instrument", "opposes"}}},
		{"subject after a label", "Peru supports the norms.\n\nSovereignty: It upholds non-intervention.",
			[]want{{"PER", "voluntary-norms", "supports"}, {"PER", "sovereignty", "supports"}}},
		{"neither ... nor negates once, for both", "Neither Sweden nor Denmark regards a new legally binding instrument as necessary.",
			[]want{{"SWE", "binding-instrument", "opposes"}, {"DNK", "binding-instrument", "opposes"}}},
		{"a relative clause is its own clause", "A new treaty on state conduct is not considered necessary by Georgia, which regards existing international law as sufficient.",
			[]want{{"GEO", "binding-instrument", "opposes"}, {"GEO", "international-law", "supports"}}},
		{"subject after a fronted phrase", "Peru supports the norms. In 2018 it voted for resolution 73/27.",
			[]want{{"PER", "voluntary-norms", "supports"}, {"PER", "un-processes", "supports"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := claimsOf(t, x, c.text)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%q\n got %v\nwant %v", c.text, got, c.want)
			}
		})
	}
}

func TestElaborationInheritsClaimsAndAddsCitations(t *testing.T) {
	x := newExtractor(t)
	r, err := x.Extract("t.txt", []byte("Serbia does not vote in alignment with the EU. Notable examples include resolutions 74/29 and 75/240."), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Claims) != 2 {
		t.Fatalf("want 2 claims, got %d", len(r.Claims))
	}
	c := r.Claims[1]
	if c.CountryCode != "SRB" || c.Topic != "eu-alignment" || c.Stance != "opposes" || !reflect.DeepEqual(c.Resolutions, []string{"A/RES/74/29", "A/RES/75/240"}) {
		t.Fatalf("elaboration claim %+v", c)
	}
	if !strings.Contains(c.Evidence.Country.Note, "carried from sentence 1") {
		t.Errorf("evidence should say it was carried: %q", c.Evidence.Country.Note)
	}
}

// TestTopicAnaphors: "the protocol", "such an instrument" take the topic
// of the last sentence or two that had one, within the anaphor's topics,
// with the sentence's own claimant and stance; farther back, or with a
// topic of its own, the sentence keeps what it says.
func TestTopicAnaphors(t *testing.T) {
	x := newExtractor(t)
	for _, c := range []struct {
		text string
		want []string // code topic stance of the last sentence's claims
	}{
		{"Brazil backs the Budapest Convention on cybercrime. Morocco signed the protocol in 2022.", []string{"MAR cybercrime supports"}},
		{"Chile calls for a legally binding treaty. Peru does not support such an instrument.", []string{"PER binding-instrument opposes"}},
		// The instrument anaphor does not stand for norms.
		{"Chile supports the voluntary norms. Peru signed the protocol.", nil},
		// Three sentences back is too far.
		{"Brazil backs the Budapest Convention. The weather was fine. Talks went on. Morocco signed the protocol in 2022.", nil},
		{"ASEAN endorsed the eleven voluntary norms in 2018. It has since adopted a plan for implementing them.", []string{"ASEAN voluntary-norms supports"}},
	} {
		r, err := x.Extract("t.txt", []byte(c.text), false)
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, cl := range r.Claims {
			last = max(last, cl.Evidence.Sentence)
		}
		var got []string
		for _, cl := range r.Claims {
			if cl.Evidence.Sentence == last && last > 1 {
				got = append(got, cl.CountryCode+" "+cl.Topic+" "+cl.Stance)
				if !strings.HasPrefix(cl.Evidence.Topic.Rule, "topic.anaphor.") || !strings.Contains(cl.Evidence.Topic.Note, "stands for the topic of sentence") {
					t.Errorf("%q: topic evidence %+v should name the anaphor and the sentence", c.text, cl.Evidence.Topic)
				}
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

func TestCitations(t *testing.T) {
	x := newExtractor(t)
	cases := []struct {
		text      string
		res, docs []string
	}{
		{"Peru cites UNGA\nresolution 73/27, and later resolutions\n74/29 and\n75/240.", []string{"A/RES/73/27", "A/RES/74/29", "A/RES/75/240"}, nil},
		{"Peru cites resolutions 73/27, 74/29 and 75/240.", []string{"A/RES/73/27", "A/RES/74/29", "A/RES/75/240"}, nil},
		{"Peru cites Resolution 73/266A.", []string{"A/RES/73/266"}, nil},
		{"Peru cites resolution A/73/27.", []string{"A/RES/73/27"}, nil},
		{"Peru cites A/RES/73/27 and A/70/174.", []string{"A/RES/73/27"}, []string{"A/70/174"}},
		{"Peru cites Security Council resolution 2341 (2017).", []string{"S/RES/2341"}, nil},
		{"Peru cites Human Rights Council resolution 20/8.", []string{"A/HRC/RES/20/8"}, nil},
		{"Peru cites the 2013, 2015 and 2021 GGE reports.", nil, []string{"A/68/98", "A/70/174", "A/76/135"}},
		{"Peru cites the 2021 OEWG final report.", nil, []string{"A/75/816"}},
		{"Peru cites the PoA resolution.", []string{"A/RES/77/37"}, nil},
		{"Peru cites the 2021-2025 OEWG, paragraph 13, Article 51 and the year 2015.", nil, nil},
	}
	for _, c := range cases {
		r, err := x.Extract("t.txt", []byte(c.text+" Peru supports norms."), true)
		if err != nil {
			t.Fatal(err)
		}
		var res, docs []string
		for _, s := range r.Sentences[:1] {
			for _, f := range s.Fired {
				if strings.HasPrefix(f, "cite.") {
					sym := f[strings.LastIndex(f, "-> ")+3:]
					if strings.Contains(sym, "RES") {
						res = append(res, sym)
					} else {
						docs = append(docs, sym)
					}
				}
			}
		}
		sort.Strings(res)
		sort.Strings(docs)
		if !reflect.DeepEqual(res, c.res) || !reflect.DeepEqual(docs, c.docs) {
			t.Errorf("%q: got %v %v, want %v %v", c.text, res, docs, c.res, c.docs)
		}
	}
}

// TestOffsetsIndexRawBytes checks every source and evidence span against the
// raw document, including CRLF, a BOM and curly quotes.
func TestOffsetsIndexRawBytes(t *testing.T) {
	x := newExtractor(t)
	src := "\uFEFFPeru “stresses” the need\r\nfor capacity building.\r\n\r\nIt also upholds the 2015 GGE report’s norms.\rThe EU’s ambition is transparency."
	r, err := x.Extract("t.txt", []byte(src), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Claims) < 3 {
		t.Fatalf("want at least 3 claims, got %d", len(r.Claims))
	}
	for _, c := range r.Claims {
		s := c.Sources[0]
		if got := strings.Join(strings.Fields(src[s.Start:s.End]), " "); got != c.Text {
			t.Errorf("source [%d:%d] is %q, claim text %q", s.Start, s.End, got, c.Text)
		}
		if want := strings.Count(strings.ReplaceAll(src[:s.Start], "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(src[:s.Start], "\r\n", ""), "\r") + 1; s.Line != want {
			t.Errorf("%q: line %d, want %d", c.Text, s.Line, want)
		}
		spans := append(append(append(c.Evidence.Country.Spans, c.Evidence.Topic.Spans...), c.Evidence.Stance.Spans...), nil...)
		for _, sp := range spans {
			if src[sp.Start:sp.End] != sp.Text {
				t.Errorf("evidence span [%d:%d] indexes %q, says %q", sp.Start, sp.End, src[sp.Start:sp.End], sp.Text)
			}
		}
	}
}

// TestIDStableAcrossEditsElsewhere: ids depend on the sentence, not its position.
func TestIDStableAcrossEditsElsewhere(t *testing.T) {
	x := newExtractor(t)
	a := claimsByID(t, x, "Peru supports capacity building.")
	b := claimsByID(t, x, "A new first line about nothing.\n\nPeru   supports capacity\nbuilding.")
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("want one claim each, got %v and %v", a, b)
	}
	for id := range a {
		if _, ok := b[id]; !ok {
			t.Errorf("id %s changed after an edit elsewhere: %v", id, b)
		}
	}
}

func claimsByID(t *testing.T, x *extract.Extractor, text string) map[string]bool {
	r, err := x.Extract("t.txt", []byte(text), false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, c := range r.Claims {
		out[c.ID] = true
	}
	return out
}

func TestSameSentenceTwoDocumentsIsOneClaim(t *testing.T) {
	x := newExtractor(t)
	docs := []extract.Doc{{Name: "a.txt", Text: []byte("Peru supports capacity building.")}, {Name: "b.txt", Text: []byte("Intro.\n\nPeru supports capacity building.")}}
	claims, err := x.All(context.Background(), docs, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 1 || len(claims[0].Sources) != 2 || claims[0].Sources[0].Doc != "a.txt" || claims[0].Sources[1].Doc != "b.txt" {
		t.Fatalf("want one claim with sources a.txt, b.txt: %+v", claims)
	}
}

func TestInvalidUTF8IsAnError(t *testing.T) {
	x := newExtractor(t)
	if _, err := x.Extract("bad.txt", []byte("Peru \xff supports."), false); err == nil {
		t.Fatal("want an error")
	}
}

func readDocs(t testing.TB, dir string) []extract.Doc {
	t.Helper()
	docs, err := corpus.Read([]string{dir}, nil, corpus.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]extract.Doc, len(docs))
	for i, d := range docs {
		out[i] = extract.Doc{Name: d.ID, Text: d.Text}
	}
	return out
}

// TestDeterministicAcrossWorkers: the same bytes whatever the worker count.
func TestDeterministicAcrossWorkers(t *testing.T) {
	x := newExtractor(t)
	docs := readDocs(t, "../corpus")
	one, err := x.All(context.Background(), docs, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 7} {
		many, err := x.All(context.Background(), docs, w)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one, many) {
			t.Fatalf("%d workers differ from 1", w)
		}
	}
	for i := range one {
		if err := schema.ValidateRecord(schema.ClaimSchema, one[i]); err != nil {
			t.Errorf("claim %s invalid: %v", one[i].ID, err)
		}
	}
}

func scoreDir(t *testing.T, goldPath, docsDir string) *eval.Report {
	t.Helper()
	f, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGold(f, goldPath)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := newExtractor(t).All(context.Background(), readDocs(t, docsDir), 2)
	if err != nil {
		t.Fatal(err)
	}
	return eval.Score(gold, claims, 10)
}

func floors(t *testing.T, r *eval.Report, claims, actors, citations float64) {
	t.Helper()
	if r.Claims.F1 < claims || r.Actors.F1 < actors || r.Citations.F1 < citations {
		var b strings.Builder
		r.WriteTable(&b)
		t.Fatalf("below the floors (claims F1 >= %.2f, actors F1 >= %.2f, citations F1 >= %.2f):\n%s", claims, actors, citations, b.String())
	}
	t.Logf("claims F1 %.3f, actors F1 %.3f, citations F1 %.3f", r.Claims.F1, r.Actors.F1, r.Citations.F1)
}

// TestSeedsAcceptance scores the pipeline on ../shared/seeds against the
// shared gold. Skipped only where ../shared is absent; CI always has it.
func TestSeedsAcceptance(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have ../shared beside the checkout: %v", err)
		}
		t.Skip("../shared is absent")
	}
	floors(t, scoreDir(t, filepath.Join(shared, "gold", "seeds.gold.jsonl"), filepath.Join(shared, "seeds")), 0.90, 0.97, 1.0)
}

// TestCorpusGold guards generalisation on our own briefs and gold. Sets 2
// to 6 were each written without sight of the rules; their first scores
// (claims / actors / citations F1) were the honest estimates for unseen
// text. Raise the floors as the rules improve.
func TestCorpusGold(t *testing.T) {
	for _, c := range []struct {
		set                       string
		claims, actors, citations float64
	}{
		{"briefs", 0.93, 0.95, 0.95},  // ours, written beside the rules
		{"briefs2", 0.92, 0.95, 0.90}, // first: 0.667 / 0.802 / 0.727
		{"briefs3", 0.94, 0.95, 0.92}, // first: 0.735 / 0.894 / 0.680
		{"briefs4", 0.92, 0.94, 0.93}, // first: 0.766 / 0.835 / 0.828
		{"briefs5", 0.89, 0.92, 0.95}, // first: 0.839 / 0.913 / 0.969 (forms hard for rules)
		{"briefs6", 0.93, 0.95, 0.95}, // first: 0.910 / 0.953 / 0.963 (the seeds' own style)
		{"briefs7", 0.81, 0.91, 0.88}, // first: 0.711 / 0.818 / 0.833 (African, Caribbean, Andean states)
		{"briefs8", 0.80, 0.94, 0.95}, // first: 0.686 / 0.848 / 0.963 (Asian, Gulf, European states; bullet lists)
	} {
		t.Run(c.set, func(t *testing.T) {
			floors(t, scoreDir(t, "../corpus/"+c.set+".gold.jsonl", "../corpus"), c.claims, c.actors, c.citations)
		})
	}
}
