package out

import (
	"context"
	"slices"
	"sort"
	"sync"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/schema"
)

// Build extracts the listed documents, merges the reviews and assembles the
// dataset: what Generate makes from documents in memory, made here from a
// listing that streams through opt.Workers workers. With opt.Cache, each
// document's claims come from the cache when its id, bytes, rule set and
// program are unchanged, and only the rest are extracted; cached claims were
// validated before they were stored, so Files does not check them again.
func Build(ctx context.Context, x *extract.Extractor, entries []corpus.Entry, reviews []corpus.Review, opt Options) (*Dataset, error) {
	order, rank := docOrder(entries)
	msgs := newMessages(entries, opt.Read)
	type result struct {
		warnings []error
		err      error
		ok       bool
		bytes    int
		claims   []schema.Claim
		valid    bool // every claim passed validation as it stands
	}
	var cacheMu sync.Mutex
	var cacheErr error
	work := func(k int) result {
		e := &entries[order[k]]
		d, ok, warnings, err := e.Open(opt.Read)
		r := result{warnings: warnings, err: err, ok: ok, bytes: len(d.Text)}
		if !ok || msgs.failed.Load() {
			return r
		}
		if opt.Cache != nil {
			if claims, hit := opt.Cache.Get(d.ID, d.Text); hit {
				r.claims, r.valid = claims, true
				return r
			}
		}
		res, err := x.ExtractContext(ctx, d.ID, d.Text, false)
		if err != nil {
			r.err = err
			return r
		}
		r.claims = res.Claims
		sortClaims(r.claims)
		r.valid = true
		var line []byte
		for i := range r.claims {
			line = r.claims[i].AppendJSON(line[:0])
			if schema.ValidateJSON(schema.ClaimSchema, line) != nil {
				r.valid = false // Files names it
				break
			}
		}
		if r.valid && opt.Cache != nil {
			if err := opt.Cache.Put(d.ID, d.Text, r.claims); err != nil {
				cacheMu.Lock()
				cacheErr = err // a slower next build, nothing worse
				cacheMu.Unlock()
			}
		}
		return r
	}
	var docs []docClaims
	documents := 0
	sink := func(k int, r result) error {
		msgs.add(order[k], r.warnings, r.err)
		if r.ok {
			documents++
		}
		if len(r.claims) > 0 {
			docs = append(docs, docClaims{r.claims, r.valid, rank[k]})
		}
		if opt.Progress != nil {
			opt.Progress(r.bytes)
		}
		return nil
	}
	if err := ordered(ctx, len(order), opt.workers(), func(k int) int64 { return entries[order[k]].Size }, work, sink); err != nil {
		return nil, err
	}
	if err := msgs.report(len(entries), opt.Warn); err != nil {
		return nil, err
	}
	if cacheErr != nil && opt.Warn != nil {
		opt.Warn(cacheErr)
	}
	claims, known := mergeInOrder(docs)
	return assemble(claims, known, reviews, x.Rules(), documents)
}

// docClaims is one document's claims, sorted, for mergeInOrder.
type docClaims struct {
	claims []schema.Claim
	valid  bool // all validated as they stand
	rank   int  // documents with the same id share a rank
}

// sortClaims puts one document's claims in extract.Merge's order.
func sortClaims(claims []schema.Claim) {
	sort.SliceStable(claims, func(i, j int) bool { return claimLessInDoc(&claims[i], &claims[j]) })
}

func claimLessInDoc(a, b *schema.Claim) bool {
	if a.Sources[0].Start != b.Sources[0].Start {
		return a.Sources[0].Start < b.Sources[0].Start
	}
	if a.Topic != b.Topic {
		return topicRank[a.Topic] < topicRank[b.Topic]
	}
	if a.CountryCode != b.CountryCode {
		return a.CountryCode < b.CountryCode
	}
	return a.ID < b.ID
}

// mergeInOrder is extract.Merge for documents in output order, each with
// its claims sorted: it joins claims with the same id into one with every
// source, at its first source, without sorting everything again. A merged
// claim is no longer known valid: its sources changed.
func mergeInOrder(docs []docClaims) ([]schema.Claim, []bool) {
	total := 0
	for _, d := range docs {
		total += len(d.claims)
	}
	count := make(map[string]int32, total)
	for _, d := range docs {
		for i := range d.claims {
			count[d.claims[i].ID]++
		}
	}
	sources := map[string][]schema.Source{}
	for _, d := range docs {
		for i := range d.claims {
			if id := d.claims[i].ID; count[id] > 1 {
				sources[id] = append(sources[id], d.claims[i].Sources...)
			}
		}
	}
	out := make([]schema.Claim, 0, total)
	known := make([]bool, 0, total)
	var group []schema.Claim
	var groupKnown []bool
	for g := 0; g < len(docs); {
		// Same-named documents interleave: each such group is sorted as one.
		h := g + 1
		for h < len(docs) && docs[h].rank == docs[g].rank {
			h++
		}
		group, groupKnown = group[:0], groupKnown[:0]
		for _, d := range docs[g:h] {
			group = append(group, d.claims...)
			for range d.claims {
				groupKnown = append(groupKnown, d.valid)
			}
		}
		if h-g > 1 {
			idx := make([]int, len(group))
			for k := range idx {
				idx[k] = k
			}
			sort.SliceStable(idx, func(a, b int) bool { return claimLessInDoc(&group[idx[a]], &group[idx[b]]) })
			sorted, sortedKnown := make([]schema.Claim, len(idx)), make([]bool, len(idx))
			for k, x := range idx {
				sorted[k], sortedKnown[k] = group[x], groupKnown[x]
			}
			group, groupKnown = sorted, sortedKnown
		}
		for i := range group {
			c := group[i]
			srcs, dup := sources[c.ID]
			if !dup {
				out = append(out, c)
				known = append(known, groupKnown[i])
				continue
			}
			if srcs == nil {
				continue // merged into its first occurrence already
			}
			srcs = slices.Clone(srcs)
			sort.Slice(srcs, func(a, b int) bool {
				if srcs[a].Doc != srcs[b].Doc || srcs[a].Start != srcs[b].Start {
					return sourceLess(srcs[a], srcs[b])
				}
				if srcs[a].End != srcs[b].End {
					return srcs[a].End < srcs[b].End
				}
				return srcs[a].Line < srcs[b].Line
			})
			c.Sources = slices.Compact(srcs)
			sources[c.ID] = nil
			out = append(out, c)
			known = append(known, false)
		}
		g = h
	}
	return out, known
}
