package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession runs the built claims binary in a detached tmux pane of its own
// tmux server (socket in a temp dir), so keys go through a real pseudo-
// terminal: raw mode, single keys, escape sequences and the screen are the
// ones a reviewer sees. tmux send-keys and capture-pane need no Go dependency.
type tmuxSession struct {
	t    *testing.T
	sock string
}

// needTmux skips the test when tmux is missing on a developer machine, and
// fails it in CI, where .ci/run installs tmux.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed, so the real-terminal test of 'claims review -i' cannot run; .ci/run should install it (apt-get install tmux)")
		}
		t.Skip("tmux is not installed: skipping the real-terminal test of 'claims review -i' (apt-get install tmux to run it)")
	}
}

// buildClaims builds the claims binary into a temp dir.
func buildClaims(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "claims")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, dir, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	// The pane's shell runs the command, then reports its exit code and
	// stays, so the final screen can be read.
	s.tmux("new-session", "-d", "-x", "120", "-y", "60", "-c", dir, "env -u NO_COLOR "+command+"; echo EXIT=$?; sleep 600")
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", s.sock}, args...)...)
	cmd.Env = append(os.Environ(), "SHELL=/bin/sh")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// screen is the pane's text; with escapes, its SGR styles too.
func (s *tmuxSession) screen(escapes bool) string {
	if escapes {
		return s.tmux("capture-pane", "-p", "-e")
	}
	return s.tmux("capture-pane", "-p")
}

// keys types keys: tmux key names such as Enter, Up or C-c.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys"}, keys...)...)
}

// text types literal text.
func (s *tmuxSession) text(text string) { s.t.Helper(); s.tmux("send-keys", "-l", text) }

// waitFor waits until the screen shows want and returns the screen.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		sc := s.screen(false)
		if strings.Contains(sc, want) {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q; it shows:\n%s", want, sc)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestInteractiveTerminal(t *testing.T) {
	needTmux(t)
	bin := buildClaims(t)
	dir := writeFixture(t)
	path := filepath.Join(dir, "corpus", "reviews.jsonl")
	s := startTmux(t, dir, bin+" review -i --reviewer tester --doc ghana")

	sc := s.waitFor("claim 1 of 2, 0 accepted, 0 rejected, 0 corrected, 0 skipped this session")
	for _, w := range []string{
		"actor     Ghana (GHA, state)",
		"topic     capacity-building",
		"source    briefs/ghana.txt line 3 (sentence 2)",
		"  Source: a test brief on Ghana, written for the interactive review tests\n> " + ghanaCapacity + "\n  " + ghanaConfidence + "\n",
		keysLine,
	} {
		if !strings.Contains(sc, w) {
			t.Errorf("first screen lacks %q:\n%s", w, sc)
		}
	}
	if esc := s.screen(true); !strings.Contains(esc, "\x1b[1mGhana") {
		t.Errorf("the country is not bold on a terminal:\n%q", esc)
	}

	s.keys("a")
	s.waitFor("claim 2 of 2, 1 accepted")
	if lines := reviewLines(t, path); lines != nil {
		t.Fatalf("the accept was written before the next decision: %q", lines)
	}
	s.keys("c")
	s.waitFor("correct as field=value")
	// Arrow keys are escape sequences, not text: Up must not type "[A".
	s.text("stance=maybx")
	s.keys("Up", "BSpace", "e", "Enter")
	s.waitFor(`"stance=maybe": stance "maybe" is not one of supports, opposes, neutral`)
	s.text("stance=opposes")
	s.keys("Enter")
	s.waitFor("No more claims: all 2 have been seen")
	s.waitFor("held: corrected")
	lines := reviewLines(t, path)
	if len(lines) != 1 || !strings.Contains(lines[0], `"status":"accepted"`) || !strings.Contains(lines[0], ghanaCapacity) {
		t.Fatalf("after the correction, reviews.jsonl should hold the accept only:\n%q", lines)
	}

	s.keys("Down", "u")
	sc = s.waitFor("undone: corrected")
	if !strings.Contains(sc, "claim 2 of 2, 1 accepted, 0 rejected, 0 corrected") || strings.Contains(sc, "unknown key") {
		t.Fatalf("after undo:\n%s", sc)
	}
	s.keys("r")
	s.waitFor("claim 2 of 2, 1 accepted, 1 rejected")
	s.keys("q")
	sc = s.waitFor("EXIT=0")
	if !strings.Contains(sc, "2 decision(s) recorded in corpus/reviews.jsonl (1 accepted, 1 rejected, 0 corrected; 0 skipped)") {
		t.Errorf("summary missing:\n%s", sc)
	}
	if strings.Contains(sc, "claim 2 of 2") {
		t.Errorf("the review screen was left behind (alternate screen not restored):\n%s", sc)
	}
	lines = reviewLines(t, path)
	if len(lines) != 2 || !strings.Contains(lines[1], `"status":"rejected"`) || !strings.Contains(lines[1], ghanaConfidence) || !strings.Contains(lines[1], `"reviewer":"tester"`) {
		t.Fatalf("reviews.jsonl:\n%s", strings.Join(lines, "\n"))
	}
}

// TestInteractiveTerminalCtrlC: Ctrl-C ends the session with exit code 130
// and still writes the held decision.
func TestInteractiveTerminalCtrlC(t *testing.T) {
	needTmux(t)
	bin := buildClaims(t)
	dir := writeFixture(t)
	path := filepath.Join(dir, "corpus", "reviews.jsonl")
	s := startTmux(t, dir, bin+" review -i --reviewer tester --doc norway")
	s.waitFor("claim 1 of 3,")
	s.keys("s", "a")
	s.waitFor("claim 3 of 3, 1 accepted, 0 rejected, 0 corrected, 1 skipped")
	s.keys("C-c")
	sc := s.waitFor("EXIT=130")
	if !strings.Contains(sc, "1 decision(s) recorded") || !strings.Contains(sc, "interrupted; the decisions above were written") {
		t.Errorf("after Ctrl-C:\n%s", sc)
	}
	lines := reviewLines(t, path)
	if len(lines) != 1 || !strings.Contains(lines[0], `"status":"accepted"`) || !strings.Contains(lines[0], "Norway affirms that international law applies in cyberspace.") {
		t.Fatalf("reviews.jsonl:\n%s", strings.Join(lines, "\n"))
	}
}
