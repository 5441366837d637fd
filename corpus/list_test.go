package corpus

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestListIsRead: loading a listing's documents in order gives what Read
// gives, and each entry knows its size before it is read.
func TestListIsRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), "Bee.")
	write(t, filepath.Join(dir, "a", "z.md"), "Zed zed.")
	write(t, filepath.Join(dir, "a", "photo.jpg"), "x")
	single := filepath.Join(dir, "a", "z.md")
	args := []string{dir, single, "-", filepath.Join(dir, "missing.txt")}
	entries, err := List(args, strings.NewReader("From stdin."))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range entries {
		e := &entries[i]
		if !e.IsDocument() {
			continue
		}
		d, err := e.Load(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if e.Size != int64(len(d.Text)) {
			t.Errorf("%s: size %d, text %d bytes", e.ID, e.Size, len(d.Text))
		}
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, ","); got != "a/z.md,b.txt,z.md,stdin" {
		t.Errorf("ids %s", got)
	}
	_, err = Read(args, strings.NewReader("From stdin."), Options{}, nil)
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("Read: %v", err)
	}
	var warned bool
	for i := range entries {
		if w := entries[i].Warning(); w != nil && strings.Contains(w.Error(), "photo.jpg: skipped") {
			warned = true
		}
	}
	if !warned || entries[len(entries)-1].Err() == nil {
		t.Error("the skipped file and the missing path are not in the listing")
	}
}
