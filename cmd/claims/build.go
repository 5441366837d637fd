package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/out/cache"
	"github.com/urfave/cli/v3"
)

// project flags shared by build and review.
var projectFlags = []cli.Flag{
	&cli.StringFlag{Name: "corpus", Value: "corpus", Usage: "directory of bundled briefs"},
	&cli.StringFlag{Name: "rules", Usage: "rule directory (default: rules/ when it exists, else the embedded rules)"},
	&cli.StringFlag{Name: "reviews", Usage: "reviews file (default: CORPUS/reviews.jsonl)"},
	workersFlag,
}

func reviewsPath(cmd *cli.Command) string {
	if p := cmd.String("reviews"); p != "" {
		return p
	}
	return filepath.Join(cmd.String("corpus"), "reviews.jsonl")
}

// projectRulesDir is --rules, or rules/ when it holds rule files.
func projectRulesDir(cmd *cli.Command) string {
	if d := cmd.String("rules"); d != "" {
		return d
	}
	if m, _ := filepath.Glob(filepath.Join("rules", "*.yaml")); len(m) > 0 {
		return "rules"
	}
	return ""
}

// generate runs the whole pipeline: rules, corpus, reviews, claims.
func generate(ctx context.Context, cmd *cli.Command) (*out.Dataset, *extract.Extractor, error) {
	return generateWith(ctx, cmd, false)
}

// generateWith is generate; build also uses the cache (unless --no-cache)
// and draws a progress bar.
func generateWith(ctx context.Context, cmd *cli.Command, build bool) (*out.Dataset, *extract.Extractor, error) {
	x, err := newExtractor(projectRulesDir(cmd))
	if err != nil {
		return nil, nil, err
	}
	args := []string{cmd.String("corpus")}
	entries, err := corpus.List(args, cmd.Root().Reader)
	if err != nil {
		return nil, nil, inputErr(err)
	}
	reviews, err := corpus.ReadReviews(reviewsPath(cmd))
	if err != nil {
		// Unreadable documents are reported first, as they always were.
		if _, derr := readDocs(cmd, args); derr != nil {
			return nil, nil, derr
		}
		return nil, nil, inputErr(fmt.Errorf("%w\nreviews are never dropped: fix the lines above, then build again", err))
	}
	opt := out.Options{Workers: workers(cmd), Warn: func(err error) {
		fmt.Fprintf(cmd.Root().ErrWriter, "claims: warning: %v\n", err)
	}}
	if build {
		opt = streamOptions(cmd, entries)
		switch {
		case cmd.Bool("no-cache"):
		case cmd.Bool("check"):
			// --check writes nothing, the cache included, but may read it.
			opt.Cache = cache.OpenReadOnly(cmd.String("cache"), cache.Program(version), x.Rules().Version)
		default:
			if opt.Cache, err = cache.Open(cmd.String("cache"), cache.Program(version), x.Rules().Version); err != nil {
				return nil, nil, fmt.Errorf("cache: %w (--no-cache builds without it)", err)
			}
		}
	}
	d, err := out.Build(ctx, x, entries, reviews, opt)
	if err != nil {
		return nil, nil, pipelineErr(err)
	}
	return d, x, nil
}

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "extract the corpus, merge reviews, validate everything and write out/ atomically",
		Flags: append(append([]cli.Flag{}, projectFlags...),
			&cli.StringFlag{Name: "out", Value: "out", Usage: "output directory"},
			&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 with a diff when out/ is stale"},
			&cli.IntFlag{Name: "max-diff", Value: 60, Usage: "lines of diff to show per stale file"},
			quietFlag,
			&cli.StringFlag{Name: "cache", Value: cache.DefaultDir, Usage: "keep each document's claims in `DIR`, so a rebuild extracts only what changed (safe to delete)"},
			&cli.BoolFlag{Name: "no-cache", Usage: "extract every document, reading and writing no cache"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			d, _, err := generateWith(ctx, cmd, true)
			if err != nil {
				return err
			}
			files, err := d.Files()
			if err != nil {
				return &exitError{exitFindings, err}
			}
			dir := cmd.String("out")
			w, ew := cmd.Root().Writer, cmd.Root().ErrWriter
			if cmd.Bool("check") {
				stale, err := out.Compare(dir, files, cmd.Int("max-diff"))
				if err != nil {
					return inputErr(err)
				}
				for _, s := range stale {
					fmt.Fprint(w, s.Diff)
				}
				if len(stale) > 0 {
					return findings("%s is stale: %d of %d files differ from what the corpus, rules and reviews make; run 'claims build'", dir, len(stale), len(files))
				}
				fmt.Fprintf(ew, "%s is up to date (%d files)\n", dir, len(files))
				return nil
			}
			if err := out.WriteSet(dir, files); err != nil {
				return fmt.Errorf("writing %s: %w (the previous files are intact)", dir, err)
			}
			if !cmd.Bool("quiet") {
				s := d.Summary
				fmt.Fprintf(ew, "documents %d, claims %d: pending %d, accepted %d, rejected %d, corrected %d; orphaned reviews %d; dataset %d claims -> %s\n",
					s.Documents, s.Claims, s.Pending, s.Accepted, s.Rejected, s.Corrected, s.Orphans, s.Dataset, dir+string(os.PathSeparator))
			}
			return nil
		},
	}
}
