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
	type key struct{ id, at, reviewer, status, set string }
	seen := map[key]int{}
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if t := bytes.TrimSpace(line); len(t) > 0 {
			if rev, err := decodeReview(t, name, n); err != nil {
				errs = append(errs, err)
			} else {
				set, _ := json.Marshal(rev.Set)
				k := key{rev.ID, rev.At, rev.Reviewer, rev.Status, string(set)}
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
	rev.Line = n
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
// leaves the old file or the new one, never a torn line.
func AppendReviews(path string, recs []schema.ReviewRecord) error {
	var add bytes.Buffer
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := schema.ValidateJSON(schema.ReviewSchema, b); err != nil {
			return fmt.Errorf("review of %s: %w", r.ID, err)
		}
		add.Write(b)
		add.WriteByte('\n')
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
	if len(old) > 0 && old[len(old)-1] != '\n' {
		old = append(old, '\n')
	}
	return replaceFile(path, append(old, add.Bytes()...))
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
		err = os.Chmod(tmp, 0o644)
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
