package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func run1(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"claims"}, args...), nil, &stdout, &stderr)
	return stdout.String() + stderr.String(), code
}

func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "v-*", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBuildCache: build fills the cache and makes the same files from it;
// corrupt entries are rebuilt; --check and --no-cache write no cache.
func TestBuildCache(t *testing.T) {
	tmp := t.TempDir()
	out, c := filepath.Join(tmp, "out"), filepath.Join(tmp, "cache")
	build := func(extra ...string) string {
		args := append([]string{"build", "--quiet", "--corpus", "../../corpus", "--out", out}, extra...)
		msg, code := run1(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, msg)
		}
		b, err := os.ReadFile(filepath.Join(out, "claims.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	first := build("--cache", c)
	entries := cacheEntries(t, c)
	if len(entries) == 0 {
		t.Fatal("the build left no cache entries")
	}
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("torn"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if again := build("--cache", c); again != first {
		t.Error("a build from corrupt entries differs")
	}
	for _, e := range cacheEntries(t, c) {
		if b, _ := os.ReadFile(e); string(b) == "torn" {
			t.Errorf("%s was not rebuilt", e)
		}
	}
	// A warm build reads every entry and rewrites none: all hits.
	stamps := map[string]int64{}
	for _, e := range cacheEntries(t, c) {
		st, _ := os.Stat(e)
		old := st.ModTime().Add(-time.Hour)
		os.Chtimes(e, old, old)
		stamps[e] = old.UnixNano()
	}
	if warm := build("--cache", c); warm != first {
		t.Error("a build from the cache differs")
	}
	for _, e := range cacheEntries(t, c) {
		if st, _ := os.Stat(e); st.ModTime().UnixNano() != stamps[e] {
			t.Errorf("%s was rewritten: a miss in a warm cache", e)
		}
	}
	for _, args := range [][]string{{"--check"}, {"--no-cache"}} {
		other := filepath.Join(tmp, "cache-"+args[0][2:])
		build(append(args, "--cache", other)...)
		if _, err := os.Stat(other); !os.IsNotExist(err) {
			t.Errorf("build %s made a cache: %v", args[0], err)
		}
	}
}
