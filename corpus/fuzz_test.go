package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/schema"
)

// FuzzDecodeReviews: any bytes give reviews or errors, never a panic; every
// review accepted is valid against review.schema.json; every error names
// the file and a line.
func FuzzDecodeReviews(f *testing.F) {
	ok := `{"id":"c_4cc3f58db7716351","status":"accepted","reviewer":"ana","at":"2026-01-02T10:00:00Z"}`
	for _, s := range []string{
		ok + "\n",
		ok + "\r\n" + ok + "\n",
		`{"id":"c_9d3eeb27b64b1333","status":"corrected","set":{"stance":"supports","resolutions":["A/RES/73/27"]},"reviewer":"b","at":"2026-01-02T10:00:00+01:00","note":"n","doc":"a.txt","text":"T."}`,
		`{"id":"c_9d3eeb27b64b1333","status":"corrected","set":{"stance":"maybe"},"reviewer":"b","at":"2026-01-02T10:00:00Z"}`,
		`{"id":"c_9d3eeb27b64b1333","status":"approved","reviewer":"b","at":"2026-01-02T10:00:00Z"}`,
		`{"id":"c_9d3eeb27b64b1333","status":"accepted","set":{},"reviewer":"b","at":"yesterday"}`,
		`{"id":"x","status":"accepted","reviewer":"","at":"2026-01-02T10:00:00Z","extra":1}`,
		`{"id":"c_4cc3f58db7716351","id":"c_4cc3f58db7716352","status":"accepted","reviewer":"ana","at":"2026-01-02T10:00:00Z"}`,
		`{"ID":"c_4cc3f58db7716351","status":"accepted","reviewer":"ana","at":"2026-01-02T10:00:00Z"}`,
		"not json\n\n   \n[1,2]\nnull\n\"s\"\n{\n",
		"\xff\xfe{}", "\x00", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		revs, err := DecodeReviews(bytes.NewReader(data), "r.jsonl")
		if err != nil {
			var es ReviewErrors
			if !errors.As(err, &es) {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				es = ReviewErrors{e}
			}
			for _, e := range es {
				if msg := e.Error(); !strings.HasPrefix(msg, "r.jsonl:") {
					t.Fatalf("error does not name the file and line: %q", msg)
				}
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, r := range revs {
			b, err := json.Marshal(r.ReviewRecord)
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.ValidateJSON(schema.ReviewSchema, b); err != nil {
				t.Fatalf("line %d accepted, but as read it is invalid: %v\n%s", r.Line, err, b)
			}
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("line %d outside 1..%d", r.Line, lines)
			}
		}
	})
}
