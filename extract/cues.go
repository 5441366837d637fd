package extract

import (
	"sort"

	"github.com/cyberclaims/claims/rules"
)

// cueIndex finds, for a topic cue, the stance cue that stance() would pick
// by looking at every cue of the sentence, but looks only near the topic:
// scanning every cue for every topic cue made sentences of thousands of
// tokens quadratic.
type cueIndex struct {
	hits   []rules.Hit
	clause []int
	// longest is the length in tokens of the longest stance cue, which
	// bounds how far back a cue can start and still end near the topic.
	longest int
	// strong and weak hold the indices in hits of the stance cues, in hit
	// order, which is start order; clause numbers grow with start too.
	strong, weak []int
	built        bool
}

// cueIndex returns the sentence's index, built on first need and in the
// sentence's own memory.
func (s *sentence) cueIndex() *cueIndex {
	ix := &s.cues
	if ix.built {
		return ix
	}
	*ix = cueIndex{hits: s.hits, clause: s.clause, built: true, strong: ix.strong[:0], weak: ix.weak[:0]}
	for k, h := range s.hits {
		st, ok := h.Rule.(*rules.Stance)
		if !ok {
			continue
		}
		ix.longest = max(ix.longest, h.End-h.Start)
		if st.Weak {
			ix.weak = append(ix.weak, k)
		} else {
			ix.strong = append(ix.strong, k)
		}
	}
	return ix
}

// cueDist is how far cue h is from topic cue q; a cue before the topic wins
// a tie, and an overlapping cue is at distance 0.
func cueDist(h, q rules.Hit) int {
	switch {
	case h.End <= q.Start:
		return q.Start - h.End
	case h.Start >= q.End:
		return h.Start - q.End + 1
	}
	return 0
}

// nearest returns the cue for topic cue q: the lowest tier (0 strong in q's
// clause, 1 weak in it, 2 strong elsewhere, 3 weak elsewhere), then the
// smallest distance, then the first in hit order. ok is false when the
// sentence has no stance cue.
func (ix *cueIndex) nearest(q rules.Hit) (tier, dist, k int, ok bool) {
	c := ix.clause[q.Start]
	lists := [2][]int{ix.strong, ix.weak}
	for tier, list := range lists {
		// The cues in q's clause are list[a:b].
		a := sort.Search(len(list), func(i int) bool { return ix.clause[ix.hits[list[i]].Start] >= c })
		b := sort.Search(len(list), func(i int) bool { return ix.clause[ix.hits[list[i]].Start] > c })
		var f found
		ix.scan(list, a, b, q, &f)
		if f.ok {
			return tier, f.dist, f.k, true
		}
	}
	for tier, list := range lists {
		a := sort.Search(len(list), func(i int) bool { return ix.clause[ix.hits[list[i]].Start] >= c })
		b := sort.Search(len(list), func(i int) bool { return ix.clause[ix.hits[list[i]].Start] > c })
		var f found
		ix.scan(list, 0, a, q, &f)
		ix.scan(list, b, len(list), q, &f)
		if f.ok {
			return 2 + tier, f.dist, f.k, true
		}
	}
	return 0, 0, 0, false
}

type found struct {
	dist, k int
	ok      bool
}

// scan finds the nearest cue to q among list[lo:hi], walking outward from
// q's start and stopping once no further cue can be as near.
func (ix *cueIndex) scan(list []int, lo, hi int, q rules.Hit, f *found) {
	try := func(k int) {
		if d := cueDist(ix.hits[k], q); !f.ok || d < f.dist || (d == f.dist && k < f.k) {
			*f = found{dist: d, k: k, ok: true}
		}
	}
	p := lo + sort.Search(hi-lo, func(i int) bool { return ix.hits[list[lo+i]].Start >= q.Start })
	for j := p; j < hi; j++ {
		h := ix.hits[list[j]]
		if lb := max(h.Start-q.End+1, 0); f.ok && lb > f.dist {
			break
		}
		try(list[j])
	}
	for j := p - 1; j >= lo; j-- {
		h := ix.hits[list[j]]
		if lb := max(q.Start-h.Start-ix.longest, 0); f.ok && lb > f.dist {
			break
		}
		try(list[j])
	}
}
