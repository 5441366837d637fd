package out

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// journal names the file that records a set of renames in progress. Its
// presence means "these new files are complete: finish renaming them".
const journal = ".commit"

const newSuffix = ".new"

// WriteSet replaces the files of dir as one unit. Every new file is written
// and synced under a temporary name, then a journal listing them is put in
// place atomically, then the renames happen. If the process dies before the
// journal exists, the old files are untouched and the next run deletes the
// leftovers; if it dies after, the next run (Recover) finishes the renames.
// Either way dir never keeps a mix of old and new files.
func WriteSet(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := Recover(dir); err != nil {
		return err
	}
	names := sortedNames(files)
	for _, name := range names {
		if err := writeSynced(filepath.Join(dir, name+newSuffix), files[name]); err != nil {
			cleanup(dir, names)
			return err
		}
	}
	if err := WriteFileAtomic(filepath.Join(dir, journal), []byte(strings.Join(names, "\n")+"\n")); err != nil {
		cleanup(dir, names)
		return err
	}
	return Recover(dir)
}

// Recover finishes a WriteSet that was interrupted after its journal was
// written, and removes the leftovers of one interrupted before.
func Recover(dir string) error {
	j, err := os.ReadFile(filepath.Join(dir, journal))
	if errors.Is(err, os.ErrNotExist) {
		return removeStray(dir)
	}
	if err != nil {
		return err
	}
	for _, name := range strings.Fields(string(j)) {
		if strings.Contains(name, "/") || strings.HasPrefix(name, ".") {
			return fmt.Errorf("%s: bad name %q in journal", filepath.Join(dir, journal), name)
		}
		err := os.Rename(filepath.Join(dir, name+newSuffix), filepath.Join(dir, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, journal)); err != nil {
		return err
	}
	return syncDir(dir)
}

// removeStray deletes *.new files left by a write that never reached its journal.
func removeStray(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), newSuffix) && !e.IsDir() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

func cleanup(dir string, names []string) {
	for _, n := range names {
		os.Remove(filepath.Join(dir, n+newSuffix))
	}
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Stale describes one file of dir that differs from what a build makes.
type Stale struct {
	Name string
	// Diff is a unified diff, cut to a bounded length.
	Diff string
}

// Compare reports the files of dir that differ from files. It writes nothing.
func Compare(dir string, files map[string][]byte, maxLines int) ([]Stale, error) {
	var out []Stale
	for _, name := range sortedNames(files) {
		path := filepath.Join(dir, name)
		old, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if bytes.Equal(old, files[name]) {
			continue
		}
		out = append(out, Stale{Name: path, Diff: UnifiedDiff(path, old, files[name], maxLines)})
	}
	return out, nil
}

// UnifiedDiff renders the change from a to b as one unified-diff hunk around
// the changed middle (common leading and trailing lines are left out), cut
// after maxLines lines.
func UnifiedDiff(name string, a, b []byte, maxLines int) string {
	al, bl := lines(a), lines(b)
	pre := 0
	for pre < len(al) && pre < len(bl) && al[pre] == bl[pre] {
		pre++
	}
	suf := 0
	for suf < len(al)-pre && suf < len(bl)-pre && al[len(al)-1-suf] == bl[len(bl)-1-suf] {
		suf++
	}
	const ctx = 2
	start := max(pre-ctx, 0)
	aEnd, bEnd := min(len(al)-suf+ctx, len(al)), min(len(bl)-suf+ctx, len(bl))
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s (on disk)\n+++ %s (generated)\n@@ -%d,%d +%d,%d @@\n", name, name, start+1, aEnd-start, start+1, bEnd-start)
	var body []string
	for i := start; i < pre; i++ {
		body = append(body, " "+al[i])
	}
	for i := pre; i < len(al)-suf; i++ {
		body = append(body, "-"+al[i])
	}
	for i := pre; i < len(bl)-suf; i++ {
		body = append(body, "+"+bl[i])
	}
	for i := len(al) - suf; i < aEnd; i++ {
		body = append(body, " "+al[i])
	}
	for i, l := range body {
		if i == maxLines {
			fmt.Fprintf(&sb, "... %d more lines of diff\n", len(body)-maxLines)
			break
		}
		if len(l) > 300 {
			l = l[:300] + "…"
		}
		sb.WriteString(l + "\n")
	}
	return sb.String()
}

func lines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
