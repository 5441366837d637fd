//go:build unix

package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestUnreadableFilesAndFolders: an unreadable file or folder in a corpus is
// an error naming it (documents would be lost otherwise); with KeepGoing it
// is skipped with a warning. Root reads chmod 000 files, so as root the test
// reruns itself as the unprivileged user nobody.
func TestUnreadableFilesAndFolders(t *testing.T) {
	if os.Geteuid() == 0 && os.Getenv("CORPUS_TEST_UNPRIVILEGED") == "" {
		rerunAsNobody(t, "^TestUnreadableFilesAndFolders$")
		return
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.txt"), "Peru supports norms.")
	locked := filepath.Join(dir, "locked.txt")
	write(t, locked, "Chile rejects a treaty.")
	hidden := filepath.Join(dir, "sub")
	write(t, filepath.Join(hidden, "inside.txt"), "Brazil supports norms.")
	for _, p := range []string{locked, hidden} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	if _, err := os.ReadFile(locked); err == nil {
		t.Skip("chmod 000 does not stop this user from reading (root or CAP_DAC_OVERRIDE), so the case cannot be staged")
	}
	_, err := Read([]string{dir}, nil, Options{}, nil)
	if err == nil {
		t.Fatal("unreadable file and folder: no error")
	}
	for _, want := range []string{locked + ": permission denied", hidden + ": permission denied"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	var ws []string
	docs, err := Read([]string{dir}, nil, Options{KeepGoing: true}, collect(&ws))
	if err != nil || len(docs) != 1 || docs[0].ID != "ok.txt" {
		t.Fatalf("keep-going: docs %v, err %v", docs, err)
	}
	got := strings.Join(ws, "\n")
	for _, want := range []string{locked + ": permission denied; skipped (--keep-going)", hidden + ": permission denied; skipped (--keep-going)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing warning %q in:\n%s", want, got)
		}
	}
}

// rerunAsNobody runs the named test of this test binary as uid/gid 65534.
// The binary is copied to a folder nobody may enter; the child makes its own
// temporary files. When the system will not switch users, the test is
// skipped with the reason.
func rerunAsNobody(t *testing.T, run string) {
	t.Helper()
	// Not t.TempDir: its parent folder is private to the owner.
	binDir, err := os.MkdirTemp("", "corpus-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(binDir) })
	if err := os.Chmod(binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(binDir, "x")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run="+run, "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "CORPUS_TEST_UNPRIVILEGED=1")
	cmd.Dir = os.TempDir()
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	outb, err := cmd.CombinedOutput()
	output := string(outb)
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Skipf("running as root and cannot rerun as nobody (%v): chmod 000 cannot be tested here", err)
		}
		t.Fatalf("as nobody:\n%s", output)
	}
	if strings.Contains(output, "--- SKIP") {
		t.Skipf("skipped as nobody too:\n%s", output)
	}
	if !strings.Contains(output, "--- PASS") {
		t.Fatalf("as nobody, the test did not run:\n%s", output)
	}
	t.Logf("ran as nobody:\n%s", output)
}
