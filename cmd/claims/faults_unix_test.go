//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cyberclaims/claims/corpus"
)

// claimsBinary builds the claims command (without -race, whatever the test
// binary was built with) into a temp dir: these tests need real processes.
func claimsBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "claims")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// briefsText is the bundled briefs as one line of prose: no line break.
func briefsText(t *testing.T) string {
	t.Helper()
	paths, _ := filepath.Glob("../../corpus/briefs/*.txt")
	var parts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, strings.Join(strings.Fields(string(b)), " "))
	}
	if len(parts) == 0 {
		t.Fatal("no briefs in ../../corpus/briefs")
	}
	return strings.Join(parts, " ")
}

// TestInterruptedExtract: Ctrl-C during a long extract stops it cleanly:
// exit 130, a message, and no -o file (nor its temporary file).
func TestInterruptedExtract(t *testing.T) {
	bin := claimsBinary(t)
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat(briefsText(t)+" ", 3)
	for i := 0; i < 300; i++ {
		if err := os.WriteFile(filepath.Join(docs, fmt.Sprintf("d%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outFile := filepath.Join(dir, "claims.jsonl")
	cmd := exec.Command(bin, "extract", "--workers", "2", "-o", outFile, docs)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Wait until extraction is under way: the temporary output file exists.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(dir, ".claims.jsonl.tmp-*")); len(m) > 0 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("extract ended (%v) before it could be interrupted; stderr: %s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("extract never started writing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("extract did not stop within 30 s of Ctrl-C")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d, want %d (the corpus may have finished first); stderr: %s", code, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "claims: interrupted; no file was written or changed") {
		t.Errorf("stderr: %q", stderr.String())
	}
	if _, err := os.Stat(outFile); !os.IsNotExist(err) {
		t.Errorf("-o file exists after Ctrl-C: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".claims.jsonl.tmp-*")); len(m) > 0 {
		t.Errorf("temporary output left behind: %v", m)
	}
	t.Logf("extract stopped %v after Ctrl-C", time.Since(sent).Round(time.Millisecond))

	// build, interrupted, leaves out/ as it was.
	outDir := filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outDir, "claims.jsonl"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "build", "--no-cache", "--workers", "2", "--corpus", docs, "--reviews", filepath.Join(dir, "reviews.jsonl"), "--out", outDir)
	stderr.Reset()
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // past loading the rules, well before 300 documents are done
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted || !strings.Contains(stderr.String(), "claims: interrupted") {
		t.Fatalf("build: exit %d, want %d; stderr: %s", code, exitInterrupted, stderr.String())
	}
	if got := snapshot(t, outDir); len(got) != 1 || got["claims.jsonl"] != "old\n" {
		t.Fatalf("out/ changed by an interrupted build: %v", got)
	}
}

// TestConcurrentReviewCommands: claims review processes run at once append
// to one reviews file; no decision is lost and every line reads back.
// (corpus.TestConcurrentAppendProcesses does 8 x 25 appends the same way.)
func TestConcurrentReviewCommands(t *testing.T) {
	const procs, each = 4, 4
	bin := claimsBinary(t)
	dir := smallProject(t)
	ids := claimIDs(t, dir)
	reviews := filepath.Join(dir, "corpus", "reviews.jsonl")
	var wg sync.WaitGroup
	errs := make(chan error, procs*each)
	for i := 0; i < procs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < each; j++ {
				cmd := exec.Command(bin, "review", "accept", ids[i*each+j], "--reviewer", fmt.Sprintf("p%d", i), "--corpus", filepath.Join(dir, "corpus"))
				if out, err := cmd.CombinedOutput(); err != nil {
					errs <- fmt.Errorf("reviewer p%d, append %d: %v\n%s", i, j, err, out)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	revs, err := corpus.ReadReviews(reviews)
	if err != nil {
		t.Fatalf("reviews do not read back: %v", err)
	}
	seen := map[string]bool{}
	for _, r := range revs {
		seen[r.ID] = true
	}
	if len(revs) != procs*each || len(seen) != procs*each {
		t.Fatalf("want %d decisions, got %d lines (%d distinct ids)", procs*each, len(revs), len(seen))
	}
}

// TestHundredMegabytesWithoutNewline: claims extract on a 100 MB file with
// no line break finishes in bounded time and memory. The extract package
// runs the same on 5 MB in every test run.
func TestHundredMegabytesWithoutNewline(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB takes one to two minutes; TestFiveMegabytesWithoutNewline (extract) covers the code in -short runs")
	}
	const size = 100 << 20
	// Alone on two cores it takes under two minutes; under go test -race ./...
	// the other packages share the cores. Quadratic code takes days.
	const maxTime, maxRSS = 8 * time.Minute, 6 << 30
	bin := claimsBinary(t)
	dir := t.TempDir()
	text := briefsText(t)
	var b strings.Builder
	b.Grow(size + len(text))
	for b.Len() < size {
		b.WriteString(text)
		b.WriteByte(' ')
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(b.String()[:size]), 0o644); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(dir, "claims.jsonl")
	cmd := exec.Command(bin, "extract", "--workers", "2", "-o", outFile, big)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(maxTime, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	timer.Stop()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("extract: %v after %v (limit %v); stderr: %s", err, took, maxTime, stderr.String())
	}
	rss := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
		rss = int64(ru.Maxrss) * 1024 // kilobytes on Linux (bytes on macOS)
	}
	if rss > maxRSS {
		t.Errorf("peak memory %d MB, limit %d MB", rss>>20, maxRSS>>20)
	}
	f, err := os.Open(outFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	n := 0
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			if line[len(line)-1] != '\n' || !json.Valid(line) {
				t.Fatalf("line %d is torn or not JSON", n+1)
			}
			n++
		}
		if err != nil {
			break
		}
	}
	if n == 0 {
		t.Fatal("no claims from 100 MB of briefs")
	}
	t.Logf("100 MB, no newline: %d claims in %v, peak memory %d MB", n, took.Round(time.Second), rss>>20)
}
