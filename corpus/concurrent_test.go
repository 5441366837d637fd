package corpus

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cyberclaims/claims/schema"
)

const (
	appendProcs = 8
	appendEach  = 25
)

// TestConcurrentAppendProcesses runs 8 processes that each append 25
// decisions, one lock cycle at a time, to one reviews file. Every line must
// be there and parse: no lost update, no torn line, no leftover temp file.
// (cmd/claims runs real 'claims review' processes the same way, fewer.)
func TestConcurrentAppendProcesses(t *testing.T) {
	if spec := os.Getenv("CORPUS_APPEND_CHILD"); spec != "" {
		appendChild(t, spec)
		return
	}
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	var cmds []*exec.Cmd
	for i := 0; i < appendProcs; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentAppendProcesses$", "-test.count=1")
		cmd.Env = append(os.Environ(), fmt.Sprintf("CORPUS_APPEND_CHILD=%s|%d", path, i))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("appender %d: %v", i, err)
		}
	}
	revs, err := ReadReviews(path)
	if err != nil {
		t.Fatalf("the file does not read back: %v", err)
	}
	seen := map[string]bool{}
	for _, r := range revs {
		seen[r.Reviewer+" "+r.ID] = true
	}
	if len(revs) != appendProcs*appendEach || len(seen) != appendProcs*appendEach {
		t.Fatalf("want %d distinct decisions, got %d lines, %d distinct", appendProcs*appendEach, len(revs), len(seen))
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".reviews.jsonl.tmp-*")); len(m) > 0 {
		t.Fatalf("temporary files left: %v", m)
	}
}

func appendChild(t *testing.T, spec string) {
	path, n, _ := strings.Cut(spec, "|")
	proc, err := strconv.Atoi(n)
	if err != nil {
		t.Fatal(err)
	}
	// A long note makes each line several kilobytes, so a torn write would show.
	note := strings.Repeat(fmt.Sprintf("process %d ", proc), 300)
	for j := 0; j < appendEach; j++ {
		rec := schema.ReviewRecord{
			ID: fmt.Sprintf("c_%016x", proc*1000+j), Status: schema.StatusAccepted,
			Reviewer: fmt.Sprintf("p%d", proc), At: time.Now().UTC().Format(time.RFC3339), Note: note,
		}
		if err := AppendReviews(path, []schema.ReviewRecord{rec}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAppendSkipsIdenticalDecision: the same decision recorded twice within
// a second (a command run twice) is written once, since reading refuses
// duplicate lines; a decision that differs in anything is written.
func TestAppendSkipsIdenticalDecision(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	rec := schema.ReviewRecord{ID: "c_0123456789abcdef", Status: schema.StatusAccepted, Reviewer: "ana", At: "2026-01-02T10:00:00Z"}
	for i := 0; i < 2; i++ {
		if err := AppendReviews(path, []schema.ReviewRecord{rec, rec}); err != nil {
			t.Fatal(err)
		}
	}
	other := rec
	other.Note = "second thoughts"
	if err := AppendReviews(path, []schema.ReviewRecord{other}); err != nil {
		t.Fatal(err)
	}
	revs, err := ReadReviews(path)
	if err != nil || len(revs) != 2 || revs[1].Note != "second thoughts" {
		t.Fatalf("want the decision once and the changed one after it: %+v %v", revs, err)
	}
}

// TestAppendKeepsPermissions: the replaced file keeps the mode its owners
// gave it (a group-writable reviews file stays group-writable).
func TestAppendKeepsPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	if err := os.WriteFile(path, nil, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o664); err != nil { // whatever the umask
		t.Fatal(err)
	}
	rec := schema.ReviewRecord{ID: "c_0123456789abcdef", Status: schema.StatusAccepted, Reviewer: "ana", At: "2026-01-02T10:00:00Z"}
	if err := AppendReviews(path, []schema.ReviewRecord{rec}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o664 {
		t.Fatalf("mode after append: %v %v, want 0664", st.Mode(), err)
	}
}
