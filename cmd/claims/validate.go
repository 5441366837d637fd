package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/cyberclaims/claims/schema"
	"github.com/urfave/cli/v3"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check claim JSONL against the claim schema, reporting every invalid line",
		ArgsUsage: "FILE...",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.NArg() == 0 {
				return inputErr(fmt.Errorf("validate: name at least one file"))
			}
			w := cmd.Root().Writer
			bad, lines := 0, 0
			for _, path := range cmd.Args().Slice() {
				n, b, err := validateFile(path, func(msg string) { fmt.Fprintln(w, msg) })
				if err != nil {
					return inputErr(err)
				}
				lines += n
				bad += b
			}
			if bad > 0 {
				return findings("%d of %d lines invalid", bad, lines)
			}
			fmt.Fprintf(cmd.Root().ErrWriter, "%d lines valid\n", lines)
			return nil
		},
	}
}

// validateFile checks every line of a claim JSONL file; lines of any length are read.
func validateFile(path string, report func(string)) (lines, bad int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	for n := 1; ; n++ {
		line, rerr := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			lines++
			if verr := schema.ValidateJSON(schema.ClaimSchema, line); verr != nil {
				bad++
				var se *schema.Error
				if errors.As(verr, &se) {
					for _, v := range se.Violations {
						report(fmt.Sprintf("%s:%d: %s", path, n, v))
					}
				} else {
					report(fmt.Sprintf("%s:%d: not JSON: %v", path, n, verr))
				}
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			// A folder or a failing disk is not "0 lines valid".
			var pe *fs.PathError
			if errors.As(rerr, &pe) {
				rerr = pe.Err
			}
			return lines, bad, fmt.Errorf("%s:%d: %v", path, n, rerr)
		}
	}
	return lines, bad, nil
}
