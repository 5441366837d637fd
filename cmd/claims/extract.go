package main

import (
	"context"
	"errors"
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
			quietFlag,
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() == 0 {
				return inputErr(fmt.Errorf("extract: name at least one file or directory (or - for stdin)"))
			}
			x, err := newExtractor(cmd.String("rules"))
			if err != nil {
				return err
			}
			if cmd.Bool("explain") {
				docs, err := readDocs(cmd, cmd.Args().Slice())
				if err != nil {
					return err
				}
				return explainDocs(cmd, x, docs, 0)
			}
			// Documents stream through: they are listed here and read by
			// the workers, and claims stream out (see out.WriteClaims).
			entries, err := corpus.List(cmd.Args().Slice(), cmd.Root().Reader)
			if err != nil {
				return inputErr(err)
			}
			streamGC(entries)
			if o := cmd.String("output"); o != "" {
				f := openOutput(o)
				if err := out.WriteClaims(ctx, f, x, entries, streamOptions(cmd, entries)); err != nil {
					f.abort()
					return pipelineErr(err)
				}
				return f.commit()
			}
			return pipelineErr(out.WriteClaims(ctx, cmd.Root().Writer, x, entries, streamOptions(cmd, entries)))
		},
	}
}

// streamOptions are the out.Options the flags of extract and build ask
// for: workers, reading, warnings, and a progress bar on a terminal.
func streamOptions(cmd *cli.Command, entries []corpus.Entry) out.Options {
	ew := cmd.Root().ErrWriter
	docs, size := 0, int64(0)
	for i := range entries {
		if entries[i].IsDocument() {
			docs++
			size += entries[i].Size
		}
	}
	bar := newProgress(ew, docs, size, cmd.Bool("quiet"))
	return out.Options{
		Workers: workers(cmd),
		Read:    corpus.Options{Encoding: cmd.String("encoding"), KeepGoing: cmd.Bool("keep-going")},
		Warn: func(err error) {
			bar.done()
			fmt.Fprintf(ew, "claims: warning: %v\n", err)
		},
		Progress: func(n int) {
			bar.add(n)
			if bar != nil && bar.docs == bar.total {
				bar.done()
			}
		},
	}
}

// outputFile writes -o FILE atomically. Its temporary file is made at
// once; if that fails, the error waits for the first write, which comes only
// once every document has been read, so bad input is still reported before
// a bad output path, as when output was made in memory first.
type outputFile struct {
	f   *out.AtomicFile
	err error
}

func openOutput(path string) *outputFile {
	f, err := out.CreateAtomic(path)
	return &outputFile{f: f, err: err}
}

func (o *outputFile) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	return o.f.Write(p)
}

// commit puts the file in place, empty if no claim was written.
func (o *outputFile) commit() error {
	if o.err != nil {
		return o.err
	}
	return o.f.Commit()
}

func (o *outputFile) abort() {
	if o.f != nil {
		o.f.Abort()
	}
}

// pipelineErr gives the errors of out.WriteClaims and out.Build their exit
// codes: unreadable input is the user's (2), an invalid record a finding (1).
func pipelineErr(err error) error {
	var ie *out.InputError
	var re *out.InvalidRecordError
	switch {
	case errors.As(err, &ie):
		return inputErr(ie.Err)
	case errors.As(err, &re):
		return &exitError{exitFindings, err}
	}
	return err
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
