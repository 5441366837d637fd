package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func validClaim() Claim {
	return Claim{
		ID: "c_0123456789abcdef", Country: "Peru", CountryCode: "PER", ActorType: "state",
		Topic: "attribution", Stance: "neutral", Resolutions: []string{"A/RES/73/27"}, Documents: []string{},
		Text:    "Peru has noted the difficulty of attribution.",
		Sources: []Source{{Doc: "a.txt", Start: 0, End: 45, Line: 1}},
		Evidence: Evidence{Sentence: 1, Country: Because{Rule: "actor.PER", Spans: []Span{{0, 4, "Peru"}}},
			Topic: Because{Rule: "topic.attribution"}, Stance: Because{Rule: "stance.neutral"}},
		Review: Review{Status: StatusPending},
	}
}

func TestSchemasCompile(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
}

func TestValidClaimPasses(t *testing.T) {
	c := validClaim()
	if err := ValidateRecord(ClaimSchema, c); err != nil {
		t.Fatal(err)
	}
}

func TestInvalidClaimsFail(t *testing.T) {
	cases := map[string]func(c *Claim){
		"bad id":          func(c *Claim) { c.ID = "c_XYZ" },
		"bad topic":       func(c *Claim) { c.Topic = "weather" },
		"bad stance":      func(c *Claim) { c.Stance = "maybe" },
		"bad code":        func(c *Claim) { c.CountryCode = "pe" },
		"bad resolution":  func(c *Claim) { c.Resolutions = []string{"73/27"} },
		"dup resolution":  func(c *Claim) { c.Resolutions = []string{"A/RES/73/27", "A/RES/73/27"} },
		"no sources":      func(c *Claim) { c.Sources = nil },
		"untrimmed text":  func(c *Claim) { c.Text = " x" },
		"pending w/ corr": func(c *Claim) { s := "PER"; c.Review.Corrections = &Corrections{CountryCode: &s} },
	}
	for name, mutate := range cases {
		c := validClaim()
		mutate(&c)
		err := ValidateRecord(ClaimSchema, c)
		if err == nil {
			t.Errorf("%s: validated", name)
		}
	}
}

func TestUnknownFieldReported(t *testing.T) {
	b, _ := json.Marshal(validClaim())
	b = []byte(strings.Replace(string(b), `{"id"`, `{"extra":1,"id"`, 1))
	err := ValidateJSON(ClaimSchema, b)
	se, ok := err.(*Error)
	if !ok || len(se.Violations) == 0 || !reflect.DeepEqual(se.Violations[0].Keys, []string{"extra"}) {
		t.Fatalf("want unknown key extra, got %v", err)
	}
}

// TestTopicsMatchSchema keeps the Go topic list and the schema's enum equal.
func TestTopicsMatchSchema(t *testing.T) {
	b, _ := Raw(ClaimSchema)
	var doc struct {
		Defs struct {
			Topic struct {
				Enum []string `json:"enum"`
			} `json:"topic"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc.Defs.Topic.Enum, Topics) {
		t.Fatalf("schema topics %v != Go topics %v", doc.Defs.Topic.Enum, Topics)
	}
}

// TestClaimFieldsMatchSchema keeps the Go struct's JSON names equal to the schema's properties.
func TestClaimFieldsMatchSchema(t *testing.T) {
	b, _ := Raw(ClaimSchema)
	var doc struct {
		Properties map[string]any `json:"properties"`
		Required   []string       `json:"required"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeOf(Claim{})
	for i := 0; i < typ.NumField(); i++ {
		name := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]
		if _, ok := doc.Properties[name]; !ok {
			t.Errorf("Go field %s has no schema property", name)
		}
	}
	if typ.NumField() != len(doc.Properties) {
		t.Errorf("Go has %d fields, schema %d properties", typ.NumField(), len(doc.Properties))
	}
}

func TestReviewRecord(t *testing.T) {
	topic := "ihl"
	ok := ReviewRecord{ID: "c_0123456789abcdef", Status: StatusCorrected, Set: &Corrections{Topic: &topic}, Reviewer: "ana", At: "2026-11-24T10:00:00Z"}
	if err := ValidateRecord(ReviewSchema, ok); err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.Set = nil
	if ValidateRecord(ReviewSchema, bad) == nil {
		t.Error("corrected without set validated")
	}
	bad = ok
	bad.At = "yesterday"
	if ValidateRecord(ReviewSchema, bad) == nil {
		t.Error("bad timestamp validated")
	}
}
