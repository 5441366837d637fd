package main

// claims review -i: review claims one at a time in the terminal.
//
// The session is a small state machine (session.press, session.submit) and
// the screen is a pure function of it (render), so both are tested without a
// terminal; the drivers at the bottom only move bytes between the terminal
// and the session.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/schema"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"
)

// span is a byte range of a document.
type span struct{ start, end int }

// reviewItem is one claim to review with the document text around it.
type reviewItem struct {
	claim schema.Claim
	// doc is the text of the claim's first source document, "" when it
	// could not be matched to the claim (then only claim.Text is shown).
	doc string
	// prev, cur and next are the neighbouring sentence, the claim's sentence
	// and the following one in doc; prev and next are empty at the edges.
	prev, cur, next span
	// warn says why the context is missing, if it is.
	warn string
}

// Input modes of a session.
const (
	modeKeys    = iota // a single key decides
	modeCorrect        // a line of field=value corrections is being typed
)

// decision is a review made in this session, with where its claim stands in
// the queue so undo can return to it.
type decision struct {
	pos int
	rec schema.ReviewRecord
}

// session is the state of an interactive review.
type session struct {
	items []reviewItem
	pos   int // the claim on screen; len(items) once past the last
	// held is the last decision, not yet written: it is written when the
	// next decision is made or the session ends, and undo discards it.
	// reviews.jsonl is append-only and has no "pending" status, so holding
	// one decision back is the only honest way to take it back.
	held    *decision
	written []schema.ReviewRecord // decisions written this session
	counts  map[string]int        // decisions made this session (held included), by status
	skipped map[int]bool          // positions skipped and not decided since
	mode    int
	input   string // the correction being typed (terminal mode)
	msg     string // what the last key did, or what went wrong
	help    bool   // show the help text
	colour  bool   // ANSI colours and highlights
	rec     recorder
	now     func() time.Time
}

func newSession(items []reviewItem, rec recorder) *session {
	return &session{items: items, rec: rec, counts: map[string]int{}, skipped: map[int]bool{}, now: now}
}

// flush writes the held decision, through the same recorder as
// 'claims review accept|reject|correct'. On failure the decision stays held.
func (s *session) flush() error {
	if s.held == nil {
		return nil
	}
	if err := s.rec.write([]schema.ReviewRecord{s.held.rec}); err != nil {
		return err
	}
	s.written = append(s.written, s.held.rec)
	s.held = nil
	return nil
}

// decide records a decision about the claim on screen: it writes the
// previously held one, holds this one and moves on. It reports whether the
// decision was taken; if not, s.msg says why and nothing changed.
func (s *session) decide(status string, set *schema.Corrections) bool {
	if s.pos >= len(s.items) {
		s.msg = "no claim on screen: u undoes the last decision, q quits"
		return false
	}
	r, err := s.rec.record(s.items[s.pos].claim, status, set, s.now().Format(time.RFC3339))
	if err != nil {
		s.msg = err.Error()
		return false
	}
	if err := s.flush(); err != nil {
		s.msg = fmt.Sprintf("could not write the previous decision (%s %s) to %s: %v; it is still held, nothing is lost; try again, or q to retry and quit", s.held.rec.Status, s.held.rec.ID, s.rec.path, err)
		return false
	}
	s.held = &decision{pos: s.pos, rec: r}
	s.counts[status]++
	delete(s.skipped, s.pos)
	s.msg = "" // the held line shows the decision; an earlier error no longer applies
	s.pos++
	return true
}

