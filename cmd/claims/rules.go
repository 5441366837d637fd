package main

import (
	"context"
	"fmt"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/urfave/cli/v3"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "test and lint rule files",
		Commands: []*cli.Command{
			{
				Name:  "test",
				Usage: "run every rule's examples (must match / must not match)",
				Flags: []cli.Flag{rulesFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					s, err := loadRules(cmd.String("rules"))
					if err != nil {
						return err
					}
					x, err := extract.New(s)
					if err != nil {
						return err
					}
					fails := x.TestRules()
					for _, f := range fails {
						fmt.Fprintln(cmd.Root().Writer, f)
					}
					examples := 0
					for _, r := range s.Rules {
						examples += len(r.Info().Match) + len(r.Info().NoMatch)
					}
					if len(fails) > 0 {
						// A rule whose examples fail is an invalid rule, like
						// one that does not load: exit 2 (README, exit codes).
						return inputErr(fmt.Errorf("%d of %d examples failed", len(fails), examples))
					}
					fmt.Fprintf(cmd.Root().ErrWriter, "%d rules, %d examples passed\n", len(s.Rules), examples)
					return nil
				},
			},
			{
				Name:  "lint",
				Usage: "report unknown keys, duplicate ids, aliases claimed twice, patterns that can never match and topics with no description",
				Flags: []cli.Flag{rulesFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					s, err := loadRules(cmd.String("rules"))
					if err != nil {
						return err
					}
					problems := rules.Lint(s)
					for _, p := range problems {
						fmt.Fprintln(cmd.Root().Writer, p)
					}
					if len(problems) > 0 {
						return findings("%d lint problems", len(problems))
					}
					fmt.Fprintf(cmd.Root().ErrWriter, "%d rules, no problems\n", len(s.Rules))
					return nil
				},
			},
		},
	}
}
