package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cyberclaims/claims/schema"
)

// Review is one line of reviews.jsonl with where it stands.
type Review struct {
	schema.ReviewRecord
	// Line is the 1-based line in the reviews file.
	Line int
	// Path names the reviews file, for messages.
	Path string
}

// ReviewErrors lists every problem found in a reviews file.
type ReviewErrors []error

func (es ReviewErrors) Error() string {
	return errors.Join(es...).Error()
}

// ReadReviews reads a reviews file. A missing file means no reviews yet.
// Every malformed or invalid line is reported, with its line number; none
// is skipped, so nothing is lost silently.
func ReadReviews(path string) ([]Review, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return DecodeReviews(f, path)
}

// DecodeReviews parses reviews JSONL from r.
func DecodeReviews(r io.Reader, name string) ([]Review, error) {
	var out []Review
	var errs ReviewErrors
	br := bufio.NewReaderSize(r, 1<<16)
	seen := map[string]int{}
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if t := bytes.TrimSpace(line); len(t) > 0 {
			if rev, err := decodeReview(t, name, n); err != nil {
				errs = append(errs, err)
			} else {
				k := decisionKey(rev.ReviewRecord)
				if first, dup := seen[k]; dup {
					errs = append(errs, &Error{Path: name, Line: n, Offset: -1, Msg: fmt.Sprintf("duplicate decision: the same review of %s as line %d; delete one of them", rev.ID, first)})
				} else {
					seen[k] = n
					out = append(out, rev)
				}
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil, &Error{Path: name, Offset: -1, Msg: rerr.Error()}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// decisionKey identifies a decision: two lines with the same key say exactly
// the same thing, whatever their key order or spacing.
func decisionKey(r schema.ReviewRecord) string {
	b, _ := json.Marshal(r)
	return string(b)
}

func decodeReview(line []byte, name string, n int) (Review, error) {
	if err := schema.ValidateJSON(schema.ReviewSchema, line); err != nil {
		var se *schema.Error
		if errors.As(err, &se) {
			return Review{}, &Error{Path: name, Line: n, Offset: -1, Msg: "invalid review: " + se.Violations[0].String() + more(len(se.Violations))}
		}
		return Review{}, &Error{Path: name, Line: n, Offset: -1, Msg: "not JSON: " + err.Error()}
	}
	var rev Review
	if err := json.Unmarshal(line, &rev.ReviewRecord); err != nil {
		return Review{}, &Error{Path: name, Line: n, Offset: -1, Msg: err.Error()}
	}
	rev.Line, rev.Path = n, name
	return rev, nil
}

func more(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (and %d more problems)", n-1)
}

// AppendReviews adds decisions to the reviews file. It holds an exclusive
// lock for the whole read-append-replace, so concurrent reviewers lose no
// line, and it replaces the file through a synced temporary file, so a crash
// leaves the old file or the new one, never a torn line. A decision
// identical to one already in the file (the same command run twice within a
// second) is not written again: reading would refuse the duplicate.
func AppendReviews(path string, recs []schema.ReviewRecord) error {
	lines := make([][]byte, len(recs))
	for i, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := schema.ValidateJSON(schema.ReviewSchema, b); err != nil {
			return fmt.Errorf("review of %s: %w", r.ID, err)
		}
		lines[i] = b
	}
	unlock, err := lockFile(path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	seen := map[string]bool{}
	for _, l := range bytes.Split(old, []byte("\n")) {
		var r schema.ReviewRecord
		// Lines that do not parse are the reader's to report, not ours.
		if json.Unmarshal(l, &r) == nil {
			seen[decisionKey(r)] = true
		}
	}
	var add []byte
	for i, r := range recs {
		if k := decisionKey(r); !seen[k] {
			seen[k] = true
			add = append(append(add, lines[i]...), '\n')
		}
	}
	if len(add) == 0 {
		return nil
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		old = append(old, '\n')
	}
	return replaceFile(path, append(old, add...))
}

// replaceFile writes data to path through a synced temporary file and a rename.
func replaceFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// Keep the file's own permissions; a new file gets the usual ones.
		mode := os.FileMode(0o644)
		if st, serr := os.Stat(path); serr == nil {
			mode = st.Mode().Perm()
		}
		err = os.Chmod(tmp, mode)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
