package main

import (
	"context"
	"fmt"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/out"
	"github.com/urfave/cli/v3"
)

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract claims from documents and print them as JSONL",
		ArgsUsage: "PATH... (files or directories of .txt and .md; - for stdin)",
		Flags: []cli.Flag{
			rulesFlag, workersFlag,
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of stdout"},
			&cli.StringFlag{Name: "encoding", Usage: "input encoding: utf-8, latin1 or windows-1252", Value: "utf-8"},
			&cli.BoolFlag{Name: "keep-going", Usage: "skip unreadable or invalid documents with a warning"},
			&cli.BoolFlag{Name: "explain", Usage: "print how each sentence was read instead of claims"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() == 0 {
				return inputErr(fmt.Errorf("extract: name at least one file or directory (or - for stdin)"))
			}
			x, err := newExtractor(cmd.String("rules"))
			if err != nil {
				return err
			}
			docs, err := readDocs(cmd, cmd.Args().Slice())
			if err != nil {
				return err
			}
			if cmd.Bool("explain") {
				return explainDocs(cmd, x, docs, 0)
			}
			claims, err := x.All(ctx, toExtract(docs), workers(cmd))
			if err != nil {
				return err
			}
			data, err := out.EncodeClaims(claims)
			if err != nil {
				return &exitError{exitFindings, err}
			}
			if o := cmd.String("output"); o != "" {
				return out.WriteFileAtomic(o, data)
			}
			_, err = cmd.Root().Writer.Write(data)
			return err
		},
	}
}

func readDocs(cmd *cli.Command, args []string) ([]corpus.Document, error) {
	warn := func(err error) { fmt.Fprintf(cmd.Root().ErrWriter, "claims: warning: %v\n", err) }
	docs, err := corpus.Read(args, cmd.Root().Reader, corpus.Options{Encoding: cmd.String("encoding"), KeepGoing: cmd.Bool("keep-going")}, warn)
	if err != nil {
		return nil, inputErr(err)
	}
	return docs, nil
}

func toExtract(docs []corpus.Document) []extract.Doc {
	out := make([]extract.Doc, len(docs))
	for i, d := range docs {
		out[i] = extract.Doc{Name: d.ID, Text: d.Text}
	}
	return out
}
