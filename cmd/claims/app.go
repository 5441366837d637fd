package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/urfave/cli/v3"
)

// Exit codes, documented in README.md.
const (
	exitOK          = 0   // success
	exitFindings    = 1   // findings: invalid records, stale output, lint problems
	exitUsage       = 2   // usage or input error: bad flags, unreadable or invalid input, bad rules (load errors or failing examples)
	exitInterrupted = 130 // stopped by Ctrl-C
)

// exitError carries an exit code and a message for stderr.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func findings(format string, args ...any) error {
	return &exitError{exitFindings, fmt.Errorf(format, args...)}
}

func inputErr(err error) error { return &exitError{exitUsage, err} }

// version is the program version; it keys caches and appears in reports.
const version = "0.1.0"

// run is the whole program, with its environment passed in so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// After the first Ctrl-C, stop listening: a second one kills the
	// process at once, for a user who will not wait for the clean stop.
	go func() { <-ctx.Done(); stop() }()
	app := newApp(stdin, stdout, stderr)
	err := app.Run(ctx, args)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "claims: interrupted; no file was written or changed (output already printed to stdout is incomplete)")
		return exitInterrupted
	case errors.As(err, &ee):
		if ee.err.Error() != "" {
			fmt.Fprintln(stderr, ee.err)
		}
		return ee.code
	default:
		fmt.Fprintf(stderr, "claims: %v\n", err)
		return exitUsage
	}
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:    "claims",
		Usage:   "extract, review and publish claims about national positions in cyber diplomacy",
		Version: version,
		Reader:  stdin, Writer: stdout, ErrWriter: stderr,
		// Errors are turned into exit codes by run, never by os.Exit inside the library.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
		Commands: []*cli.Command{
			extractCommand(), buildCommand(), reviewCommand(), validateCommand(), rulesCommand(), explainCommand(), evalCommand(),
			exportCommand(), statsCommand(),
		},
	}
}

var rulesFlag = &cli.StringFlag{Name: "rules", Usage: "rule directory (default: the rules embedded in the binary)"}

var workersFlag = &cli.IntFlag{Name: "workers", Usage: "documents extracted in parallel (default: GOMAXPROCS)"}

var quietFlag = &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar (it is drawn only when stderr is a terminal) and no summary"}

// loadRules loads --rules DIR, or the embedded rules.
func loadRules(dir string) (*rules.Set, error) {
	var s *rules.Set
	var err error
	if dir == "" {
		s, err = rules.Default()
	} else {
		s, err = rules.LoadDir(dir)
	}
	if err != nil {
		return nil, inputErr(err)
	}
	return s, nil
}

func newExtractor(dir string) (*extract.Extractor, error) {
	s, err := loadRules(dir)
	if err != nil {
		return nil, err
	}
	return extract.New(s)
}

func workers(cmd *cli.Command) int {
	if n := cmd.Int("workers"); n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}
