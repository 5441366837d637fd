// Package extract turns one document's bytes into claims: it segments the
// text, applies the compiled rules to each sentence, chooses the claimant,
// topics and stance, and records which rule decided each field.
//
// It works on bytes and a document name only: reading files, reviews and
// output belong to other packages.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cyberclaims/claims/rules"
	"github.com/cyberclaims/claims/rules/token"
	"github.com/cyberclaims/claims/schema"
)

// Extractor applies a compiled rule set to documents. It is safe for
// concurrent use.
type Extractor struct {
	set *rules.Set
	seg *Segmenter
}

// New returns an Extractor for the rule set.
func New(set *rules.Set) (*Extractor, error) {
	var abbrevs []string
	for _, a := range set.Abbreviations {
		abbrevs = append(abbrevs, a.Words...)
	}
	seg, err := NewSegmenter(abbrevs)
	if err != nil {
		return nil, err
	}
	return &Extractor{set: set, seg: seg}, nil
}

// Rules returns the rule set the Extractor applies.
func (x *Extractor) Rules() *rules.Set { return x.set }

// Result is what one document yields.
type Result struct {
	// Claims holds one claim per (claimant, topic) per sentence, each with
	// the single source it came from, in document order.
	Claims []schema.Claim
	// Sentences traces every unit when tracing was asked for.
	Sentences []SentenceTrace
}

// ErrNotUTF8 is returned for documents that are not valid UTF-8.
var ErrNotUTF8 = errors.New("not valid UTF-8")

// Extract reads one document. name becomes each source's doc. With trace set,
// the Result explains every sentence.
func (x *Extractor) Extract(name string, src []byte, trace bool) (*Result, error) {
	return x.ExtractContext(context.Background(), name, src, trace)
}

// cancelEvery is how many sentences ExtractContext analyses between looks
// at its context: often enough that Ctrl-C stops a document of hundreds of
// megabytes within a moment, rarely enough to cost nothing.
const cancelEvery = 256

// ExtractContext is Extract that stops early, returning ctx's error and no
// result, once ctx is done: a single huge document need not run to its end
// after the user gives up.
func (x *Extractor) ExtractContext(ctx context.Context, name string, src []byte, trace bool) (*Result, error) {
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%s: %w", name, ErrNotUTF8)
	}
	text := string(src)
	lines := newLineIndex(text)
	res := &Result{}
	st := &docState{}
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	claims := sc.claims[:0] // copied out once at the end, at its size
	for i, u := range x.seg.Segment(text) {
		if i%cancelEvery == cancelEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s := x.analyze(text, i+1, u, sc, trace)
		s.findSpeaker(st)
		var tr *SentenceTrace
		if trace {
			tr = &SentenceTrace{N: s.n, Start: u.Start, End: u.End, Line: lines.line(u.Start), Heading: u.Heading, Text: collapse(s.text)}
			tr.fill(s)
		}
		drafts := s.assemble(st, tr)
		before := len(claims)
		if len(drafts) > 0 {
			claims = s.claims(claims, name, drafts, lines)
		}
		if tr != nil {
			for _, c := range claims[before:] {
				if c.Evidence.Sentence == s.n {
					tr.Claims = append(tr.Claims, fmt.Sprintf("%s %s %s %s", c.ID, c.CountryCode, c.Topic, c.Stance))
				}
			}
			res.Sentences = append(res.Sentences, *tr)
		}
	}
	if len(claims) > 0 {
		res.Claims = slices.Clone(claims)
	}
	sc.claims = claims
	return res, nil
}

// findSpeaker records the actor a title or speaker line names as the
// document's speaker, whom "we" and "my delegation" refer to.
func (s *sentence) findSpeaker(st *docState) {
	for _, h := range s.hits {
		if _, ok := h.Rule.(*rules.Speaker); !ok {
			continue
		}
		// Mentions are in start order: find the first at or after the hit's end.
		i := sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].start >= h.End })
		if i < len(s.mentions) && s.mentions[i].start <= h.End+2 {
			m := s.mentions[i]
			st.speaker = &claimant{actor: m.actor, sentence: s.n, because: schema.Because{Rule: h.Rule.Info().ID, Spans: s.spans(h.Start, m.end)}}
			return
		}
	}
}

// claims appends to out the drafts turned into claims with ids, sources,
// citations and evidence.
func (s *sentence) claims(out []schema.Claim, doc string, drafts []draft, lines lineIndex) []schema.Claim {
	var res, docs []string
	var cites []schema.Because
	for _, c := range s.cites {
		if c.rule.Type == "resolution" {
			res = append(res, c.symbol)
		} else {
			docs = append(docs, c.symbol)
		}
		b := schema.Because{Rule: c.rule.ID, Spans: []schema.Span{{Start: c.start, End: c.end, Text: s.text[c.start-s.unit.Start : c.end-s.unit.Start]}}, Note: c.symbol}
		cites = append(cites, b)
	}
	text := collapse(s.text)
	line := lines.line(s.unit.Start)
	// NormaliseText(text), once for all the sentence's claims.
	norm := token.Fold(text)
	res, docs = sortedUnique(res), sortedUnique(docs) // once, not per claim
	// One array for the sources of all the sentence's claims; each claim's
	// slice is full, so appending to one (as Merge does) copies it first.
	srcs := make([]schema.Source, len(drafts))
	for k, d := range drafts {
		srcs[k] = schema.Source{Doc: doc, Start: s.unit.Start, End: s.unit.End, Line: line}
		c := schema.Claim{
			ID:          claimID(d.who.actor.Code, d.topic, norm),
			Country:     d.who.actor.Name,
			CountryCode: d.who.actor.Code,
			ActorType:   d.who.actor.Type,
			Topic:       d.topic,
			Stance:      d.stance,
			Resolutions: slices.Clone(res),
			Documents:   slices.Clone(docs),
			Text:        text,
			Sources:     srcs[k : k+1 : k+1],
			Evidence: schema.Evidence{
				Sentence: s.n, Country: d.who.because, Topic: d.topicBy, Stance: d.stanceBy,
				Negation: d.negation, Citations: cites,
			},
			Review: schema.Review{Status: schema.StatusPending},
		}
		out = append(out, c)
	}
	return out
}

