package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/schema"
	"github.com/urfave/cli/v3"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the claims, as reviewed, as CSV or JSONL (generated afresh, never read from out/)",
		Flags: append(append([]cli.Flag{}, projectFlags...),
			&cli.StringFlag{Name: "format", Value: "csv", Usage: "csv or jsonl"},
			&cli.StringFlag{Name: "status", Value: "all", Usage: "review statuses to keep, comma-separated: pending, accepted, rejected, corrected, or all"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` atomically (default: stdout)"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			format := cmd.String("format")
			if format != "csv" && format != "jsonl" {
				return inputErr(fmt.Errorf("export: --format %q: want csv or jsonl", format))
			}
			keep, err := parseStatuses(cmd.String("status"))
			if err != nil {
				return inputErr(err)
			}
			// Generated in memory like build, so an export never shows a stale out/.
			d, _, err := generate(ctx, cmd)
			if err != nil {
				return err
			}
			var claims []schema.Claim
			for _, c := range d.Resolved() {
				if keep == nil || keep[c.Review.Status] {
					claims = append(claims, c)
				}
			}
			var data []byte
			if format == "csv" {
				data, err = out.EncodeCSV(claims)
			} else {
				data, err = out.EncodeClaims(claims)
			}
			if err != nil {
				return &exitError{exitFindings, err}
			}
			if p := cmd.String("output"); p != "" && p != "-" {
				if err := out.WriteFileAtomic(p, data); err != nil {
					return inputErr(err)
				}
				fmt.Fprintf(cmd.Root().ErrWriter, "%d claims -> %s\n", len(claims), p)
				return nil
			}
			_, err = cmd.Root().Writer.Write(data)
			return err
		},
	}
}

// parseStatuses reads --status: nil keeps every claim.
func parseStatuses(s string) (map[string]bool, error) {
	keep := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		switch p = strings.TrimSpace(p); p {
		case "all":
			return nil, nil
		case schema.StatusPending, schema.StatusAccepted, schema.StatusRejected, schema.StatusCorrected:
			keep[p] = true
		case "":
		default:
			return nil, fmt.Errorf("--status %q: unknown status %q (want pending, accepted, rejected, corrected or all)", s, p)
		}
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("--status %q: name at least one status, or all", s)
	}
	return keep, nil
}
