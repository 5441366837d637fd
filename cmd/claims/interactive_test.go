package main

import (
	"bytes"
	"context"
	"os"
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

// Two small briefs written for these tests. Extraction gives five claims:
// Ghana capacity-building and confidence-building, then Norway
// voluntary-norms, international-law and binding-instrument ("It rejects").
var fixtureBriefs = map[string]string{
	"ghana.txt": "Source: a test brief on Ghana, written for the interactive review tests\n\n" +
		"Ghana welcomes capacity building that narrows the digital divide.\n" +
		"Ghana supports the confidence-building measures in resolution 73/27.\n",
	"norway.txt": "Source: a short note on Norway's positions in the open-ended working group, paraphrased for these tests\n\n" +
		"Norway supports the voluntary norms of responsible state behaviour. Norway affirms that international law applies in cyberspace. It rejects a new legally binding treaty as premature.\n",
}

const (
	ghanaCapacity   = "Ghana welcomes capacity building that narrows the digital divide."
	ghanaConfidence = "Ghana supports the confidence-building measures in resolution 73/27."
)

var testTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// writeFixture makes a project folder with corpus/briefs/*.txt and returns it.
// Reviews go to its corpus/reviews.jsonl, never the repository's.
func writeFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	briefs := filepath.Join(dir, "corpus", "briefs")
	if err := os.MkdirAll(briefs, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range fixtureBriefs {
		if err := os.WriteFile(filepath.Join(briefs, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fixtureSession is a session over the fixture's claims, recording into
// dir/corpus/reviews.jsonl at testTime.
func fixtureSession(t *testing.T) (*session, string) {
	t.Helper()
	dir := writeFixture(t)
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpus.Read([]string{filepath.Join(dir, "corpus")}, nil, corpus.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := out.Generate(context.Background(), x, docs, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Claims) != 5 || d.Claims[0].Text != ghanaCapacity || d.Claims[1].Text != ghanaConfidence {
		t.Fatalf("fixture: want 5 claims starting with the two Ghana sentences, got %d: %+v", len(d.Claims), d.Claims)
	}
	seg, err := segmenterFor(set)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "corpus", "reviews.jsonl")
	s := newSession(contextItems(d.Claims, docs, seg), recorder{path: path, who: "tester", set: set})
	s.now = func() time.Time { return testTime }
	return s, path
}

// reviewLines returns the lines of a reviews file ("" lines for none).
func reviewLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("%s ends in a torn line: %q", path, b)
	}
	if _, err := corpus.ReadReviews(path); err != nil {
		t.Fatalf("%s does not read back: %v", path, err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func wantLines(t *testing.T, path string, want ...string) {
	t.Helper()
	got := reviewLines(t, path)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\n got: %q\nwant: %q", filepath.Base(path), got, want)
	}
}

// TestSessionDecisions walks the state machine through every key and checks
// exactly what reviews.jsonl holds after each step.
func TestSessionDecisions(t *testing.T) {
	s, path := fixtureSession(t)
	id0, id1 := s.items[0].claim.ID, s.items[1].claim.ID
	accepted0 := `{"id":"` + id0 + `","status":"accepted","reviewer":"tester","at":"2026-01-02T03:04:05Z","doc":"briefs/ghana.txt","text":"` + ghanaCapacity + `"}`
	rejected1 := `{"id":"` + id1 + `","status":"rejected","reviewer":"tester","at":"2026-01-02T03:04:05Z","doc":"briefs/ghana.txt","text":"` + ghanaConfidence + `"}`

	press := func(k rune) {
		t.Helper()
		if s.press(k) {
			t.Fatalf("key %q quit", k)
		}
	}
	at := func(pos int) {
		t.Helper()
		if s.pos != pos {
			t.Fatalf("on claim %d, want %d (msg %q)", s.pos, pos, s.msg)
		}
	}

	press('a')
	at(1)
	wantLines(t, path) // held, not yet written

	press('c')
	if s.mode != modeCorrect {
		t.Fatal("c did not open the correction prompt")
	}
	s.submit("stance=maybe")
	if s.mode != modeCorrect || !strings.Contains(s.msg, `stance "maybe" is not one of supports, opposes, neutral`) {
		t.Fatalf("invalid stance: mode %d, msg %q; want the prompt again with the error", s.mode, s.msg)
	}
	s.submit("country_code=XXX")
	if s.mode != modeCorrect || !strings.Contains(s.msg, `country_code "XXX" is not an actor`) {
		t.Fatalf("invalid country: mode %d, msg %q", s.mode, s.msg)
	}
	at(1)
	wantLines(t, path)
	s.submit("stance=opposes")
	at(2)
	if s.msg != "" || s.mode != modeKeys {
		t.Fatalf("after a valid correction: mode %d, msg %q; want keys and no stale error", s.mode, s.msg)
	}
	wantLines(t, path, accepted0) // the accept is written once the next decision is made

	press('s')
	at(3)
	press('u') // discards the held correction, back to its claim
	at(1)
	if s.held != nil || s.counts[schema.StatusCorrected] != 0 || !strings.Contains(s.msg, "undone: corrected "+id1) {
		t.Fatalf("after undo: held %v, counts %v, msg %q", s.held, s.counts, s.msg)
	}
	press('u')
	if !strings.Contains(s.msg, "nothing to undo") {
		t.Fatalf("second undo: msg %q", s.msg)
	}
	wantLines(t, path, accepted0)

	press('r')
	at(2)
	press('x')
	if !strings.Contains(s.msg, `unknown key 'x'`) {
		t.Fatalf("unknown key: msg %q", s.msg)
	}
	if !s.press('q') {
		t.Fatal("q did not quit")
	}
	summary, err := s.finish()
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, path, accepted0, rejected1)
	if want := "2 decision(s) recorded in " + path + " (1 accepted, 1 rejected, 0 corrected; 1 skipped); run 'claims build' to update out/\n"; summary != want {
		t.Errorf("summary %q, want %q", summary, want)
	}
}

// TestSessionCorrectionWritten checks the corrected line, with its set, and
// that quitting writes the held decision.
func TestSessionCorrectionWritten(t *testing.T) {
	s, path := fixtureSession(t)
	id0 := s.items[0].claim.ID
	s.press('c')
	s.submit("  stance=opposes   topic=capacity-building ")
	if s.pos != 1 {
		t.Fatalf("correction not taken: %q", s.msg)
	}
	wantLines(t, path)
	if _, err := s.finish(); err != nil {
		t.Fatal(err)
	}
	wantLines(t, path, `{"id":"`+id0+`","status":"corrected","set":{"topic":"capacity-building","stance":"opposes"},"reviewer":"tester","at":"2026-01-02T03:04:05Z","doc":"briefs/ghana.txt","text":"`+ghanaCapacity+`"}`)
}

// TestSessionSameLineAsCLI checks that review -i and 'claims review accept'
// write byte-identical lines.
func TestSessionSameLineAsCLI(t *testing.T) {
	s, path := fixtureSession(t)
	s.press('a')
	s.finish()
	interactive := reviewLines(t, path)

	dir := filepath.Dir(filepath.Dir(path))
	cliPath := filepath.Join(dir, "cli-reviews.jsonl")
	old := now
	now = func() time.Time { return testTime }
	defer func() { now = old }()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"claims", "review", "accept", s.items[0].claim.ID, "--reviewer", "tester", "--corpus", filepath.Join(dir, "corpus"), "--reviews", cliPath}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("review accept: exit %d: %s", code, stderr.String())
	}
	wantLines(t, cliPath, interactive...)
}

// TestSessionWriteFailureLosesNothing: when reviews.jsonl cannot be written,
// the decision stays held and, at the end, is printed for the reviewer.
func TestSessionWriteFailureLosesNothing(t *testing.T) {
	s, _ := fixtureSession(t)
	s.rec.path = filepath.Join(t.TempDir(), "missing", "reviews.jsonl")
	s.press('a')
	s.press('r')
	if s.pos != 1 || s.held == nil || s.held.rec.Status != schema.StatusAccepted || !strings.Contains(s.msg, "still held") {
		t.Fatalf("after a failed write: pos %d, held %+v, msg %q", s.pos, s.held, s.msg)
	}
	_, err := s.finish()
	if err == nil || !strings.Contains(err.Error(), `"id":"`+s.items[0].claim.ID+`","status":"accepted"`) {
		t.Fatalf("finish: %v; want the unwritten line in the error", err)
	}
}

func TestSplitAssignments(t *testing.T) {
	got := splitAssignments("stance=opposes resolutions=A/RES/73/27, A/RES/74/29 topic=ihl")
	want := []string{"stance=opposes", "resolutions=A/RES/73/27, A/RES/74/29", "topic=ihl"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// handSession is a session over one hand-made claim, for exact screens.
func handSession() *session {
	doc := "Title line\n\nFirst sentence here. Estonia firmly backs the  voluntary\nnorms. Last one."
	at := func(s string) int { return strings.Index(doc, s) }
	cur := span{at("Estonia"), at(" Last")}
	c := schema.Claim{
		ID: "c_0123456789abcdef", Country: "Estonia", CountryCode: "EST", ActorType: "state",
		Topic: "voluntary-norms", Stance: "supports", Resolutions: []string{"A/RES/73/27"},
		Text:    "Estonia firmly backs the voluntary norms.",
		Sources: []schema.Source{{Doc: "briefs/x.txt", Start: cur.start, End: cur.end, Line: 3}},
		Evidence: schema.Evidence{
			Sentence: 2,
			Country:  schema.Because{Rule: "actor.EST", Spans: []schema.Span{{Start: at("Estonia"), End: at("Estonia") + 7, Text: "Estonia"}}},
			Topic:    schema.Because{Rule: "topic.voluntary-norms", Spans: []schema.Span{{Start: at("voluntary"), End: at("norms.") + 5, Text: "voluntary\nnorms"}}},
			Stance:   schema.Because{Rule: "stance.supports", Spans: []schema.Span{{Start: at("firmly"), End: at(" the"), Text: "firmly backs"}}},
		},
		Review: schema.Review{Status: schema.StatusPending},
	}
	it := reviewItem{claim: c, doc: doc, prev: span{at("First"), at(" Estonia")}, cur: cur, next: span{at("Last"), len(doc)}}
	s := newSession([]reviewItem{it, it}, recorder{path: "corpus/reviews.jsonl"})
	s.counts[schema.StatusAccepted] = 1
	s.skipped[7] = true
	s.held = &decision{pos: 0, rec: schema.ReviewRecord{ID: "c_fedcba9876543210", Status: schema.StatusCorrected, Set: &schema.Corrections{Stance: &schema.Stances[1]}}}
	return s
}

func TestRenderScreen(t *testing.T) {
	s := handSession()
	want := `claim 1 of 2, 1 accepted, 0 rejected, 0 corrected, 1 skipped this session

actor     Estonia (EST, state)
topic     voluntary-norms
stance    supports
cites     resolutions: A/RES/73/27; documents: none
source    briefs/x.txt line 3 (sentence 2)
claim     c_0123456789abcdef, now pending

  First sentence here.
> [Estonia] [firmly backs] the [voluntary norms].
  Last one.
  ([brackets] mark the evidence below)

country   actor.EST "Estonia"
topic     topic.voluntary-norms "voluntary\nnorms"
stance    stance.supports "firmly backs"

held: corrected c_fedcba9876543210 (stance=opposes), written at your next decision or q; u undoes it
` + keysLine + "\n"
	got := render(s)
	if got != want {
		t.Errorf("screen:\n%s\nwant:\n%s", got, want)
	}
	if again := render(s); again != got {
		t.Error("render is not a pure function of the state: a second call differs")
	}

	s.mode, s.input, s.msg = modeCorrect, "stance=opp", "oops"
	got = render(s)
	if !strings.HasSuffix(got, "oops\ncorrect as field=value (country_code, topic, stance, resolutions, documents; empty line cancels): stance=opp") {
		t.Errorf("correction prompt screen ends:\n%s", got[len(got)-200:])
	}

	s.mode, s.msg, s.help, s.pos = modeKeys, "", true, 2
	got = render(s)
	for _, w := range []string{"claim 2 of 2,", "No more claims: all 2 have been seen", helpText, "held: corrected"} {
		if !strings.Contains(got, w) {
			t.Errorf("end screen lacks %q:\n%s", w, got)
		}
	}
}

func TestRenderColour(t *testing.T) {
	s := handSession()
	s.colour = true
	got := render(s)
	for _, w := range []string{
		"\x1b[0m\x1b[2mFirst sentence here.\x1b[0m", // neighbours dimmed
		"\x1b[1mEstonia\x1b[0m",                     // country bold
		"\x1b[7mfirmly backs\x1b[0m",                // stance reversed
		"\x1b[4mvoluntary norms\x1b[0m",             // topic underlined, whitespace collapsed
	} {
		if !strings.Contains(got, w) {
			t.Errorf("coloured screen lacks %q:\n%q", w, got)
		}
	}
	if strings.Contains(got, "[Estonia]") {
		t.Error("brackets drawn although colours are on")
	}
}

func TestHighlight(t *testing.T) {
	doc := "aa bb\n\tcc dd"
	marks := []mark{{span{3, 9}, hlTopic}, {span{7, 12}, hlStance}, {span{0, 1}, hlCountry}}
	if got, want := highlight(doc, span{2, len(doc)}, marks, false, ""), " [bb cc dd]"; got != want {
		t.Errorf("plain: got %q, want %q", got, want)
	}
	if got, want := highlight(doc, span{3, 11}, marks, true, ""), "\x1b[0m\x1b[4mbb \x1b[0m\x1b[4;7mcc\x1b[0m\x1b[7m d\x1b[0m"; got != want {
		t.Errorf("colour: got %q, want %q", got, want)
	}
}

// TestContextItems checks the neighbouring sentences found for each claim.
func TestContextItems(t *testing.T) {
	s, _ := fixtureSession(t)
	text := func(it reviewItem, sp span) string { return it.doc[sp.start:sp.end] }
	first, last := s.items[0], s.items[4]
	if got := text(first, first.prev); !strings.HasPrefix(got, "Source: a test brief on Ghana") {
		t.Errorf("previous of the first Ghana claim: %q", got)
	}
	if got := text(first, first.next); got != ghanaConfidence {
		t.Errorf("next of the first Ghana claim: %q", got)
	}
	if got := text(last, last.prev); got != "Norway affirms that international law applies in cyberspace." {
		t.Errorf("previous of the last Norway claim: %q", got)
	}
	if last.next != (span{}) {
		t.Errorf("the last sentence has a next: %v", last.next)
	}
	screen := render(&session{items: s.items, pos: 4, counts: map[string]int{}})
	if !strings.Contains(screen, "\n  Norway affirms that international law applies in cyberspace.\n> [It] [rejects] ") {
		t.Errorf("screen of the carried claim:\n%s", screen)
	}
}

// TestInteractiveScripted drives 'claims review -i' through run with keys on
// stdin, as a script would.
func TestInteractiveScripted(t *testing.T) {
	dir := writeFixture(t)
	path := filepath.Join(dir, "corpus", "reviews.jsonl")
	review := func(stdin string, extra ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		args := append([]string{"claims", "review", "-i", "--reviewer", "tester", "--corpus", filepath.Join(dir, "corpus")}, extra...)
		code := run(args, strings.NewReader(stdin), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	// accept, correct in one line, skip, undo the correction, reject, quit
	code, stdout, stderr := review("a\nc stance=opposes\ns\nundo\nr\nq\n", "--doc", "ghana")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := reviewLines(t, path)
	if len(lines) != 2 || !strings.Contains(lines[0], `"status":"accepted"`) || !strings.Contains(lines[0], ghanaCapacity) ||
		!strings.Contains(lines[1], `"status":"rejected"`) || !strings.Contains(lines[1], ghanaConfidence) {
		t.Fatalf("reviews.jsonl:\n%s", strings.Join(lines, "\n"))
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("colours written to a pipe")
	}
	for _, w := range []string{"claim 1 of 2, 0 accepted", "undone: corrected", "claim 2 of 2, 1 accepted, 1 rejected, 0 corrected, 0 skipped this session"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout lacks %q", w)
		}
	}
	if !strings.Contains(stderr, "2 decision(s) recorded in") {
		t.Errorf("stderr: %q", stderr)
	}

	// The decided Ghana claims are no longer pending; the end of input
	// quits like q and writes the held decision.
	code, stdout, stderr = review("reject\n")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines = reviewLines(t, path)
	if len(lines) != 3 || !strings.Contains(lines[2], `"status":"rejected"`) || !strings.Contains(lines[2], "Norway supports the voluntary norms") {
		t.Fatalf("reviews.jsonl after the second session:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(stdout, "claim 1 of 3,") {
		t.Errorf("second session did not start with the 3 pending Norway claims:\n%s", stdout)
	}

	code, _, stderr = review("q\n", "--country", "XYZ")
	if code != 0 || !strings.Contains(stderr, "no pending claims match") {
		t.Errorf("empty selection: exit %d, stderr %q", code, stderr)
	}
}