// ClaimID is "c_" and 16 hex digits of a hash of the code, topic and the
// sentence's normalised text (whitespace collapsed, quotes folded, lower
// case), so it survives edits elsewhere in the document and re-wrapping.
func ClaimID(code, topic, text string) string {
	return claimID(code, topic, NormaliseText(text))
}

// claimID is ClaimID for text already normalised.
func claimID(code, topic, norm string) string {
	var buf [512]byte // most sentences fit: no allocation
	b := append(append(append(append(append(buf[:0], code...), 0), topic...), 0), norm...)
	sum := sha256.Sum256(b)
	var id [2 + 16]byte
	copy(id[:], "c_")
	hex.Encode(id[2:], sum[:8])
	return string(id[:])
}

// NormaliseText folds text the way sentence matching does: whitespace
// collapsed, curly quotes straightened, lower case.
func NormaliseText(text string) string { return token.Fold(collapse(text)) }

// collapse trims s and turns every run of white space into one space, as
// strings.Join(strings.Fields(s), " ") does, in one copy.
func collapse(s string) string {
	if collapsed(s) {
		return s // most sentences: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // white space since the last word
	for i := 0; i < len(s); {
		c := s[i]
		n := 1
		isSpace := asciiSpace[c] == 1
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = true
		} else {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i : i+n]) // as written, even an invalid byte
		}
		i += n
	}
	return b.String()
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// collapsed reports whether collapse would return s unchanged: no white
// space but single spaces between other characters.
func collapsed(s string) bool {
	prevSpace := true // a leading space is not collapsed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case '\t', '\n', '\v', '\f', '\r':
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		prevSpace = false
		i += n
	}
	return !prevSpace || s == ""
}

// lineIndex maps byte offsets to 1-based line numbers (\n, \r\n or \r).
type lineIndex []int

func newLineIndex(src string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			idx = append(idx, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) line(off int) int { return sort.SearchInts(l, off+1) }

// Doc is one document to extract from.
type Doc struct {
	Name string
	Text []byte
}

// All extracts every document with the given number of workers and merges
// the results. The output does not depend on the number of workers.
func (x *Extractor) All(ctx context.Context, docs []Doc, workers int) ([]schema.Claim, error) {
	if workers < 1 {
		workers = 1
	}
	results := make([][]schema.Claim, len(docs))
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, err := x.ExtractContext(ctx, docs[i].Name, docs[i].Text, false)
				if err != nil {
					errs[i] = err
					continue
				}
				results[i] = r.Claims
			}
		}()
	}
feed:
	for i := range docs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var all []schema.Claim
	for _, r := range results {
		all = append(all, r...)
	}
	return Merge(all), nil
}

// Merge joins claims with the same id into one with every source, and sorts
// the result by first source, then topic order, then actor code. The fields
// of the earliest source win.
func Merge(claims []schema.Claim) []schema.Claim {
	byID := map[string]int{}
	var out []schema.Claim
	var from []schema.Source // the source whose fields out[i] holds
	for _, c := range claims {
		if i, ok := byID[c.ID]; ok {
			out[i].Sources = append(out[i].Sources, c.Sources...)
			if sourceLess(c.Sources[0], from[i]) {
				srcs := out[i].Sources
				out[i] = c
				out[i].Sources = srcs
				from[i] = c.Sources[0]
			}
			continue
		}
		byID[c.ID] = len(out)
		from = append(from, c.Sources[0])
		c.Sources = append([]schema.Source(nil), c.Sources...)
		out = append(out, c)
	}
	topicRank := map[string]int{}
	for i, t := range schema.Topics {
		topicRank[t] = i
	}
	for i := range out {
		sort.Slice(out[i].Sources, func(a, b int) bool {
			x, y := out[i].Sources[a], out[i].Sources[b]
			if x.Doc != y.Doc || x.Start != y.Start {
				return sourceLess(x, y)
			}
			// Only same-named documents tie: a full order keeps output stable.
			if x.End != y.End {
				return x.End < y.End
			}
			return x.Line < y.Line
		})
		out[i].Sources = compactSources(out[i].Sources)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Sources[0] != b.Sources[0] {
			return sourceLess(a.Sources[0], b.Sources[0])
		}
		if a.Topic != b.Topic {
			return topicRank[a.Topic] < topicRank[b.Topic]
		}
		if a.CountryCode != b.CountryCode {
			return a.CountryCode < b.CountryCode
		}
		return a.ID < b.ID
	})
	return out
}

func sourceLess(a, b schema.Source) bool {
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Start < b.Start
}

func compactSources(s []schema.Source) []schema.Source {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
