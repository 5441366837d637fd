package out

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
)

// TestSpilledIsHeld: records spilled to partition files give the output
// records held in memory give, duplicates and all.
func TestSpilledIsHeld(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	shared := "Peru supports capacity building. Chile rejects a new treaty. "
	for i, text := range []string{shared + "Kenya backs the OEWG.", "Brazil supports norms. " + shared, shared + shared} {
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := corpus.List([]string{dir, "../corpus/briefs"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	write := func() []byte {
		var b bytes.Buffer
		if err := WriteClaims(context.Background(), &b, x, entries, Options{Workers: 2, TempDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	held := write()
	defer func(n int) { spillAt = n }(spillAt)
	spillAt = 7
	spilled := write()
	if !bytes.Equal(held, spilled) || len(held) == 0 {
		t.Fatalf("spilled output differs (%d bytes, held %d)", len(spilled), len(held))
	}
	if !bytes.Contains(held, []byte(`"doc":"b.txt"`)) || bytes.Count(held, []byte(`"text":"Peru supports capacity building."`)) != 1 {
		t.Fatal("the shared sentence is not one claim")
	}
}
