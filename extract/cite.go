package extract

import (
	"sort"

	"github.com/cyberclaims/claims/rules"
)

// citation is one symbol a citation rule found in a unit.
type citation struct {
	rule       *rules.Citation
	symbol     string
	start, end int // byte offsets of the whole reference in the document
}

// citations runs the citation rules over a unit in rule order; a match that
// overlaps an earlier accepted one is dropped, so specific forms win. scan
// is scratch space.
func (x *Extractor) citations(src string, u Unit, scan *rules.CitationScan) []citation {
	text := src[u.Start:u.End]
	x.set.CitationFilter.Scan(text, scan)
	var taken [][2]int // accepted matches of earlier rules, sorted and disjoint
	var out []citation
	for i, r := range x.set.Citations {
		var added [][2]int // one rule's matches never overlap each other
		for _, m := range scan.Matches(i, r) {
			if overlaps(taken, m[0], m[1]) {
				continue
			}
			syms := symbols(r, text, m)
			if len(syms) == 0 {
				continue
			}
			added = append(added, [2]int{m[0], m[1]})
			for _, sym := range syms {
				out = append(out, citation{rule: r, symbol: sym, start: u.Start + m[0], end: u.Start + m[1]})
			}
		}
		taken = mergeSpans(taken, added)
	}
	return out
}

// overlaps reports whether [a, b) overlaps a span of taken, which is sorted
// and disjoint, so its ends are sorted too: a binary search, not a scan, which
// keeps a sentence with thousands of citations linear.
func overlaps(taken [][2]int, a, b int) bool {
	i := sort.Search(len(taken), func(i int) bool { return taken[i][1] > a })
	return i < len(taken) && taken[i][0] < b
}

// mergeSpans merges two sorted lists of spans into one.
func mergeSpans(x, y [][2]int) [][2]int {
	if len(y) == 0 {
		return x
	}
	out := make([][2]int, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		if y[0][0] < x[0][0] || (y[0][0] == x[0][0] && y[0][1] < x[0][1]) {
			out, y = append(out, y[0]), y[1:]
		} else {
			out, x = append(out, x[0]), x[1:]
		}
	}
	return append(append(out, x...), y...)
}

// symbols expands one regex match into symbols. With an item expression each
// item inside the "list" group (or the whole match) gives one symbol.
func symbols(r *rules.Citation, text string, m []int) []string {
	if r.Item == nil {
		if r.Symbol == "$map" {
			key := ""
			for i, name := range r.Regex.SubexpNames() {
				if i > 0 && m[2*i] >= 0 {
					if name != "" {
						key = name
					} else {
						key = text[m[2*i]:m[2*i+1]]
					}
					break
				}
			}
			if sym, ok := r.Map[key]; ok {
				return []string{sym}
			}
			return nil
		}
		return []string{string(r.Regex.ExpandString(nil, r.Symbol, text, m))}
	}
	lo, hi := m[0], m[1]
	if i := r.Regex.SubexpIndex("list"); i > 0 && m[2*i] >= 0 {
		lo, hi = m[2*i], m[2*i+1]
	}
	part := text[lo:hi]
	var out []string
	for _, im := range r.Item.FindAllStringSubmatchIndex(part, -1) {
		if r.Symbol == "$map" {
			key := part[im[0]:im[1]]
			if len(im) > 2 && im[2] >= 0 {
				key = part[im[2]:im[3]]
			}
			if sym, ok := r.Map[key]; ok {
				out = append(out, sym)
			}
			continue
		}
		out = append(out, string(r.Item.ExpandString(nil, r.Symbol, part, im)))
	}
	return out
}
