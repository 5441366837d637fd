package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of testdata/cli")

// TestCLI runs each folder of testdata/cli as one invocation: args (with
// $DIR for the folder), optional stdin, and the expected stdout, stderr and
// exit code. go test -update rewrites the expectations.
func TestCLI(t *testing.T) {
	dirs, err := filepath.Glob("testdata/cli/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			args := append([]string{"claims"}, strings.Fields(strings.ReplaceAll(string(raw), "$DIR", dir))...)
			stdin, _ := os.ReadFile(filepath.Join(dir, "stdin"))
			var stdout, stderr bytes.Buffer
			code := run(args, bytes.NewReader(stdin), &stdout, &stderr)
			got := map[string]string{"stdout": stdout.String(), "stderr": stderr.String(), "code": strconv.Itoa(code) + "\n"}
			for _, name := range []string{"stdout", "stderr", "code"} {
				path := filepath.Join(dir, "want."+name)
				if *update {
					if err := os.WriteFile(path, []byte(got[name]), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if got[name] != string(want) {
					t.Errorf("%s differs\n got: %s\nwant: %s", name, clip(got[name]), clip(string(want)))
				}
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