// press handles one key in key mode and reports whether the session ends.
func (s *session) press(k rune) (quit bool) {
	s.help = false
	s.msg = ""
	switch k {
	case 'a':
		s.decide(schema.StatusAccepted, nil)
	case 'r':
		s.decide(schema.StatusRejected, nil)
	case 'c':
		if s.pos >= len(s.items) {
			s.msg = "no claim on screen: u undoes the last decision, q quits"
			return false
		}
		s.mode, s.input = modeCorrect, ""
	case 's':
		if s.pos >= len(s.items) {
			s.msg = "no claim on screen: u undoes the last decision, q quits"
			return false
		}
		s.skipped[s.pos] = true
		s.msg = fmt.Sprintf("skipped %s; it stays %s", s.items[s.pos].claim.ID, s.items[s.pos].claim.Review.Status)
		s.pos++
	case 'u':
		if s.held == nil {
			s.msg = "nothing to undo: only the last decision can be undone, and earlier ones are already in " + s.rec.path + "; to change one, decide that claim again (a later line supersedes)"
			return false
		}
		h := s.held
		s.held = nil
		s.counts[h.rec.Status]--
		s.pos = h.pos
		s.msg = fmt.Sprintf("undone: %s %s; nothing was written for it", h.rec.Status, h.rec.ID)
	case 'q':
		return true
	case '?', 'h':
		s.help = true
	default:
		s.msg = fmt.Sprintf("unknown key %q; press ? for help", k)
	}
	return false
}

// submit handles a finished line of corrections ("stance=opposes
// topic=sovereignty"); an empty line cancels. An invalid value keeps the
// prompt open with the error.
func (s *session) submit(line string) {
	s.input = ""
	line = strings.TrimSpace(line)
	if line == "" {
		s.mode = modeKeys
		s.msg = "correction cancelled"
		return
	}
	set, err := parseSet(splitAssignments(line))
	if err == nil && s.decide(schema.StatusCorrected, set) {
		s.mode = modeKeys
		return
	}
	if err != nil {
		s.msg = strings.TrimPrefix(err.Error(), "--set ")
	}
	s.msg += "; type the correction again, or an empty line to cancel"
}

// splitAssignments splits "stance=opposes resolutions=A/RES/73/27, A/RES/74/29"
// at the spaces before each field=, so list values may contain spaces.
func splitAssignments(line string) []string {
	var out []string
	for _, f := range strings.Fields(line) {
		if name, _, ok := strings.Cut(f, "="); ok && isField(name) || len(out) == 0 {
			out = append(out, f)
		} else {
			out[len(out)-1] += " " + f
		}
	}
	return out
}

func isField(name string) bool {
	switch name {
	case "country_code", "topic", "stance", "resolutions", "documents":
		return true
	}
	return false
}

// finish writes the held decision and returns the summary for stderr.
func (s *session) finish() (string, error) {
	if err := s.flush(); err != nil {
		line, _ := json.Marshal(s.held.rec)
		return "", fmt.Errorf("could not write the last decision to %s: %v\nthis line was not written; append it to %s yourself, or decide the claim again:\n%s", s.rec.path, err, s.rec.path, line)
	}
	if len(s.written) == 0 {
		return fmt.Sprintf("no decisions recorded (%d skipped)\n", len(s.skipped)), nil
	}
	return fmt.Sprintf("%d decision(s) recorded in %s (%d accepted, %d rejected, %d corrected; %d skipped); run 'claims build' to update out/\n",
		len(s.written), s.rec.path, s.counts[schema.StatusAccepted], s.counts[schema.StatusRejected], s.counts[schema.StatusCorrected], len(s.skipped)), nil
}

// ANSI styles of the evidence highlights.
const (
	hlCountry = 1 << iota // bold
	hlTopic               // underlined
	hlStance              // reverse video
)

const keysLine = "a accept  r reject  c correct  s skip  u undo last (held until next decision or q)  q quit  ? help"

const helpText = `Keys:
  a  accept the claim
  r  reject it
  c  correct it: type field=value and Enter, e.g. stance=opposes or topic=sovereignty;
     several at once separated by spaces; fields country_code, topic, stance,
     resolutions, documents (lists comma-separated); an empty line cancels
  s  skip it: nothing is written and it stays as it is
  u  undo the last decision and go back to its claim
  q  quit (Ctrl-D too); Ctrl-C quits as well, with exit code 130
  ?  this help
Each decision is one line in reviews.jsonl, the same line 'claims review
accept|reject|correct' writes. The last decision is held in memory and written
when you make the next one or quit, so u can discard it; only that one can be
undone. To change an earlier decision, decide the claim again: a later line
supersedes an earlier one, and no line is ever removed.`

