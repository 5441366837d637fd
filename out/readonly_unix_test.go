//go:build unix

package out_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cyberclaims/claims/out"
)

// TestWriteSetReadOnlyDir: a folder where no file can be created (read-only,
// as a full disk refuses new files) gives an error and changes nothing. Root
// ignores the read-only bit, so as root the test reruns itself as nobody.
func TestWriteSetReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 && os.Getenv("OUT_TEST_UNPRIVILEGED") == "" {
		rerunAsNobody(t, "^TestWriteSetReadOnlyDir$")
		return
	}
	dir := t.TempDir()
	if err := out.WriteSet(dir, small("old")); err != nil {
		t.Fatal(err)
	}
	before := readSet(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("this user can write into a read-only folder (root or CAP_DAC_OVERRIDE): the case cannot be staged")
	}
	err := out.WriteSet(dir, small("new"))
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("want a permission error, got %v", err)
	}
	after := readSet(t, dir)
	if len(after) != len(before) {
		t.Fatalf("files now %v, were %v", after, before)
	}
	for name, b := range before {
		if after[name] != b {
			t.Fatalf("%s changed", name)
		}
	}
	if err := out.WriteFileAtomic(filepath.Join(dir, "a.jsonl"), []byte("new")); err == nil {
		t.Fatal("WriteFileAtomic into a read-only folder reported success")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.jsonl")); string(b) != before["a.jsonl"] {
		t.Fatal("a.jsonl changed")
	}
}

// rerunAsNobody runs the named test of this test binary as uid/gid 65534,
// from a copy of the binary nobody may run. When the system will not switch
// users, the test is skipped with the reason.
func rerunAsNobody(t *testing.T, run string) {
	t.Helper()
	binDir, err := os.MkdirTemp("", "out-nobody-") // not t.TempDir: its parent is private
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(binDir) })
	if err := os.Chmod(binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(binDir, "x")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run="+run, "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "OUT_TEST_UNPRIVILEGED=1")
	cmd.Dir = os.TempDir()
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	b, err := cmd.CombinedOutput()
	output := string(b)
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Skipf("running as root and cannot rerun as nobody (%v): a read-only folder cannot be staged", err)
		}
		t.Fatalf("as nobody:\n%s", output)
	}
	if strings.Contains(output, "--- SKIP") {
		t.Skipf("skipped as nobody too:\n%s", output)
	}
	if !strings.Contains(output, "--- PASS") {
		t.Fatalf("as nobody, the test did not run:\n%s", output)
	}
}
