package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/rules"
)

var update = flag.Bool("update", false, "rewrite the .out files of testdata/errors")

// TestLoadErrors loads each folder of testdata/errors and compares every
// reported problem with the paired .out file: file:line:col: message [kind].
func TestLoadErrors(t *testing.T) {
	dirs, err := filepath.Glob("testdata/errors/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, err := rules.LoadDir(dir)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if _, ok := err.(rules.Errors); !ok {
				t.Fatalf("want rules.Errors, got %T: %v", err, err)
			}
			got := err.Error() + "\n"
			golden(t, dir+".out", got)
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.HasPrefix(line, dir+"/") || !strings.HasSuffix(line, "]") {
					t.Errorf("not file:line:col: message [kind]: %q", line)
				}
			}
		})
	}
	if n < 8 {
		t.Fatalf("only %d error cases found", n)
	}
}

func TestDefaultRulesLoad(t *testing.T) {
	s, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Actors) != 203 {
		t.Errorf("want 203 actors (193 members, 2 observers, 8 organisations), got %d", len(s.Actors))
	}
	if s.Version == "" {
		t.Error("no version")
	}
}

// TestLintFixtures lints each folder of testdata/lint, whose rules load,
// and compares the findings with the paired .out file.
func TestLintFixtures(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/lint/*")
	if len(dirs) == 0 {
		t.Fatal("no lint cases")
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, err := rules.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, dir+".out", rules.Lint(s).Error()+"\n")
		})
	}
}

// golden compares got with the file at path, or rewrites the file under
// -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
