package out

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
)

// Orphan is a review whose claim no longer comes out of extraction: a rule or
// the text changed. It stays in reviews.jsonl and is reported here.
type Orphan struct {
	Review schema.ReviewRecord `json:"review"`
	// Line is the review's line in reviews.jsonl.
	Line int `json:"line"`
	// LikelyReplacedBy lists the ids of current claims on the same sentence.
	LikelyReplacedBy []string `json:"likely_replaced_by,omitempty"`
}

// Summary counts what a build produced.
type Summary struct {
	Documents int `json:"documents"`
	Claims    int `json:"claims"`
	Pending   int `json:"pending"`
	Accepted  int `json:"accepted"`
	Rejected  int `json:"rejected"`
	Corrected int `json:"corrected"`
	Orphans   int `json:"orphans"`
	// Dataset is the number of claims in the reviewed dataset.
	Dataset int `json:"dataset"`
}

// Dataset is everything a build makes, in memory.
type Dataset struct {
	// Claims is every extracted claim with its review merged in.
	Claims []schema.Claim
	// Reviewed holds accepted claims and corrected claims with their
	// corrections applied.
	Reviewed []schema.Claim
	Orphans  []Orphan
	Summary  Summary
	// RulesVersion identifies the rule set that made the claims.
	RulesVersion string
	// Regions maps every actor code of the rule set to its UN regional
	// group, so the report can group rows without holding the rule set.
	Regions map[string]string

	// known marks the claims already validated exactly as they stand
	// (extracted with one source and no review, checked in the parallel
	// first pass or before caching), which Files need not check again.
	known []bool
}

// Latest returns, per claim id, the review that counts: the last line for it.
func Latest(reviews []corpus.Review) map[string]corpus.Review {
	out := map[string]corpus.Review{}
	for _, r := range reviews {
		out[r.ID] = r
	}
	return out
}

// Assemble merges reviews into extracted claims and builds the reviewed
// dataset. Corrected claims are re-validated; an invalid correction is an
// error naming its reviews line, and nothing is dropped.
func Assemble(claims []schema.Claim, reviews []corpus.Review, set *rules.Set, documents int) (*Dataset, error) {
	return assemble(slices.Clone(claims), nil, reviews, set, documents)
}

