package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/cyberclaims/claims/extract/eval"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/schema"
	"github.com/urfave/cli/v3"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score claims against a gold file: precision, recall and F1, stance accuracy, topic confusion, worst sentences",
		ArgsUsage: "[PATH...] (documents to extract, when --pred is not given)",
		Flags: []cli.Flag{
			rulesFlag, workersFlag,
			&cli.StringFlag{Name: "gold", Usage: "gold `FILE` (JSONL: doc, text, claims)", Required: true},
			&cli.StringFlag{Name: "pred", Usage: "claims `FILE` to score instead of extracting"},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON"},
			&cli.IntFlag{Name: "worst", Value: 10, Usage: "how many of the worst sentences to list"},
			&cli.StringFlag{Name: "encoding", Value: "utf-8", Usage: "input encoding"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			f, err := os.Open(cmd.String("gold"))
			if err != nil {
				return inputErr(err)
			}
			gold, err := eval.ReadGold(f, cmd.String("gold"))
			f.Close()
			if err != nil {
				return inputErr(err)
			}
			var pred []schema.Claim
			if p := cmd.String("pred"); p != "" {
				if pred, err = out.ReadClaims(p); err != nil {
					return inputErr(err)
				}
			} else {
				if cmd.NArg() == 0 {
					return inputErr(fmt.Errorf("eval: give --pred FILE or documents to extract"))
				}
				x, err := newExtractor(cmd.String("rules"))
				if err != nil {
					return err
				}
				docs, err := readDocs(cmd, cmd.Args().Slice())
				if err != nil {
					return err
				}
				if pred, err = x.All(ctx, toExtract(docs), workers(cmd)); err != nil {
					return err
				}
			}
			rep := eval.Score(gold, pred, cmd.Int("worst"))
			if cmd.Bool("json") {
				enc := json.NewEncoder(cmd.Root().Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return rep.WriteTable(cmd.Root().Writer)
		},
	}
}
