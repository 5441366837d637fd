package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
	"github.com/urfave/cli/v3"
)

// now is the review clock; tests replace it.
var now = func() time.Time { return time.Now().UTC() }

var reviewerFlags = []cli.Flag{
	&cli.StringFlag{Name: "reviewer", Usage: "who decides (default: $CLAIMS_REVIEWER, then git user.name, then $USER)"},
	&cli.StringFlag{Name: "note", Usage: "a note kept with the decision"},
}

func reviewer(cmd *cli.Command) (string, error) {
	if r := cmd.String("reviewer"); r != "" {
		return r, nil
	}
	if r := os.Getenv("CLAIMS_REVIEWER"); r != "" {
		return r, nil
	}
	if b, err := exec.Command("git", "config", "user.name").Output(); err == nil && strings.TrimSpace(string(b)) != "" {
		return strings.TrimSpace(string(b)), nil
	}
	if r := os.Getenv("USER"); r != "" {
		return r, nil
	}
	return "", inputErr(errors.New("review: say who reviews with --reviewer or $CLAIMS_REVIEWER"))
}

func reviewCommand() *cli.Command {
	flags := append(append([]cli.Flag{}, projectFlags...), reviewerFlags...)
	listFlags := append(append([]cli.Flag{}, projectFlags...),
		&cli.StringFlag{Name: "doc", Usage: "only claims from documents whose id contains `TEXT`"},
		&cli.StringFlag{Name: "country", Usage: "only this country `CODE`"},
		&cli.StringFlag{Name: "topic", Usage: "only this topic"},
		&cli.StringFlag{Name: "status", Value: "pending", Usage: "pending, accepted, rejected, corrected or all"},
	)
	rootFlags := append(append([]cli.Flag{}, listFlags...),
		&cli.BoolFlag{Name: "interactive", Aliases: []string{"i"}, Usage: "review the listed claims one at a time in the terminal (keys: a r c s u q ?)"})
	rootFlags = append(rootFlags, reviewerFlags...)
	return &cli.Command{
		Name:  "review",
		Usage: "list claims to review and record decisions in reviews.jsonl",
		Flags: rootFlags,
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Bool("interactive") {
				return reviewInteractive(ctx, cmd)
			}
			return listClaims(ctx, cmd)
		},
		Commands: []*cli.Command{
			{Name: "list", Usage: "list claims (default: pending)", Flags: listFlags, Action: listClaims},
			{Name: "accept", Usage: "accept claims", ArgsUsage: "ID...", Flags: flags, Action: decide(schema.StatusAccepted)},
			{Name: "reject", Usage: "reject claims", ArgsUsage: "ID...", Flags: flags, Action: decide(schema.StatusRejected)},
			{
				Name: "correct", Usage: "correct fields of a claim", ArgsUsage: "ID",
				Flags:  append(append([]cli.Flag{}, flags...), &cli.StringSliceFlag{Name: "set", Usage: "`FIELD=VALUE`: country_code, topic, stance, resolutions or documents (lists comma-separated); repeat for several"}),
				Action: decide(schema.StatusCorrected),
			},
			{
				Name: "import", Usage: "record the decisions made by editing a copy of out/claims.jsonl (only lines whose review or fields changed)", ArgsUsage: "FILE",
				Flags: flags, Action: importReviews,
			},
		},
	}
}