// render draws the screen for the session's state. It is a pure function of
// the state: no terminal, no clock, no files.
func render(s *session) string {
	var b strings.Builder
	n := len(s.items)
	at := s.pos + 1
	if s.pos >= n {
		at = n
	}
	fmt.Fprintf(&b, "claim %d of %d, %d accepted, %d rejected, %d corrected, %d skipped this session\n\n",
		at, n, s.counts[schema.StatusAccepted], s.counts[schema.StatusRejected], s.counts[schema.StatusCorrected], len(s.skipped))
	if s.pos >= n {
		fmt.Fprintf(&b, "No more claims: all %d have been seen in this session.\n\n", n)
	} else {
		renderClaim(&b, s.items[s.pos], s.colour)
	}
	if s.held != nil {
		h := s.held.rec
		fmt.Fprintf(&b, "held: %s %s%s, written at your next decision or q; u undoes it\n", h.Status, h.ID, describeSet(h.Set))
	}
	if s.help {
		b.WriteString(helpText + "\n")
	}
	if s.msg != "" {
		b.WriteString(s.style("1", s.msg) + "\n")
	}
	if s.mode == modeCorrect {
		fmt.Fprintf(&b, "correct as field=value (country_code, topic, stance, resolutions, documents; empty line cancels): %s", s.input)
		return b.String()
	}
	b.WriteString(keysLine + "\n")
	return b.String()
}

