package main

import (
	"context"
	"fmt"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/urfave/cli/v3"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show, sentence by sentence, the tokens, the rules that fired, how the claimant was chosen and why candidates were dropped",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			rulesFlag,
			&cli.IntFlag{Name: "sentence", Usage: "explain only sentence `N` (1-based)"},
			&cli.StringFlag{Name: "encoding", Value: "utf-8", Usage: "input encoding: utf-8, latin1 or windows-1252"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() == 0 {
				return inputErr(fmt.Errorf("explain: name a file"))
			}
			x, err := newExtractor(cmd.String("rules"))
			if err != nil {
				return err
			}
			docs, err := readDocs(cmd, cmd.Args().Slice())
			if err != nil {
				return err
			}
			return explainDocs(cmd, x, docs, cmd.Int("sentence"))
		},
	}
}

func explainDocs(cmd *cli.Command, x *extract.Extractor, docs []corpus.Document, only int) error {
	for _, d := range docs {
		r, err := x.Extract(d.ID, d.Text, true)
		if err != nil {
			return inputErr(err)
		}
		ts := r.Sentences
		if only > 0 {
			if only > len(ts) {
				return inputErr(fmt.Errorf("%s: has %d sentences, not %d", d.Path, len(ts), only))
			}
			ts = ts[only-1 : only]
		}
		if err := extract.WriteText(cmd.Root().Writer, d.Path, ts); err != nil {
			return err
		}
	}
	return nil
}
