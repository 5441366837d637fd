package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func collect(ws *[]string) func(error) {
	return func(err error) { *ws = append(*ws, err.Error()) }
}

// TestBlankDocumentsWarn: an empty or white-space-only document is read (it
// simply has no claims) and named in a warning, never silently.
func TestBlankDocumentsWarn(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "empty.txt"), "")
	write(t, filepath.Join(dir, "spaces.txt"), " \r\n\t\n\u00a0")
	write(t, filepath.Join(dir, "bom.txt"), "\uFEFF\n")
	write(t, filepath.Join(dir, "text.txt"), "Peru supports norms.")
	var ws []string
	docs, err := Read([]string{dir}, nil, Options{}, collect(&ws))
	if err != nil || len(docs) != 4 {
		t.Fatalf("docs %d, err %v", len(docs), err)
	}
	got := strings.Join(ws, "\n")
	for _, want := range []string{
		filepath.Join(dir, "empty.txt") + ": empty file: no claims",
		filepath.Join(dir, "spaces.txt") + ": only white space: no claims",
		filepath.Join(dir, "bom.txt") + ": only white space: no claims",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing warning %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "text.txt") || len(ws) != 3 {
		t.Errorf("unexpected warnings:\n%s", got)
	}
	ws = nil
	if _, err := Read([]string{"-"}, strings.NewReader(""), Options{}, collect(&ws)); err != nil || len(ws) != 1 || ws[0] != "stdin: empty file: no claims" {
		t.Errorf("empty stdin: %v %q", err, ws)
	}
}

// TestBinaryAndNonTextFiles: a .txt holding NUL bytes is refused as binary,
// naming the byte; with KeepGoing it is skipped with a warning that says so.
// Files that are not .txt or .md are skipped and reported.
func TestBinaryAndNonTextFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.txt"), "Peru supports norms.")
	write(t, filepath.Join(dir, "blob.txt"), "PK\x03\x04\x00\x00zip")
	write(t, filepath.Join(dir, "photo.jpg"), "\xff\xd8\xff\xe0")
	_, err := Read([]string{dir}, nil, Options{}, nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "blob.txt")+":1:5: NUL byte (byte 4): a binary file, not text") {
		t.Fatalf("binary .txt: %v", err)
	}
	var ws []string
	docs, err := Read([]string{dir}, nil, Options{KeepGoing: true}, collect(&ws))
	if err != nil || len(docs) != 1 || docs[0].ID != "ok.txt" {
		t.Fatalf("keep-going: %v %v", docs, err)
	}
	got := strings.Join(ws, "\n")
	if !strings.Contains(got, "blob.txt:1:5: NUL byte (byte 4): a binary file, not text; skipped (--keep-going)") ||
		!strings.Contains(got, "photo.jpg: skipped: not a .txt or .md document") {
		t.Errorf("warnings:\n%s", got)
	}
}

// TestSymlinkLoops: links inside a folder are not followed, so a loop
// cannot trap the walk; a looping link named on the command line is an
// error naming it.
func TestSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "doc.txt"), "Peru supports norms.")
	for _, l := range [][2]string{{"a", filepath.Join(dir, "a", "up")}, {"y", filepath.Join(dir, "x")}, {"x", filepath.Join(dir, "y")}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	var ws []string
	docs, err := Read([]string{dir}, nil, Options{}, collect(&ws))
	if err != nil || len(docs) != 1 || docs[0].ID != "a/doc.txt" {
		t.Fatalf("docs %v err %v", docs, err)
	}
	if len(ws) != 3 {
		t.Errorf("want a warning per link, got:\n%s", strings.Join(ws, "\n"))
	}
	_, err = Read([]string{filepath.Join(dir, "x")}, nil, Options{}, nil)
	var ce *Error
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), filepath.Join(dir, "x")+": too many levels of symbolic links") {
		t.Errorf("looping argument: %v", err)
	}
}

// TestInvalidUTF8NamesByteAndLine: the first bad byte's offset and line,
// found in a long file as well as a short one.
func TestInvalidUTF8NamesByteAndLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "late.txt")
	body := strings.Repeat("Peru supports norms.\r\n", 1000) + "Chile \xe9tudie."
	write(t, p, body)
	_, err := Read([]string{p}, nil, Options{}, nil)
	off := strings.Index(body, "\xe9")
	want := p + ":1001:7: invalid UTF-8 (byte " + strconv.Itoa(off) + ")"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	docs, err := Read([]string{p}, nil, Options{Encoding: "latin1"}, nil)
	if err != nil || !strings.HasSuffix(string(docs[0].Text), "Chile étudie.") {
		t.Fatalf("latin1: %v", err)
	}
}

// TestReviewErrorsNameEveryLine: every bad line of a reviews file is
// reported, each with the file and its line, and nothing is returned.
func TestReviewErrorsNameEveryLine(t *testing.T) {
	ok := `{"id":"c_0123456789abcdef","status":"accepted","reviewer":"ana","at":"2026-01-02T10:00:00Z"}`
	data := strings.Join([]string{
		ok,
		`{"id":"c_0123456789abcdef","status":"accepted"`,
		`{"id":"c_0123456789abcdef","status":"approved","reviewer":"ana","at":"2026-01-02T10:00:00Z"}`,
		`{"id":"c_0123456789abcdef","status":"corrected","set":{"stance":"maybe"},"reviewer":"ana","at":"2026-01-02T10:00:00Z"}`,
		"",
		ok,
		`{"id":"c_0123456789abcdef","status":"accepted","reviewer":"ana","at":"2026-01-02T10:00:00Z","colour":"red"}`,
	}, "\r\n")
	revs, err := DecodeReviews(strings.NewReader(data), "r.jsonl")
	if err == nil || revs != nil {
		t.Fatalf("want errors and no reviews, got %d reviews, %v", len(revs), err)
	}
	for _, want := range []string{
		"r.jsonl:2: not JSON",
		"r.jsonl:3: invalid review: /status: value must be one of 'accepted', 'rejected', 'corrected'",
		"r.jsonl:4: invalid review: /set/stance: value must be one of",
		"r.jsonl:6: duplicate decision: the same review of c_0123456789abcdef as line 1; delete one of them",
		"r.jsonl:7: invalid review: /: additional properties 'colour' not allowed",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 5 {
		t.Errorf("want 5 errors, got %d:\n%v", n, err)
	}
}

// TestGoTestdataSkipped: a Go package's testdata folder beside the briefs
// (corpus/testdata holds fuzz seeds) is not read, silently; a testdata
// folder with no Go code beside it is read like any other.
func TestGoTestdataSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "pkg", "x.go"), "package x")
	write(t, filepath.Join(dir, "pkg", "testdata", "fuzz", "FuzzX", "seed"), "go test fuzz v1")
	write(t, filepath.Join(dir, "pkg", "testdata", "brief.txt"), "Peru supports norms.")
	write(t, filepath.Join(dir, "plain", "testdata", "brief.txt"), "Chile supports norms.")
	var ws []string
	docs, err := Read([]string{dir}, nil, Options{}, collect(&ws))
	if err != nil || len(docs) != 1 || docs[0].ID != "plain/testdata/brief.txt" || len(ws) != 0 {
		t.Fatalf("docs %v, warnings %v, err %v", docs, ws, err)
	}
}
