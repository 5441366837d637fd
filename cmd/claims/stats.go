package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v3"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "print the dataset's numbers: documents, claims, review progress, topics by stance, top actors, most cited symbols",
		Flags: append(append([]cli.Flag{}, projectFlags...),
			&cli.IntFlag{Name: "top", Value: 10, Usage: "rows in the top actors and most cited tables"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			// Generated in memory like build, so the numbers are those report.html shows.
			d, _, err := generate(ctx, cmd)
			if err != nil {
				return err
			}
			st := d.Stats()
			top := cmd.Int("top")
			tw := tabwriter.NewWriter(cmd.Root().Writer, 0, 4, 2, ' ', 0)
			s := st.Summary
			fmt.Fprintf(tw, "documents\t%d\n", s.Documents)
			fmt.Fprintf(tw, "claims\t%d\n", s.Claims)
			fmt.Fprintf(tw, "reviewed dataset\t%d\n", s.Dataset)
			fmt.Fprintf(tw, "rules version\t%s\n", st.RulesVersion)
			fmt.Fprintln(tw)
			fmt.Fprintln(tw, "REVIEW\tCLAIMS")
			for _, r := range []struct {
				name string
				n    int
			}{{"pending", s.Pending}, {"accepted", s.Accepted}, {"corrected", s.Corrected}, {"rejected", s.Rejected}, {"orphaned reviews", s.Orphans}} {
				fmt.Fprintf(tw, "%s\t%d\n", r.name, r.n)
			}
			fmt.Fprintln(tw)
			fmt.Fprintln(tw, "TOPIC\tSUPPORTS\tOPPOSES\tNEUTRAL\tTOTAL")
			var sum [4]int
			for _, t := range st.Topics {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", t.Topic, t.Supports, t.Opposes, t.Neutral, t.Total())
				sum[0], sum[1], sum[2], sum[3] = sum[0]+t.Supports, sum[1]+t.Opposes, sum[2]+t.Neutral, sum[3]+t.Total()
			}
			fmt.Fprintf(tw, "all topics\t%d\t%d\t%d\t%d\n", sum[0], sum[1], sum[2], sum[3])
			fmt.Fprintln(tw)
			fmt.Fprintln(tw, "ACTOR\tCODE\tCLAIMS\tTOPICS")
			for i, a := range st.Actors {
				if i == top {
					break
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", a.Name, a.Code, a.Claims, a.Topics)
			}
			fmt.Fprintln(tw)
			fmt.Fprintln(tw, "SYMBOL\tKIND\tCLAIMS\tACTORS")
			for i, c := range st.Cited {
				if i == top {
					break
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", c.Symbol, c.Kind, c.Claims, c.Actors)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.Root().ErrWriter, "claim tallies leave out rejected claims and apply corrections; %d of %d actors and %d of %d symbols shown\n",
				min(top, len(st.Actors)), len(st.Actors), min(top, len(st.Cited)), len(st.Cited))
			return nil
		},
	}
}
