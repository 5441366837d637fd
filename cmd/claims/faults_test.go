package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// invoke runs the claims command in process.
func invoke(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(append([]string{"claims"}, args...), strings.NewReader(""), &o, &e)
	return o.String(), e.String(), code
}

// smallProject writes a corpus of one brief with 30 claims and returns the
// project folder.
func smallProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for _, a := range []string{"Peru", "Chile", "Brazil", "Kenya", "Estonia", "Canada", "Ghana", "Japan", "Mexico", "Norway"} {
		for _, s := range []string{"supports capacity building", "rejects a new treaty", "supports the voluntary norms"} {
			b.WriteString(a + " " + s + ". ")
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "corpus"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus", "a.txt"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// claimIDs extracts the project's corpus and returns its claim ids in order.
func claimIDs(t *testing.T, dir string) []string {
	t.Helper()
	o, e, code := invoke(t, "extract", filepath.Join(dir, "corpus"))
	if code != 0 {
		t.Fatalf("extract: %d %s", code, e)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(o), "\n") {
		var c struct{ ID string }
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files
}

func sameFiles(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Fatalf("%s: files changed from %d to %d", what, len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Fatalf("%s: %s changed", what, name)
		}
	}
}

// TestRefusedBuildLeavesOutUnchanged: a review of a claim that no longer
// exists is an orphan, reported in out/orphans.jsonl; malformed lines,
// unknown statuses, invalid corrections and duplicate decisions make build
// refuse, every bad line named, and leave out/ byte for byte as it was.
func TestRefusedBuildLeavesOutUnchanged(t *testing.T) {
	dir := smallProject(t)
	ids := claimIDs(t, dir)
	reviews := filepath.Join(dir, "corpus", "reviews.jsonl")
	outDir := filepath.Join(dir, "out")
	build := func() (string, int) {
		_, e, code := invoke(t, "build", "-q", "--no-cache", "--corpus", filepath.Join(dir, "corpus"), "--reviews", reviews, "--out", outDir)
		return e, code
	}
	line := func(id, rest string) string {
		return `{"id":"` + id + `",` + rest + `,"reviewer":"ana","at":"2026-01-02T10:00:00Z"}` + "\n"
	}
	good := line(ids[0], `"status":"accepted"`) + line("c_00000000000000aa", `"status":"accepted"`)
	if err := os.WriteFile(reviews, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if e, code := build(); code != 0 {
		t.Fatalf("first build: %d %s", code, e)
	}
	orphans, _ := os.ReadFile(filepath.Join(outDir, "orphans.jsonl"))
	if !strings.Contains(string(orphans), `"id":"c_00000000000000aa"`) || !strings.Contains(string(orphans), `"line":2`) {
		t.Fatalf("the review of a vanished claim is not reported as an orphan:\n%s", orphans)
	}
	before := snapshot(t, outDir)

	bad := good +
		`{"id":"` + ids[1] + `","status":"accepted"` + "\n" +
		line(ids[1], `"status":"approved"`) +
		line(ids[2], `"status":"corrected","set":{"stance":"maybe"}`) +
		line(ids[0], `"status":"accepted"`)
	if err := os.WriteFile(reviews, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	e, code := build()
	if code != exitUsage {
		t.Fatalf("build with bad reviews: exit %d, want %d\n%s", code, exitUsage, e)
	}
	for _, want := range []string{
		reviews + ":3: not JSON",
		reviews + ":4: invalid review: /status: value must be one of",
		reviews + ":5: invalid review: /set/stance: value must be one of",
		reviews + ":6: duplicate decision: the same review of " + ids[0] + " as line 1",
		"reviews are never dropped",
	} {
		if !strings.Contains(e, want) {
			t.Errorf("missing %q in:\n%s", want, e)
		}
	}
	sameFiles(t, "refused build (bad lines)", before, snapshot(t, outDir))

	// Corrections that pass the schema but name no actor: found when they
	// are applied, all of them, and still nothing is written.
	bad = good + line(ids[1], `"status":"corrected","set":{"country_code":"XXQ"}`) + line(ids[2], `"status":"corrected","set":{"country_code":"ZZZ"}`)
	if err := os.WriteFile(reviews, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	e, code = build()
	if code != exitUsage || !strings.Contains(e, reviews+`:3: correction of `+ids[1]+`: country_code "XXQ" is not an actor`) || !strings.Contains(e, reviews+`:4: correction of `+ids[2]+`: country_code "ZZZ"`) {
		t.Fatalf("build with corrections to unknown actors: exit %d\n%s", code, e)
	}
	sameFiles(t, "refused build (bad corrections)", before, snapshot(t, outDir))

	// review refuses an invalid correction and records nothing.
	if err := os.WriteFile(reviews, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	_, e, code = invoke(t, "review", "correct", ids[3], "--set", "stance=maybe", "--reviewer", "ana", "--corpus", filepath.Join(dir, "corpus"), "--reviews", reviews)
	if after, _ := os.ReadFile(reviews); code != exitUsage || !strings.Contains(e, `"maybe"`) || string(after) != good {
		t.Fatalf("review correct --set stance=maybe: exit %d, %s", code, e)
	}
}

// TestValidateReportsEveryLine: a line that is not JSON, a line of several
// megabytes, a schema violation: every failing line is reported.
func TestValidateReportsEveryLine(t *testing.T) {
	dir := smallProject(t)
	o, _, _ := invoke(t, "extract", filepath.Join(dir, "corpus"))
	valid := strings.SplitN(o, "\n", 2)[0]
	long := strings.Replace(valid, `"stance":"supports"`, `"stance":"`+strings.Repeat("x", 5<<20)+`"`, 1)
	if long == valid {
		t.Fatal("fixture: no supports stance to replace")
	}
	path := filepath.Join(dir, "claims.jsonl")
	data := strings.Join([]string{valid, "{not json", long, "{}", valid}, "\n") + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	o, e, code := invoke(t, "validate", path)
	if code != exitFindings || !strings.Contains(e, "3 of 5 lines invalid") {
		t.Fatalf("exit %d, stderr %s", code, e)
	}
	for _, want := range []string{path + ":2: not JSON", path + ":3: /stance: value must be one of", path + ":4: /: missing properties"} {
		if !strings.Contains(o, want) {
			t.Errorf("missing %q in:\n%.2000s", want, o)
		}
	}
	if _, e, code := invoke(t, "validate", dir); code != exitUsage || !strings.Contains(e, dir+":1: is a directory") {
		t.Errorf("validate on a folder: exit %d, %s", code, e)
	}
}

// TestExtractBadDocuments: what claims extract says about each kind of bad
// document, and its exit code (the README's table).
func TestExtractBadDocuments(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"empty.txt":  "",
		"blank.txt":  " \r\n\t\n",
		"crlf.txt":   "\uFEFFPeru supports capacity building.\r\nChile rejects a new treaty.\rBrazil supports norms.",
		"nul.txt":    "Peru\x00supports",
		"latin1.txt": "Peru supports norms on caf\xe9 security.",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		args       []string
		code       int
		stderr     string
		stdoutHint string
	}{
		{[]string{p("empty.txt")}, 0, p("empty.txt") + ": empty file: no claims", ""},
		{[]string{p("blank.txt")}, 0, p("blank.txt") + ": only white space: no claims", ""},
		{[]string{p("crlf.txt")}, 0, "", `"line":3`},
		{[]string{p("nul.txt")}, 2, p("nul.txt") + ":1:5: NUL byte (byte 4): a binary file, not text", ""},
		{[]string{p("latin1.txt")}, 2, p("latin1.txt") + ":1:27: invalid UTF-8 (byte 26); if the file is a legacy export, try --encoding latin1 or --encoding windows-1252", ""},
		{[]string{"--encoding", "latin1", p("latin1.txt")}, 0, "", `"text":"Peru supports norms on café security."`},
		{[]string{"--keep-going", p("latin1.txt"), p("crlf.txt")}, 0, "claims: warning: " + p("latin1.txt") + ":1:27: invalid UTF-8 (byte 26)", `"doc":"crlf.txt"`},
		{[]string{p("missing.txt")}, 2, p("missing.txt") + ": no such file or directory", ""},
	}
	for _, c := range cases {
		o, e, code := invoke(t, append([]string{"extract"}, c.args...)...)
		if code != c.code || !strings.Contains(e, c.stderr) || !strings.Contains(o, c.stdoutHint) {
			t.Errorf("extract %v: exit %d (want %d)\nstderr: %s\nstdout: %.300s", c.args, code, c.code, e, o)
		}
	}
}
