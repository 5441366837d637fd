package out_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
)

func extractor(t testing.TB) *extract.Extractor {
	s, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func gen(t *testing.T, x *extract.Extractor, docs map[string]string, reviews []corpus.Review) *out.Dataset {
	t.Helper()
	var ds []corpus.Document
	for _, name := range []string{"a.txt", "b.txt"} {
		if text, ok := docs[name]; ok {
			ds = append(ds, corpus.Document{ID: name, Text: []byte(text)})
		}
	}
	d, err := out.Generate(context.Background(), x, ds, reviews, 2)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func review(id, status string, line int, set *schema.Corrections, text string) corpus.Review {
	return corpus.Review{ReviewRecord: schema.ReviewRecord{ID: id, Status: status, Set: set, Reviewer: "t", At: "2026-01-01T00:00:00Z", Text: text}, Line: line}
}

// TestReviewSurvivesRegeneration: unrelated edits to the corpus and the rules
// keep a review attached; a review whose claim vanished becomes an orphan
// that names the claim that likely replaced it.
func TestReviewSurvivesRegeneration(t *testing.T) {
	x := extractor(t)
	docs := map[string]string{"a.txt": "Peru supports capacity building. Chile rejects a new treaty."}
	first := gen(t, x, docs, nil)
	if len(first.Claims) != 2 {
		t.Fatalf("want 2 claims, got %d", len(first.Claims))
	}
	peru, chile := first.Claims[0], first.Claims[1]
	reviews := []corpus.Review{
		review(peru.ID, schema.StatusAccepted, 1, nil, peru.Text),
		review(chile.ID, schema.StatusAccepted, 2, nil, chile.Text),
	}

	// Unrelated edits: a new document, a new paragraph, re-wrapped lines.
	docs["a.txt"] = "A new opening paragraph.\n\nPeru supports capacity\nbuilding.  Chile rejects a new treaty."
	docs["b.txt"] = "Brazil supports norms."
	second := gen(t, x, docs, reviews)
	if second.Summary.Accepted != 2 || second.Summary.Orphans != 0 || len(second.Reviewed) != 2 {
		t.Fatalf("reviews lost after unrelated edits: %+v", second.Summary)
	}

	// The Chile sentence now says something else about the same treaty:
	// its claim changes id, so the review is an orphan, not a loss.
	docs["a.txt"] = "Peru supports capacity building. Chile rejects a new treaty."
	peruOnly := strings.Replace(docs["a.txt"], "Chile rejects a new treaty.", "Chile rejects a new treaty and favours norms.", 1)
	docs["a.txt"] = peruOnly
	third := gen(t, x, docs, reviews)
	if third.Summary.Orphans != 1 || third.Orphans[0].Review.ID != chile.ID || third.Orphans[0].Line != 2 {
		t.Fatalf("want the Chile review as an orphan: %+v", third.Orphans)
	}
	if third.Summary.Accepted != 1 {
		t.Fatalf("the Peru review must still apply: %+v", third.Summary)
	}

	// Same sentence, different claim (a rule now reads it differently): the
	// orphan names the claim that replaced it.
	replaced := []corpus.Review{review("c_00000000000000aa", schema.StatusAccepted, 3, nil, peru.Text)}
	fourth := gen(t, x, map[string]string{"a.txt": "Peru supports capacity building."}, replaced)
	if len(fourth.Orphans) != 1 || len(fourth.Orphans[0].LikelyReplacedBy) != 1 || fourth.Orphans[0].LikelyReplacedBy[0] != peru.ID {
		t.Fatalf("orphan should name %s: %+v", peru.ID, fourth.Orphans)
	}
}

func TestCorrectionsApplyAndLaterLinesWin(t *testing.T) {
	x := extractor(t)
	docs := map[string]string{"a.txt": "Peru supports capacity building."}
	c := gen(t, x, docs, nil).Claims[0]
	topic, code := "confidence-building", "CHL"
	reviews := []corpus.Review{
		review(c.ID, schema.StatusRejected, 1, nil, ""),
		review(c.ID, schema.StatusCorrected, 2, &schema.Corrections{Topic: &topic, CountryCode: &code}, ""),
	}
	d := gen(t, x, docs, reviews)
	if d.Summary.Corrected != 1 || d.Summary.Rejected != 0 || len(d.Reviewed) != 1 {
		t.Fatalf("%+v", d.Summary)
	}
	r := d.Reviewed[0]
	if r.ID != c.ID || r.Topic != topic || r.CountryCode != "CHL" || r.Country != "Chile" || r.Review.Status != schema.StatusCorrected {
		t.Fatalf("correction not applied: %+v", r)
	}
	if d.Claims[0].Topic != "capacity-building" {
		t.Fatal("claims.jsonl must keep the extracted fields")
	}
	bad := "XXQ"
	_, err := out.Assemble(d.Claims, []corpus.Review{review(c.ID, schema.StatusCorrected, 7, &schema.Corrections{CountryCode: &bad}, "")}, x.Rules(), 1)
	if err == nil || !strings.Contains(err.Error(), "reviews line 7") {
		t.Fatalf("invalid correction must fail naming its line: %v", err)
	}
}

func TestFilesAreDeterministicAndValid(t *testing.T) {
	x := extractor(t)
	docs := map[string]string{"a.txt": "Peru supports capacity building.", "b.txt": "Peru supports capacity building. It rejects a new treaty."}
	a, err := gen(t, x, docs, nil).Files()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := gen(t, x, docs, nil).Files()
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between runs", name)
		}
	}
	claims, err := out.DecodeClaims(bytes.NewReader(a[out.ClaimsFile]), "claims")
	if err != nil || len(claims) != 2 || len(claims[0].Sources) != 2 {
		t.Fatalf("claims %v %v", claims, err)
	}
}