func listClaims(ctx context.Context, cmd *cli.Command) error {
	d, _, err := generate(ctx, cmd)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(cmd.Root().Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tACTOR\tTOPIC\tSTANCE\tSTATUS\tSOURCE\tSENTENCE")
	n := 0
	for _, c := range d.Claims {
		if !selected(cmd, c) {
			continue
		}
		text := c.Text
		if len(text) > 90 {
			text = text[:87] + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s:%d\t%s\n", c.ID, c.CountryCode, c.Topic, c.Stance, c.Review.Status, c.Sources[0].Doc, c.Sources[0].Line, text)
		n++
	}
	tw.Flush()
	fmt.Fprintf(cmd.Root().ErrWriter, "%d claims\n", n)
	return nil
}

// selected reports whether c passes the listing filters --status, --doc,
// --country and --topic, which review -i shares.
func selected(cmd *cli.Command, c schema.Claim) bool {
	if st := cmd.String("status"); st != "all" && c.Review.Status != st {
		return false
	}
	if f := cmd.String("doc"); f != "" && !strings.Contains(c.Sources[0].Doc, f) {
		return false
	}
	if f := cmd.String("country"); f != "" && !strings.EqualFold(c.CountryCode, f) {
		return false
	}
	if f := cmd.String("topic"); f != "" && c.Topic != f {
		return false
	}
	return true
}

// parseSet turns --set FIELD=VALUE flags into corrections.
func parseSet(sets []string) (*schema.Corrections, error) {
	if len(sets) == 0 {
		return nil, errors.New("correct: give at least one --set FIELD=VALUE")
	}
	k := &schema.Corrections{}
	for _, s := range sets {
		field, value, ok := strings.Cut(s, "=")
		if !ok {
			return nil, fmt.Errorf("--set %q: want FIELD=VALUE", s)
		}
		v := strings.TrimSpace(value)
		list := func() *[]string {
			out := []string{}
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			return &out
		}
		switch field {
		case "country_code":
			k.CountryCode = &v
		case "topic":
			// Checked here too for a message that names the choices; the
			// schema check in recorder.record stays the authority.
			if !slices.Contains(schema.Topics, v) {
				return nil, fmt.Errorf("--set %q: topic %q is not one of %s", s, v, strings.Join(schema.Topics, ", "))
			}
			k.Topic = &v
		case "stance":
			if !slices.Contains(schema.Stances, v) {
				return nil, fmt.Errorf("--set %q: stance %q is not one of %s", s, v, strings.Join(schema.Stances, ", "))
			}
			k.Stance = &v
		case "resolutions":
			k.Resolutions = list()
		case "documents":
			k.Documents = list()
		default:
			return nil, fmt.Errorf("--set %q: unknown field %q (want country_code, topic, stance, resolutions or documents)", s, field)
		}
	}
	return k, nil
}

// recorder turns decisions into reviews.jsonl lines and appends them. Every
// way of deciding (accept, reject, correct, review -i) goes through it, so
// the lines they write cannot drift apart.
type recorder struct {
	path string // the reviews file
	who  string // the reviewer
	note string // --note, kept with every decision
	set  *rules.Set
}

// openReview resolves the reviewer, then extracts the corpus with its
// reviews merged, and returns the claims with a recorder for decisions.
func openReview(ctx context.Context, cmd *cli.Command) (*out.Dataset, recorder, error) {
	who, err := reviewer(cmd)
	if err != nil {
		return nil, recorder{}, err
	}
	d, x, err := generate(ctx, cmd)
	if err != nil {
		return nil, recorder{}, err
	}
	return d, recorder{path: reviewsPath(cmd), who: who, note: cmd.String("note"), set: x.Rules()}, nil
}

// record builds the line for one decision about c made at time at. A
// correction is applied and validated first, so an invalid value is refused
// before anything is written.
func (r recorder) record(c schema.Claim, status string, set *schema.Corrections, at string) (schema.ReviewRecord, error) {
	rec := schema.ReviewRecord{ID: c.ID, Status: status, Set: set, Reviewer: r.who, At: at, Note: r.note, Doc: c.Sources[0].Doc, Text: c.Text}
	if set != nil {
		c.Review = schema.Review{Status: status, Corrections: set}
		if _, err := out.Apply(c, r.set); err != nil {
			return schema.ReviewRecord{}, fmt.Errorf("correct %s: %v", c.ID, err)
		}
	}
	return rec, nil
}

// write appends lines to the reviews file (locked, never torn).
func (r recorder) write(recs []schema.ReviewRecord) error {
	return corpus.AppendReviews(r.path, recs)
}

func decide(status string) cli.ActionFunc {
	return func(ctx context.Context, cmd *cli.Command) error {
		ids := cmd.Args().Slice()
		if len(ids) == 0 {
			return inputErr(fmt.Errorf("%s: name at least one claim id", status))
		}
		var set *schema.Corrections
		if status == schema.StatusCorrected {
			if len(ids) != 1 {
				return inputErr(errors.New("correct: name exactly one claim id"))
			}
			var err error
			if set, err = parseSet(cmd.StringSlice("set")); err != nil {
				return inputErr(err)
			}
		}
		d, rec, err := openReview(ctx, cmd)
		if err != nil {
			return err
		}
		byID := claimsByID(d)
		at := now().Format(time.RFC3339)
		var recs []schema.ReviewRecord
		for _, id := range ids {
			c, ok := byID[id]
			if !ok {
				return inputErr(fmt.Errorf("%s: no claim with id %q in the current extraction (see 'claims review --status all')", status, id))
			}
			r, err := rec.record(c, status, set, at)
			if err != nil {
				return inputErr(err)
			}
			recs = append(recs, r)
		}
		if err := rec.write(recs); err != nil {
			return inputErr(err)
		}
		fmt.Fprintf(cmd.Root().ErrWriter, "%s %d claim(s); recorded in %s; run 'claims build' to update out/\n", status, len(recs), reviewsPath(cmd))
		return nil
	}
}

// importReviews records decisions from an edited copy of out/claims.jsonl:
// a line whose review status or fields differ from the current claim.
func importReviews(ctx context.Context, cmd *cli.Command) error {
	if cmd.NArg() != 1 {
		return inputErr(errors.New("import: name one edited claims file"))
	}
	edited, err := out.ReadClaims(cmd.Args().First())
	if err != nil {
		return inputErr(err)
	}
	who, err := reviewer(cmd)
	if err != nil {
		return err
	}
	d, x, err := generate(ctx, cmd)
	if err != nil {
		return err
	}
	byID := claimsByID(d)
	at := now().Format(time.RFC3339)
	var recs []schema.ReviewRecord
	var problems []string
	for i, e := range edited {
		cur, ok := byID[e.ID]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s:%d: no claim with id %q in the current extraction", cmd.Args().First(), i+1, e.ID))
			continue
		}
		set := diffFields(cur, e)
		status := e.Review.Status
		if set != nil {
			status = schema.StatusCorrected
		}
		if status == cur.Review.Status && set == nil {
			continue
		}
		if status == schema.StatusPending {
			problems = append(problems, fmt.Sprintf("%s:%d: %s: setting a decision back to pending is not supported; delete its line from reviews.jsonl instead", cmd.Args().First(), i+1, e.ID))
			continue
		}
		if status == schema.StatusCorrected && set == nil {
			set = cur.Review.Corrections
		}
		rec := schema.ReviewRecord{ID: e.ID, Status: status, Set: set, Reviewer: who, At: at, Note: e.Review.Note, Doc: cur.Sources[0].Doc, Text: cur.Text}
		if set != nil {
			cur.Review = schema.Review{Status: status, Corrections: set}
			if _, err := out.Apply(cur, x.Rules()); err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %s: %v", cmd.Args().First(), i+1, e.ID, err))
				continue
			}
		}
		recs = append(recs, rec)
	}
	if len(problems) > 0 {
		return inputErr(errors.New(strings.Join(problems, "\n") + "\nnothing was recorded"))
	}
	if len(recs) == 0 {
		fmt.Fprintln(cmd.Root().ErrWriter, "no changed decisions to import")
		return nil
	}
	if err := corpus.AppendReviews(reviewsPath(cmd), recs); err != nil {
		return inputErr(err)
	}
	fmt.Fprintf(cmd.Root().ErrWriter, "imported %d decision(s) into %s\n", len(recs), reviewsPath(cmd))
	return nil
}

// diffFields returns the corrections that turn cur into e, or nil.
func diffFields(cur, e schema.Claim) *schema.Corrections {
	k := &schema.Corrections{}
	changed := false
	if e.CountryCode != cur.CountryCode {
		k.CountryCode, changed = &e.CountryCode, true
	}
	if e.Topic != cur.Topic {
		k.Topic, changed = &e.Topic, true
	}
	if e.Stance != cur.Stance {
		k.Stance, changed = &e.Stance, true
	}
	if strings.Join(e.Resolutions, ",") != strings.Join(cur.Resolutions, ",") {
		r := e.Resolutions
		k.Resolutions, changed = &r, true
	}
	if strings.Join(e.Documents, ",") != strings.Join(cur.Documents, ",") {
		r := e.Documents
		k.Documents, changed = &r, true
	}
	if !changed {
		return nil
	}
	return k
}

// claimsByID indexes the current claims for looking up reviewed ids.
func claimsByID(d *out.Dataset) map[string]schema.Claim {
	byID := make(map[string]schema.Claim, len(d.Claims))
	for _, c := range d.Claims {
		byID[c.ID] = c
	}
	return byID
}
