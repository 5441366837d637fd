// Package eval scores extracted claims against a gold file, the way a dataset
// curator would: precision, recall and F1 for whole claims, topics, actors
// and citations, stance accuracy where the topic was found, a topic
// confusion table and the worst sentences.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/schema"
)

// GoldClaim is one expected claim.
type GoldClaim struct {
	CountryCode string   `json:"country_code"`
	Topic       string   `json:"topic"`
	Stance      string   `json:"stance"`
	Resolutions []string `json:"resolutions"`
	Documents   []string `json:"documents"`
}

// GoldSentence is one line of a gold file: a sentence and its expected claims.
type GoldSentence struct {
	Doc    string      `json:"doc"`
	Text   string      `json:"text"`
	Claims []GoldClaim `json:"claims"`
	Line   int         `json:"-"`
}

// ReadGold parses a gold JSONL file; errors name the line.
func ReadGold(r io.Reader, name string) ([]GoldSentence, error) {
	var out []GoldSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var g GoldSentence
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		if g.Doc == "" || g.Text == "" {
			return nil, fmt.Errorf("%s:%d: doc and text are required", name, n)
		}
		g.Line = n
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func prf(gold, pred map[string]bool) PRF {
	var p PRF
	for k := range pred {
		if gold[k] {
			p.TP++
		} else {
			p.FP++
		}
	}
	for k := range gold {
		if !pred[k] {
			p.FN++
		}
	}
	p.Precision, p.Recall, p.F1 = 1, 1, 1
	if p.TP+p.FP > 0 {
		p.Precision = float64(p.TP) / float64(p.TP+p.FP)
	}
	if p.TP+p.FN > 0 {
		p.Recall = float64(p.TP) / float64(p.TP+p.FN)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	} else {
		p.F1 = 0
	}
	return p
}

// Sentence is one sentence's errors.
type Sentence struct {
	Doc     string   `json:"doc"`
	Line    int      `json:"gold_line,omitempty"`
	Text    string   `json:"text"`
	Errors  int      `json:"errors"`
	Missing []string `json:"missing,omitempty"`
	Extra   []string `json:"extra,omitempty"`
}

// Report is the full score.
type Report struct {
	Sentences      int                       `json:"sentences"`
	GoldClaims     int                       `json:"gold_claims"`
	PredClaims     int                       `json:"pred_claims"`
	Claims         PRF                       `json:"claims"`
	Topics         PRF                       `json:"topics"`
	Actors         PRF                       `json:"actors"`
	Citations      PRF                       `json:"citations"`
	StanceAccuracy float64                   `json:"stance_accuracy"`
	StancePairs    int                       `json:"stance_pairs"`
	Confusion      map[string]map[string]int `json:"topic_confusion"`
	Unmatched      []string                  `json:"unmatched_predictions,omitempty"`
	// OtherDocs counts predicted claims on documents the gold file does not
	// cover at all; they are left out of every score.
	OtherDocs int        `json:"predictions_on_other_documents"`
	Worst     []Sentence `json:"worst"`
}

type sentKey struct{ doc, text string }

// Score compares predictions with gold. A prediction is matched to a gold
// sentence by document and sentence text, folding whitespace, quotes and case.
func Score(gold []GoldSentence, pred []schema.Claim, worst int) *Report {
	r := &Report{Sentences: len(gold), Confusion: map[string]map[string]int{}}
	gWhole, pWhole := map[string]bool{}, map[string]bool{}
	gTopic, pTopic := map[string]bool{}, map[string]bool{}
	gActor, pActor := map[string]bool{}, map[string]bool{}
	gCite, pCite := map[string]bool{}, map[string]bool{}
	gStance, pStance := map[string]string{}, map[string]string{}
	index := map[sentKey]*GoldSentence{}
	docs := map[string]bool{}
	for i := range gold {
		g := &gold[i]
		docs[g.Doc] = true
		k := sentKey{g.Doc, extract.NormaliseText(g.Text)}
		index[k] = g
		for _, c := range g.Claims {
			r.GoldClaims++
			id := k.doc + "\x00" + k.text
			gWhole[id+"\x00"+c.CountryCode+"\x00"+c.Topic+"\x00"+c.Stance] = true
			gTopic[id+"\x00"+c.Topic] = true
			gActor[id+"\x00"+c.CountryCode] = true
			gStance[id+"\x00"+c.CountryCode+"\x00"+c.Topic] = c.Stance
			for _, s := range append(append([]string{}, c.Resolutions...), c.Documents...) {
				gCite[id+"\x00"+s] = true
			}
		}
	}
	seenUnmatched := map[string]bool{}
	for _, c := range pred {
		for _, src := range c.Sources {
			if !docs[src.Doc] {
				r.OtherDocs++
				continue
			}
			k := sentKey{src.Doc, extract.NormaliseText(c.Text)}
			r.PredClaims++
			if _, ok := index[k]; !ok {
				u := fmt.Sprintf("%s:%d: %s %s %s (no gold sentence)", src.Doc, src.Line, c.CountryCode, c.Topic, c.Stance)
				if !seenUnmatched[u] {
					seenUnmatched[u] = true
					r.Unmatched = append(r.Unmatched, u)
				}
			}
			id := k.doc + "\x00" + k.text
			pWhole[id+"\x00"+c.CountryCode+"\x00"+c.Topic+"\x00"+c.Stance] = true
			pTopic[id+"\x00"+c.Topic] = true
			pActor[id+"\x00"+c.CountryCode] = true
			pStance[id+"\x00"+c.CountryCode+"\x00"+c.Topic] = c.Stance
			for _, s := range append(append([]string{}, c.Resolutions...), c.Documents...) {
				pCite[id+"\x00"+s] = true
			}
		}
	}
	r.Claims = prf(gWhole, pWhole)
	r.Topics = prf(gTopic, pTopic)
	r.Actors = prf(gActor, pActor)
	r.Citations = prf(gCite, pCite)
	right := 0
	for k, gs := range gStance {
		if ps, ok := pStance[k]; ok {
			r.StancePairs++
			if ps == gs {
				right++
			}
		}
	}
	r.StanceAccuracy = 1
	if r.StancePairs > 0 {
		r.StanceAccuracy = float64(right) / float64(r.StancePairs)
	}
	r.confusion(gTopic, pTopic)
	r.worstSentences(gold, gWhole, pWhole, worst)
	sort.Strings(r.Unmatched)
	return r
}

func split(k string) []string { return strings.Split(k, "\x00") }

// confusion counts, per sentence, gold topics against predicted topics;
// "(none)" stands for a missed or invented topic.
func (r *Report) confusion(gold, pred map[string]bool) {
	add := func(g, p string) {
		if r.Confusion[g] == nil {
			r.Confusion[g] = map[string]int{}
		}
		r.Confusion[g][p]++
	}
	bySent := map[string][2][]string{}
	for k := range gold {
		f := split(k)
		id := f[0] + "\x00" + f[1]
		v := bySent[id]
		v[0] = append(v[0], f[2])
		bySent[id] = v
	}
	for k := range pred {
		f := split(k)
		id := f[0] + "\x00" + f[1]
		v := bySent[id]
		v[1] = append(v[1], f[2])
		bySent[id] = v
	}
	for _, v := range bySent {
		gs, ps := v[0], v[1]
		in := func(list []string, x string) bool {
			for _, y := range list {
				if y == x {
					return true
				}
			}
			return false
		}
		var missed, extra []string
		for _, g := range gs {
			if in(ps, g) {
				add(g, g)
			} else {
				missed = append(missed, g)
			}
		}
		for _, p := range ps {
			if !in(gs, p) {
				extra = append(extra, p)
			}
		}
		sort.Strings(missed)
		sort.Strings(extra)
		// Pair a missed topic with an invented one: that is a confusion.
		for len(missed) > 0 && len(extra) > 0 {
			add(missed[0], extra[0])
			missed, extra = missed[1:], extra[1:]
		}
		for _, g := range missed {
			add(g, "(none)")
		}
		for _, p := range extra {
			add("(none)", p)
		}
	}
}

func (r *Report) worstSentences(gold []GoldSentence, g, p map[string]bool, n int) {
	per := map[string]*Sentence{}
	get := func(doc, text string) *Sentence {
		id := doc + "\x00" + text
		if per[id] == nil {
			per[id] = &Sentence{Doc: doc, Text: text}
		}
		return per[id]
	}
	for _, gs := range gold {
		s := get(gs.Doc, extract.NormaliseText(gs.Text))
		s.Text, s.Line = gs.Text, gs.Line
	}
	for k := range g {
		if !p[k] {
			f := split(k)
			s := get(f[0], f[1])
			s.Errors++
			s.Missing = append(s.Missing, strings.Join(f[2:], " "))
		}
	}
	for k := range p {
		if !g[k] {
			f := split(k)
			s := get(f[0], f[1])
			s.Errors++
			s.Extra = append(s.Extra, strings.Join(f[2:], " "))
		}
	}
	var all []Sentence
	for _, s := range per {
		if s.Errors > 0 {
			sort.Strings(s.Missing)
			sort.Strings(s.Extra)
			all = append(all, *s)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Errors != all[j].Errors {
			return all[i].Errors > all[j].Errors
		}
		if all[i].Doc != all[j].Doc {
			return all[i].Doc < all[j].Doc
		}
		return all[i].Line < all[j].Line
	})
	if len(all) > n {
		all = all[:n]
	}
	r.Worst = all
}

// WriteTable prints the report for people.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "gold sentences %d, gold claims %d, predicted claims %d\n\n", r.Sentences, r.GoldClaims, r.PredClaims)
	fmt.Fprintf(&b, "%-10s %9s %7s %7s %5s %5s %5s\n", "", "precision", "recall", "F1", "tp", "fp", "fn")
	for _, row := range []struct {
		name string
		p    PRF
	}{{"claims", r.Claims}, {"topics", r.Topics}, {"actors", r.Actors}, {"citations", r.Citations}} {
		fmt.Fprintf(&b, "%-10s %9.3f %7.3f %7.3f %5d %5d %5d\n", row.name, row.p.Precision, row.p.Recall, row.p.F1, row.p.TP, row.p.FP, row.p.FN)
	}
	fmt.Fprintf(&b, "\nstance accuracy where actor and topic were found: %.3f (%d pairs)\n", r.StanceAccuracy, r.StancePairs)
	var golds []string
	for g := range r.Confusion {
		golds = append(golds, g)
	}
	sort.Strings(golds)
	b.WriteString("\ntopic confusion (gold -> predicted: count), errors only:\n")
	errs := 0
	for _, g := range golds {
		var preds []string
		for p := range r.Confusion[g] {
			preds = append(preds, p)
		}
		sort.Strings(preds)
		for _, p := range preds {
			if p != g {
				errs++
				fmt.Fprintf(&b, "  %-24s -> %-24s %d\n", g, p, r.Confusion[g][p])
			}
		}
	}
	if errs == 0 {
		b.WriteString("  (none)\n")
	}
	if len(r.Worst) > 0 {
		b.WriteString("\nworst sentences:\n")
		for _, s := range r.Worst {
			fmt.Fprintf(&b, "  %s (gold line %d), %d errors: %s\n", s.Doc, s.Line, s.Errors, s.Text)
			for _, m := range s.Missing {
				fmt.Fprintf(&b, "      missing %s\n", m)
			}
			for _, e := range s.Extra {
				fmt.Fprintf(&b, "      extra   %s\n", e)
			}
		}
	}
	if r.OtherDocs > 0 {
		fmt.Fprintf(&b, "\n%d predicted claims are on documents the gold file does not cover; they were not scored\n", r.OtherDocs)
	}
	if len(r.Unmatched) > 0 {
		fmt.Fprintf(&b, "\npredictions on sentences the gold file does not have: %d\n", len(r.Unmatched))
		for _, u := range r.Unmatched {
			fmt.Fprintf(&b, "  %s\n", u)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
