package out_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cyberclaims/claims/out"
)

func readSet(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			got[e.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = string(b)
	}
	return got
}

func small(tag string) map[string][]byte {
	return map[string][]byte{"a.jsonl": []byte(tag + " a\n"), "b.jsonl": []byte(tag + " b\n"), "c.jsonl": []byte(tag + " c\n"), "d.jsonl": []byte(tag + " d\n")}
}

// TestWriteSetFailsMidwayLeavesOldSet: a write that fails after some new
// files are written (here the third cannot be created: a folder holds its
// name, as a full disk would refuse it) returns the error and leaves the
// old set byte for byte, with nothing of the new one behind.
func TestWriteSetFailsMidwayLeavesOldSet(t *testing.T) {
	dir := t.TempDir()
	if err := out.WriteSet(dir, small("old")); err != nil {
		t.Fatal(err)
	}
	before := readSet(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "c.jsonl.new"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := out.WriteSet(dir, small("new")); err == nil {
		t.Fatal("WriteSet reported success though c.jsonl could not be written")
	}
	after := readSet(t, dir)
	delete(after, "c.jsonl.new/") // the obstacle itself, if cleanup left it
	if len(after) != len(before) {
		t.Fatalf("files now %v, were %v", after, before)
	}
	for name, b := range before {
		if after[name] != b {
			t.Fatalf("%s changed to %q", name, after[name])
		}
	}
}