func TestCompareReportsStaleFilesWithBoundedDiff(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"x.jsonl": []byte("1\n2\n3\n"), "y.jsonl": []byte("same\n")}
	if err := out.WriteSet(dir, files); err != nil {
		t.Fatal(err)
	}
	if s, err := out.Compare(dir, files, 10); err != nil || len(s) != 0 {
		t.Fatalf("fresh set reported stale: %v %v", s, err)
	}
	var long bytes.Buffer
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&long, "%d\n", i)
	}
	files["x.jsonl"] = long.Bytes()
	s, err := out.Compare(dir, files, 5)
	if err != nil || len(s) != 1 || !strings.Contains(s[0].Diff, "-2\n") || !strings.Contains(s[0].Diff, "more lines of diff") {
		t.Fatalf("stale: %+v %v", s, err)
	}
}

// TestKilledWriteLeavesOldOrNew kills a process in the middle of WriteSet,
// again and again, and checks the directory holds the old set or the new
// one (after recovery), never a mix.
func TestKilledWriteLeavesOldOrNew(t *testing.T) {
	if os.Getenv("OUT_CHILD_DIR") != "" {
		child(os.Getenv("OUT_CHILD_DIR"))
		return
	}
	if testing.Short() {
		t.Skip("kills subprocesses; skipped with -short")
	}
	dir := t.TempDir()
	old := payload("old")
	if err := out.WriteSet(dir, old); err != nil {
		t.Fatal(err)
	}
	sawNew, sawOld := 0, 0
	for i := 0; i < 12; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriteLeavesOldOrNew$")
		cmd.Env = append(os.Environ(), "OUT_CHILD_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+i*7) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if err := out.Recover(dir); err != nil {
			t.Fatal(err)
		}
		kind := ""
		for name := range old {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			k := string(b[:3])
			if kind != "" && k != kind {
				t.Fatalf("after kill %d: a mix of old and new files", i)
			}
			kind = k
		}
		if kind == "new" {
			sawNew++
			if err := out.WriteSet(dir, old); err != nil {
				t.Fatal(err)
			}
		} else {
			sawOld++
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "*.new")); len(m) > 0 {
			t.Fatalf("leftovers after recovery: %v", m)
		}
	}
	t.Logf("killed 12 writes: %d left the old set, %d the new", sawOld, sawNew)
}

func payload(tag string) map[string][]byte {
	files := map[string][]byte{}
	for _, n := range []string{"a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"} {
		files[n] = append([]byte(tag), bytes.Repeat([]byte("x"), 4<<20)...)
	}
	return files
}

func child(dir string) {
	for {
		if err := out.WriteSet(dir, payload("new")); err != nil {
			os.Exit(3)
		}
	}
}

// TestInvalidGeneratedRecordIsRefused: a claim that breaks the schema is a
// bug; encoding fails naming it rather than writing or dropping it.
func TestInvalidGeneratedRecordIsRefused(t *testing.T) {
	x := extractor(t)
	d := gen(t, x, map[string]string{"a.txt": "Peru supports capacity building. Chile rejects a new treaty."}, nil)
	claims := append([]schema.Claim(nil), d.Claims...)
	claims[1].Topic = "weather"
	data, err := out.EncodeClaims(claims)
	var bad *out.InvalidRecordError
	if err == nil || data != nil || !errors.As(err, &bad) || bad.Index != 1 || bad.ID != claims[1].ID || !strings.Contains(err.Error(), "/topic") {
		t.Fatalf("want an InvalidRecordError for claim 2 naming /topic, got %v (data %d bytes)", err, len(data))
	}
}
