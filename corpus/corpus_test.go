package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadWalksSortedAndNamesByRelativePath(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), "B.")
	write(t, filepath.Join(dir, "a", "z.md"), "Z.")
	write(t, filepath.Join(dir, "a", "notes.pdf"), "%PDF")
	write(t, filepath.Join(dir, "reviews.jsonl"), "{}")
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	docs, err := Read([]string{dir}, nil, Options{}, func(err error) { warnings = append(warnings, err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "a/z.md,b.txt" {
		t.Errorf("ids %v", ids)
	}
	joined := strings.Join(warnings, "\n")
	if !strings.Contains(joined, "notes.pdf: skipped: not a .txt or .md document") || !strings.Contains(joined, "loop: skipped: symbolic link") {
		t.Errorf("warnings:\n%s", joined)
	}
	if strings.Contains(joined, "reviews.jsonl") {
		t.Errorf("reviews.jsonl beside the briefs is not worth a warning:\n%s", joined)
	}
}

func TestReadSingleFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.txt")
	write(t, p, "X.")
	docs, err := Read([]string{p, "-"}, strings.NewReader("From stdin."), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "x.txt" || docs[1].ID != "stdin" || string(docs[1].Text) != "From stdin." {
		t.Fatalf("%+v", docs)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, text string
		opt        Options
		want       string
	}{
		{"bad.txt", "ok\nPeru \xff here", Options{}, "bad.txt:2:6: invalid UTF-8 (byte 8); if the file is a legacy export, try --encoding latin1"},
		{"nul.txt", "ab\x00cd", Options{}, "nul.txt:1:3: NUL byte (byte 2): a binary file, not text"},
		{"cr.txt", "ok\rPeru\r\nhere \xff", Options{}, "cr.txt:3:6: invalid UTF-8 (byte 14)"},
		{"enc.txt", "x", Options{Encoding: "ebcdic"}, `unknown encoding "ebcdic"`},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		write(t, p, c.text)
		_, err := Read([]string{p}, nil, c.opt, nil)
		var ce *Error
		if err == nil || !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := Read([]string{filepath.Join(dir, "missing.txt")}, nil, Options{}, nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestKeepGoingSkipsWithWarning(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.txt"), "Good.")
	write(t, filepath.Join(dir, "bad.txt"), "\xff")
	var warned []string
	docs, err := Read([]string{dir}, nil, Options{KeepGoing: true}, func(err error) { warned = append(warned, err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "good.txt" || len(warned) != 1 {
		t.Fatalf("docs %v warnings %v", docs, warned)
	}
}

func TestLegacyEncodings(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "w.txt")
	write(t, p, "C\xf4te d\x92Ivoire \x93agrees\x94.")
	docs, err := Read([]string{p}, nil, Options{Encoding: "windows-1252"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(docs[0].Text); got != "Côte d’Ivoire “agrees”." {
		t.Errorf("windows-1252: %q", got)
	}
	docs, err = Read([]string{p}, nil, Options{Encoding: "latin1"}, nil)
	if err != nil || !strings.HasPrefix(string(docs[0].Text), "Côte d\u0092") {
		t.Errorf("latin1: %q %v", docs[0].Text, err)
	}
}