// style wraps text in an SGR code when colours are on.
func (s *session) style(code, text string) string {
	if !s.colour {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func describeSet(k *schema.Corrections) string {
	if k == nil {
		return ""
	}
	var parts []string
	if k.CountryCode != nil {
		parts = append(parts, "country_code="+*k.CountryCode)
	}
	if k.Topic != nil {
		parts = append(parts, "topic="+*k.Topic)
	}
	if k.Stance != nil {
		parts = append(parts, "stance="+*k.Stance)
	}
	if k.Resolutions != nil {
		parts = append(parts, "resolutions="+strings.Join(*k.Resolutions, ","))
	}
	if k.Documents != nil {
		parts = append(parts, "documents="+strings.Join(*k.Documents, ","))
	}
	return " (" + strings.Join(parts, " ") + ")"
}

func renderClaim(b *strings.Builder, it reviewItem, colour bool) {
	c := it.claim
	src := c.Sources[0]
	fmt.Fprintf(b, "actor     %s (%s, %s)\n", c.Country, c.CountryCode, c.ActorType)
	fmt.Fprintf(b, "topic     %s\n", c.Topic)
	fmt.Fprintf(b, "stance    %s\n", c.Stance)
	fmt.Fprintf(b, "cites     resolutions: %s; documents: %s\n", listOrNone(c.Resolutions), listOrNone(c.Documents))
	fmt.Fprintf(b, "source    %s line %d (sentence %d)", src.Doc, src.Line, c.Evidence.Sentence)
	for _, o := range c.Sources[1:] {
		fmt.Fprintf(b, ", also %s line %d", o.Doc, o.Line)
	}
	fmt.Fprintf(b, "\nclaim     %s, now %s", c.ID, c.Review.Status)
	if c.Review.Reviewer != "" {
		fmt.Fprintf(b, " by %s at %s", c.Review.Reviewer, c.Review.At)
	}
	b.WriteString("\n\n")

	var marks []mark
	add := func(flag int, bc *schema.Because) {
		for _, sp := range bc.Spans {
			marks = append(marks, mark{span{sp.Start, sp.End}, flag})
		}
	}
	add(hlCountry, &c.Evidence.Country)
	add(hlTopic, &c.Evidence.Topic)
	add(hlStance, &c.Evidence.Stance)
	if it.doc == "" {
		fmt.Fprintf(b, "> %s\n", c.Text)
		if it.warn != "" {
			fmt.Fprintf(b, "  (%s)\n", it.warn)
		}
	} else {
		const room = 240 // bytes of each neighbouring sentence shown
		if it.prev.end > it.prev.start {
			p := it.prev
			if p.end-p.start > room {
				p.start = runeStart(it.doc, p.end-room)
				fmt.Fprintf(b, "  …%s\n", highlight(it.doc, p, marks, colour, "2"))
			} else {
				fmt.Fprintf(b, "  %s\n", highlight(it.doc, p, marks, colour, "2"))
			}
		}
		fmt.Fprintf(b, "> %s\n", highlight(it.doc, it.cur, marks, colour, ""))
		if it.next.end > it.next.start {
			n := it.next
			if n.end-n.start > room {
				n.end = runeStart(it.doc, n.start+room)
				fmt.Fprintf(b, "  %s…\n", highlight(it.doc, n, marks, colour, "2"))
			} else {
				fmt.Fprintf(b, "  %s\n", highlight(it.doc, n, marks, colour, "2"))
			}
		}
	}
	if colour {
		b.WriteString("  (\x1b[1mcountry\x1b[0m bold, \x1b[4mtopic\x1b[0m underlined, \x1b[7mstance\x1b[0m reversed)\n")
	} else {
		b.WriteString("  ([brackets] mark the evidence below)\n")
	}
	b.WriteString("\n")
	because := func(field string, bc *schema.Because) {
		if bc == nil {
			return
		}
		fmt.Fprintf(b, "%-9s %s", field, bc.Rule)
		for _, sp := range bc.Spans {
			fmt.Fprintf(b, " %q", sp.Text)
		}
		if bc.Note != "" {
			fmt.Fprintf(b, " (%s)", bc.Note)
		}
		b.WriteString("\n")
	}
	because("country", &c.Evidence.Country)
	because("topic", &c.Evidence.Topic)
	because("stance", &c.Evidence.Stance)
	because("negation", c.Evidence.Negation)
	for i := range c.Evidence.Citations {
		because("citation", &c.Evidence.Citations[i])
	}
	b.WriteString("\n")
}

func listOrNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, ", ")
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// mark is an evidence span and its highlight.
type mark struct {
	span
	flag int
}

// highlight returns doc[r.start:r.end] with whitespace collapsed and the
// marks inside it shown: as SGR styles over base when colour is on, else
// between [brackets].
func highlight(doc string, r span, marks []mark, colour bool, base string) string {
	flags := make([]int, r.end-r.start)
	for _, m := range marks {
		for i := max(m.start, r.start); i < min(m.end, r.end); i++ {
			flags[i-r.start] |= m.flag
		}
	}
	var b strings.Builder
	sgr := func(f int) {
		if !colour {
			return
		}
		b.WriteString("\x1b[0m")
		codes := []string{}
		if base != "" {
			codes = append(codes, base)
		}
		if f&hlCountry != 0 {
			codes = append(codes, "1")
		}
		if f&hlTopic != 0 {
			codes = append(codes, "4")
		}
		if f&hlStance != 0 {
			codes = append(codes, "7")
		}
		if len(codes) > 0 {
			b.WriteString("\x1b[" + strings.Join(codes, ";") + "m")
		}
	}
	cur, space := 0, false
	if colour {
		cur = -1 // so the first byte sets its style
	}
	for i := r.start; i < r.end; i++ {
		if f := flags[i-r.start]; f != cur {
			switch {
			case colour:
				sgr(f)
			case cur == 0:
				b.WriteByte('[')
			case f == 0:
				b.WriteByte(']')
			}
			cur = f
		}
		ch := doc[i]
		if ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteByte(ch)
	}
	if cur != 0 && !colour {
		b.WriteByte(']')
	}
	if colour {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// contextItems pairs each claim with the sentences around it, found by the
// extractor's own segmenter in the document text read through corpus.
func contextItems(claims []schema.Claim, docs []corpus.Document, seg *extract.Segmenter) []reviewItem {
	text := map[string]string{}
	for _, d := range docs {
		text[d.ID] = string(d.Text)
	}
	units := map[string][]extract.Unit{}
	items := make([]reviewItem, len(claims))
	for i, c := range claims {
		it := reviewItem{claim: c}
		src := c.Sources[0]
		doc, ok := text[src.Doc]
		switch {
		case !ok:
			it.warn = "document " + src.Doc + " could not be read again, so no context is shown"
		case src.End > len(doc) || src.Start > src.End || extract.NormaliseText(doc[src.Start:src.End]) != extract.NormaliseText(c.Text):
			it.warn = "document " + src.Doc + " changed while loading, so no context is shown"
		default:
			us, seen := units[src.Doc]
			if !seen {
				us = seg.Segment(doc)
				units[src.Doc] = us
			}
			it.doc, it.cur = doc, span{src.Start, src.End}
			j := sort.Search(len(us), func(j int) bool { return us[j].End > src.Start })
			if j > 0 {
				it.prev = span{us[j-1].Start, us[j-1].End}
			}
			k := j
			for k < len(us) && us[k].Start < src.End {
				k++
			}
			if k < len(us) {
				it.next = span{us[k].Start, us[k].End}
			}
		}
		items[i] = it
	}
	return items
}

// segmenterFor returns a segmenter that splits sentences as the extractor
// built from set does, so the context shown matches the claims' sentences.
func segmenterFor(set *rules.Set) (*extract.Segmenter, error) {
	var abbrevs []string
	for _, a := range set.Abbreviations {
		abbrevs = append(abbrevs, a.Words...)
	}
	return extract.NewSegmenter(abbrevs)
}

// reviewInteractive is 'claims review -i'.
func reviewInteractive(ctx context.Context, cmd *cli.Command) error {
	d, rec, err := openReview(ctx, cmd)
	if err != nil {
		return err
	}
	var claims []schema.Claim
	for _, c := range d.Claims {
		if selected(cmd, c) {
			claims = append(claims, c)
		}
	}
	errw := cmd.Root().ErrWriter
	if len(claims) == 0 {
		fmt.Fprintf(errw, "no %s claims match; nothing to review\n", cmd.String("status"))
		return nil
	}
	docs, err := readDocs(cmd, []string{cmd.String("corpus")})
	if err != nil {
		return err
	}
	seg, err := segmenterFor(rec.set)
	if err != nil {
		return err
	}
	s := newSession(contextItems(claims, docs, seg), rec)
	w := cmd.Root().Writer
	in, inTTY := isTerminal(cmd.Root().Reader)
	_, outTTY := isTerminal(w)
	s.colour = outTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"

	// SIGTERM and SIGHUP (a closed terminal) end the session like Ctrl-C,
	// so the held decision is still written.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	// Raw mode only when both ends are a terminal: screens redrawn into a
	// file or pipe would be noise, and then lines from stdin work as well.
	var interrupted bool
	if inTTY && outTTY {
		interrupted, err = s.runTerminal(ctx, sigs, in, w)
	} else {
		interrupted = s.runLines(ctx, sigs, cmd.Root().Reader, w)
	}
	if err != nil {
		return err
	}
	summary, err := s.finish()
	if err != nil {
		return inputErr(err)
	}
	fmt.Fprint(errw, summary)
	if interrupted {
		return &exitError{exitInterrupted, errors.New("claims: interrupted; the decisions above were written")}
	}
	return nil
}

// isTerminal reports whether x is a terminal, and returns it as a file.
func isTerminal(x any) (*os.File, bool) {
	f, ok := x.(*os.File)
	return f, ok && term.IsTerminal(int(f.Fd()))
}

// runLines reads one key per line, so sessions can be scripted: "a", "s",
// "c" then a line of corrections (or "c stance=opposes" at once), "u", "q".
// The end of input quits like q. It reports whether a signal ended it.
func (s *session) runLines(ctx context.Context, sigs <-chan os.Signal, r io.Reader, w io.Writer) (interrupted bool) {
	lines := make(chan string)
	go func() {
		defer close(lines)
		br := bufio.NewReader(r)
		for {
			l, err := br.ReadString('\n')
			if l != "" {
				lines <- strings.TrimRight(l, "\r\n")
			}
			if err != nil {
				return
			}
		}
	}()
	for {
		fmt.Fprint(w, render(s))
		if s.mode == modeCorrect {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
		select {
		case <-ctx.Done():
			return true
		case <-sigs:
			return true
		case l, ok := <-lines:
			if !ok {
				return false
			}
			if s.mode == modeCorrect {
				s.submit(l)
				continue
			}
			l = strings.TrimSpace(l)
			word, rest, _ := strings.Cut(l, " ")
			k, size := utf8.DecodeRuneInString(word)
			if word == "" {
				s.msg = "type a key and Enter: " + keysLine
				continue
			}
			if size != len(word) && !isKeyWord(word) {
				s.msg = fmt.Sprintf("unknown key %q; press ? for help", word)
				continue
			}
			if s.press(k) {
				return false
			}
			if s.mode == modeCorrect && strings.TrimSpace(rest) != "" {
				s.submit(rest)
			}
		}
	}
}

// isKeyWord accepts a key's whole name in scripts: accept, reject, ...
func isKeyWord(w string) bool {
	switch w {
	case "accept", "reject", "correct", "skip", "undo", "quit", "help":
		return true
	}
	return false
}

// Control keys read in raw mode.
const (
	keyCtrlC     = 3
	keyCtrlD     = 4
	keyBackspace = 8
	keyCtrlU     = 21
	keyEsc       = 27
	keyDelete    = 127
)

// runTerminal reads single keys in raw mode on the alternate screen and
// redraws after each. It reports whether Ctrl-C or a signal ended it.
func (s *session) runTerminal(ctx context.Context, sigs <-chan os.Signal, in *os.File, w io.Writer) (bool, error) {
	fd := int(in.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return false, fmt.Errorf("review -i: cannot put the terminal in raw mode: %v", err)
	}
	defer term.Restore(fd, old)
	fmt.Fprint(w, "\x1b[?1049h") // alternate screen: the shell's screen comes back on exit
	defer fmt.Fprint(w, "\x1b[?1049l")

	keys := make(chan rune)
	go readKeys(in, keys)
	draw := func() {
		// Raw mode turns off \n -> \r\n, so lines are ended by hand.
		fmt.Fprint(w, "\x1b[H\x1b[2J"+strings.ReplaceAll(render(s), "\n", "\r\n"))
	}
	for {
		draw()
		select {
		case <-ctx.Done():
			return true, nil
		case <-sigs:
			return true, nil
		case k, ok := <-keys:
			switch {
			case !ok:
				return false, nil
			case k == keyCtrlC:
				if s.mode == modeCorrect {
					s.mode, s.input, s.msg = modeKeys, "", "correction cancelled"
					continue
				}
				return true, nil
			case s.mode == modeCorrect:
				switch k {
				case '\r', '\n':
					s.submit(s.input)
				case keyEsc:
					s.submit("")
				case keyBackspace, keyDelete:
					if s.input != "" {
						_, size := utf8.DecodeLastRuneInString(s.input)
						s.input = s.input[:len(s.input)-size]
					}
				case keyCtrlU:
					s.input = ""
				default:
					if unicode.IsPrint(k) {
						s.input += string(k)
					}
				}
			case k == keyCtrlD:
				return false, nil
			case k == keyEsc || k == '\r' || k == '\n':
				// not a key of ours; ignored
			default:
				if s.press(k) {
					return false, nil
				}
			}
		}
	}
}

// readKeys sends each key typed on in, dropping the escape sequences of
// arrow and function keys so they cannot act as letters.
func readKeys(in io.Reader, keys chan<- rune) {
	defer close(keys)
	br := bufio.NewReader(in)
	for {
		r, _, err := br.ReadRune()
		if err != nil {
			return
		}
		if r == keyEsc && br.Buffered() > 0 {
			if b, _ := br.Peek(1); b[0] == '[' || b[0] == 'O' {
				br.ReadByte()
				for br.Buffered() > 0 {
					c, _ := br.ReadByte()
					if c >= 0x40 && c <= 0x7e {
						break
					}
				}
				continue
			}
		}
		keys <- r
	}
}
