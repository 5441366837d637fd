package out

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/cyberclaims/claims/schema"
)

// ReadClaims reads a claims JSONL file such as out/claims.jsonl; errors name the line.
func ReadClaims(path string) ([]schema.Claim, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return DecodeClaims(f, path)
}

// DecodeClaims reads claims JSONL from r; lines of any length are accepted.
func DecodeClaims(r io.Reader, name string) ([]schema.Claim, error) {
	var out []schema.Claim
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if t := bytes.TrimSpace(line); len(t) > 0 {
			var c schema.Claim
			dec := json.NewDecoder(bytes.NewReader(t))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, n, err)
			}
			out = append(out, c)
		}
		if rerr == io.EOF {
			return out, nil
		}
		if rerr != nil {
			return nil, fmt.Errorf("%s: %v", name, rerr)
		}
	}
}
