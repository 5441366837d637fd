// Package out makes the generated dataset: it merges reviews into extracted
// claims, validates every record, renders JSONL (and the other formats), and
// writes or compares the files of out/. Generation returns bytes and writes
// nothing, so "build" writes exactly what "build --check" compares.
package out

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/cyberclaims/claims/schema"
)

// InvalidRecordError reports a generated record that breaks its schema.
// It is always a bug in the program or the rules, never the user's input.
type InvalidRecordError struct {
	Index int
	ID    string
	Err   error
}

func (e *InvalidRecordError) Error() string {
	return fmt.Sprintf("generated claim %d (%s) is invalid, refusing to write it: %v", e.Index+1, e.ID, e.Err)
}

// EncodeClaims validates each claim against claim.schema.json and renders
// one JSON object per line. It fails on the first invalid claim.
func EncodeClaims(claims []schema.Claim) ([]byte, error) {
	return encodeClaims(claims, nil)
}

// encodeClaims is EncodeClaims, skipping the check of claims marked known:
// validated before exactly as they are, so the same bytes again.
func encodeClaims(claims []schema.Claim, known []bool) ([]byte, error) {
	var b []byte
	for i := range claims {
		if i == 64 && len(claims) > 128 {
			// Size the buffer from the first claims, rather than copy a
			// hundred megabytes over and over as it doubles.
			b = slices.Grow(b, len(b)/64*(len(claims)-64)*21/20)
		}
		start := len(b)
		b = claims[i].AppendJSON(b)
		if i >= len(known) || !known[i] {
			if err := schema.ValidateJSON(schema.ClaimSchema, b[start:]); err != nil {
				return nil, &InvalidRecordError{Index: i, ID: claims[i].ID, Err: err}
			}
		}
		b = append(b, '\n')
	}
	return b, nil
}

// EncodeLines renders any records as JSONL without validation.
func EncodeLines[T any](recs []T) ([]byte, error) {
	var b bytes.Buffer
	for i := range recs {
		line, err := json.Marshal(&recs[i])
		if err != nil {
			return nil, err
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