// assemble is Assemble for claims of which known[i] are already validated;
// it merges the reviews into claims in place.
func assemble(claims []schema.Claim, known []bool, reviews []corpus.Review, set *rules.Set, documents int) (*Dataset, error) {
	d := &Dataset{Claims: claims, RulesVersion: set.Version, Regions: map[string]string{}, known: known}
	for _, a := range set.Actors {
		d.Regions[a.Code] = a.Region
	}
	latest := Latest(reviews)
	var bad []error
	// The reviews whose claim is still made: a set as small as the
	// reviews, where a set of every claim cost builds of many documents.
	found := make(map[string]bool, len(latest))
	for i, c := range claims {
		if _, ok := latest[c.ID]; ok {
			found[c.ID] = true
		}
		c.Review = schema.Review{Status: schema.StatusPending}
		if r, ok := latest[c.ID]; ok {
			c.Review = schema.Review{Status: r.Status, Reviewer: r.Reviewer, At: r.At, Note: r.Note, Corrections: r.Set}
			if known != nil {
				known[i] = false // validated without its review
			}
		}
		d.Claims[i] = c
		switch c.Review.Status {
		case schema.StatusPending:
			d.Summary.Pending++
		case schema.StatusAccepted:
			d.Summary.Accepted++
			d.Reviewed = append(d.Reviewed, c)
		case schema.StatusRejected:
			d.Summary.Rejected++
		case schema.StatusCorrected:
			d.Summary.Corrected++
			fixed, err := Apply(c, set)
			if err != nil {
				// Keep going: every bad correction is reported in one run.
				bad = append(bad, fmt.Errorf("%s: correction of %s: %w", reviewPlace(latest[c.ID]), c.ID, err))
				continue
			}
			d.Reviewed = append(d.Reviewed, fixed)
		}
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	var orphanIDs []string
	for id := range latest {
		if !found[id] {
			orphanIDs = append(orphanIDs, id)
		}
	}
	sort.Strings(orphanIDs)
	var byText map[string][]string
	for _, id := range orphanIDs {
		r := latest[id]
		o := Orphan{Review: r.ReviewRecord, Line: r.Line}
		if r.Text != "" {
			if byText == nil {
				byText = textIndex(claims) // only when a review is orphaned
			}
			o.LikelyReplacedBy = byText[extract.NormaliseText(r.Text)]
		}
		d.Orphans = append(d.Orphans, o)
	}
	d.Summary.Documents = documents
	d.Summary.Claims = len(d.Claims)
	d.Summary.Orphans = len(d.Orphans)
	d.Summary.Dataset = len(d.Reviewed)
	return d, nil
}

// reviewPlace names where a review is: file:line, or its line alone.
func reviewPlace(r corpus.Review) string {
	if r.Path != "" {
		return fmt.Sprintf("%s:%d", r.Path, r.Line)
	}
	return fmt.Sprintf("reviews line %d", r.Line)
}

// textIndex maps each normalised sentence to the ids of its claims.
func textIndex(claims []schema.Claim) map[string][]string {
	byText := map[string][]string{}
	for _, c := range claims {
		key := extract.NormaliseText(c.Text)
		byText[key] = append(byText[key], c.ID)
	}
	return byText
}

// Apply returns the claim with its review's corrections applied and checked
// against the schema. A changed country code takes the actor's name and type
// from the rule set.
func Apply(c schema.Claim, set *rules.Set) (schema.Claim, error) {
	k := c.Review.Corrections
	if k == nil {
		return c, nil
	}
	if k.CountryCode != nil {
		a := set.ActorByCode(*k.CountryCode)
		if a == nil {
			return c, fmt.Errorf("country_code %q is not an actor of the rule set", *k.CountryCode)
		}
		c.CountryCode, c.Country, c.ActorType = a.Code, a.Name, a.Type
	}
	if k.Topic != nil {
		c.Topic = *k.Topic
	}
	if k.Stance != nil {
		c.Stance = *k.Stance
	}
	if k.Resolutions != nil {
		c.Resolutions = sortedUnique(*k.Resolutions)
	}
	if k.Documents != nil {
		c.Documents = sortedUnique(*k.Documents)
	}
	if err := schema.ValidateRecord(schema.ClaimSchema, c); err != nil {
		return c, err
	}
	return c, nil
}

func sortedUnique(in []string) []string {
	out := append([]string{}, in...)
	sort.Strings(out)
	n := 0
	for i, s := range out {
		if i == 0 || s != out[n-1] {
			out[n] = s
			n++
		}
	}
	return out[:n]
}

// File names in out/.
const (
	ClaimsFile  = "claims.jsonl"
	DatasetFile = "dataset.jsonl"
	OrphansFile = "orphans.jsonl"
	SummaryFile = "summary.json"
	ReportFile  = "report.html"
)

// Files renders the dataset as the files of out/, validating every claim.
// It writes nothing.
func (d *Dataset) Files() (map[string][]byte, error) {
	// The report and claims.jsonl are the two large renders and share
	// nothing but read-only claims: rendering them side by side halves a
	// rebuild's wait on two cores.
	var report []byte
	var reportErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		report, reportErr = d.Report()
	}()
	files, err := d.dataFiles()
	<-done
	if err != nil {
		return nil, err
	}
	if reportErr != nil {
		return nil, reportErr
	}
	files[ReportFile] = report
	return files, nil
}

// dataFiles renders every file of out/ but the report.
func (d *Dataset) dataFiles() (map[string][]byte, error) {
	files := map[string][]byte{}
	var err error
	if files[ClaimsFile], err = encodeClaims(d.Claims, d.known); err != nil {
		return nil, err
	}
	if files[DatasetFile], err = EncodeClaims(d.Reviewed); err != nil {
		return nil, err
	}
	if files[OrphansFile], err = EncodeLines(d.Orphans); err != nil {
		return nil, err
	}
	sum, err := json.MarshalIndent(struct {
		Summary
		RulesVersion string `json:"rules_version"`
	}{d.Summary, d.RulesVersion}, "", "  ")
	if err != nil {
		return nil, err
	}
	files[SummaryFile] = append(sum, '\n')
	return files, nil
}

// Generate extracts every document, merges the reviews and assembles the
// dataset, all in memory.
func Generate(ctx context.Context, x *extract.Extractor, docs []corpus.Document, reviews []corpus.Review, workers int) (*Dataset, error) {
	in := make([]extract.Doc, len(docs))
	for i, d := range docs {
		in[i] = extract.Doc{Name: d.ID, Text: d.Text}
	}
	claims, err := x.All(ctx, in, workers)
	if err != nil {
		return nil, err
	}
	return Assemble(claims, reviews, x.Rules(), len(docs))
}
