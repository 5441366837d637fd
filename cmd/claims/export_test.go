package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/out"
)

func runClaims(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(append([]string{"claims"}, args...), strings.NewReader(""), &o, &e)
	return o.String(), e.String(), code
}

// TestExportMatchesBuild: export generates what build writes, never a stale
// out/: JSONL of accepted and corrected claims is dataset.jsonl byte for
// byte, and the CSV has one row per claim and source.
func TestExportMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runClaims(t, "build", "-q", "--corpus", "../../corpus", "--out", dir); code != 0 {
		t.Fatalf("build: %d %s", code, e)
	}
	dataset, err := os.ReadFile(filepath.Join(dir, out.DatasetFile))
	if err != nil {
		t.Fatal(err)
	}
	o, e, code := runClaims(t, "export", "--corpus", "../../corpus", "--format", "jsonl", "--status", "accepted, corrected")
	if code != 0 || o != string(dataset) || len(dataset) == 0 {
		t.Errorf("export --format jsonl --status accepted,corrected (exit %d, %s) differs from dataset.jsonl", code, e)
	}

	claims, err := out.ReadClaims(filepath.Join(dir, out.ClaimsFile))
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(t.TempDir(), "claims.csv")
	if _, e, code := runClaims(t, "export", "--corpus", "../../corpus", "-o", csvPath); code != 0 {
		t.Fatalf("export csv: %d %s", code, e)
	}
	raw, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sources := 0
	for _, c := range claims {
		sources += len(c.Sources)
	}
	if len(rows) != sources+1 || strings.Join(rows[0], ",") != strings.Join(out.CSVHeader, ",") {
		t.Errorf("%d CSV rows, want a header and %d (one per claim and source)", len(rows), sources)
	}

	o, _, code = runClaims(t, "export", "--corpus", "../../corpus", "--format", "csv", "--status", "pending")
	pending, _ := csv.NewReader(strings.NewReader(o)).ReadAll()
	for _, r := range pending[1:] {
		if r[13] != "pending" {
			t.Fatalf("--status pending exported a %s claim", r[13])
		}
	}
	if code != 0 || len(pending) < 2 {
		t.Errorf("--status pending: exit %d, %d rows", code, len(pending))
	}

	for _, bad := range [][]string{{"--format", "xlsx"}, {"--status", "approved"}, {"--status", ","}} {
		if _, e, code := runClaims(t, append([]string{"export", "--corpus", "../../corpus"}, bad...)...); code != exitUsage || e == "" {
			t.Errorf("export %v: exit %d, stderr %q; want %d and a message", bad, code, e, exitUsage)
		}
	}
}

// TestStatsShowsTheSummary: stats prints the numbers of summary.json and the tables.
func TestStatsShowsTheSummary(t *testing.T) {
	dir := t.TempDir()
	if _, e, code := runClaims(t, "build", "-q", "--corpus", "../../corpus", "--out", dir); code != 0 {
		t.Fatalf("build: %d %s", code, e)
	}
	raw, err := os.ReadFile(filepath.Join(dir, out.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var sum out.Summary
	if err := json.Unmarshal(raw, &sum); err != nil {
		t.Fatal(err)
	}
	o, e, code := runClaims(t, "stats", "--corpus", "../../corpus", "--top", "3")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, e)
	}
	lines := strings.Split(o, "\n")
	field := func(name string) string {
		for _, l := range lines {
			if f := strings.Fields(strings.TrimPrefix(l, name)); strings.HasPrefix(l, name+" ") && len(f) == 1 {
				return f[0]
			}
		}
		return ""
	}
	for name, n := range map[string]int{"documents": sum.Documents, "claims": sum.Claims, "pending": sum.Pending, "accepted": sum.Accepted, "corrected": sum.Corrected, "rejected": sum.Rejected} {
		if got := field(name); got != strconv.Itoa(n) {
			t.Errorf("stats %s = %q, want %d", name, got, n)
		}
	}
	for _, h := range []string{"TOPIC", "ACTOR", "SYMBOL"} {
		i := -1
		for j, l := range lines {
			if strings.HasPrefix(l, h+" ") {
				i = j
			}
		}
		if i < 0 {
			t.Errorf("no %s table", h)
			continue
		}
		if h != "TOPIC" && (len(lines) < i+5 || lines[i+3] == "" || lines[i+4] != "") {
			t.Errorf("%s table does not have exactly --top 3 rows", h)
		}
	}
}
