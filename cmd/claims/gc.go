package main

import (
	"math"
	"os"
	"runtime/debug"

	"github.com/cyberclaims/claims/corpus"
)

// streamGC sets the collector for claims extract, whose live heap is small
// and does not grow with the corpus (the rules, and a bounded window of
// documents). Collecting whenever the heap doubles (GOGC=100) would spend a
// tenth of the run in the collector; instead it collects only when the heap
// reaches a fixed budget, so peak memory is the same for 20 MB or 200 MB of
// documents. A large document raises the budget (its text, tokens and
// claims are live at once), so it never leaves the collector too little
// room. GOGC or GOMEMLIMIT set in the environment win.
func streamGC(entries []corpus.Entry) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	largest := int64(0)
	for i := range entries {
		largest = max(largest, entries[i].Size)
	}
	budget := int64(128<<20) + min(16*largest, math.MaxInt64/2)
	debug.SetMemoryLimit(budget)
	debug.SetGCPercent(-1)
}
