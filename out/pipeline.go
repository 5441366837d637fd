package out

import (
	"context"
	"errors"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/out/cache"
	"github.com/cyberclaims/claims/schema"
)

// Options tunes how documents stream through extraction (WriteClaims, Build).
type Options struct {
	// Workers is the number of documents extracted at once (at least 1).
	Workers int
	// Read says how documents are decoded and whether bad ones are skipped.
	Read corpus.Options
	// Warn receives warnings (skipped or blank files), in listing order,
	// once every document has been read.
	Warn func(error)
	// Progress, when set, is called after each document with its size in bytes.
	Progress func(bytes int)
	// Cache, when set, holds per-document results (Build only).
	Cache *cache.Cache
	// TempDir holds WriteClaims' spool files ("" for the system's).
	TempDir string
}

func (o Options) workers() int { return max(o.Workers, 1) }

// ordered runs work(k) for k in [0, n) on the given number of goroutines and
// hands each result to sink in order of k, from the calling goroutine. At
// most window results exist at once (running or waiting for their turn),
// and at most budget bytes of documents (size(k)), though a document larger
// than the budget still goes, alone; so memory stays flat however many
// documents there are and however large. A sink error or a cancelled ctx
// stops the feeding; ordered returns once every goroutine it started has
// finished.
func ordered[T any](ctx context.Context, n, workers int, size func(k int) int64, work func(k int) T, sink func(k int, r T) error) error {
	// Documents differ in size: a window of several per worker keeps
	// workers busy while one large document holds up the order.
	window := 16 * workers
	budget := int64(8<<20) * int64(workers)
	ctx, cancel := context.WithCancel(ctx)
	type result struct {
		k int
		r T
	}
	var mu sync.Mutex
	room := sync.NewCond(&mu)
	out, weight := 0, int64(0) // results out (dispatched, not yet sunk) and their bytes
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		room.Broadcast()
		mu.Unlock()
	})
	defer stop()
	jobs := make(chan int)
	results := make(chan result, window) // never blocks: at most window jobs are out
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for k := 0; k < n; k++ {
			w := size(k)
			mu.Lock()
			for ctx.Err() == nil && (out >= window || (out > 0 && weight+w > budget)) {
				room.Wait()
			}
			out++
			weight += w
			mu.Unlock()
			select {
			case jobs <- k:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				results <- result{k, work(k)}
			}
		}()
	}
	defer func() {
		cancel() // unblocks the feeder before waiting for it
		wg.Wait()
	}()
	pending := map[int]T{}
	for next := 0; next < n; {
		var res result
		select {
		case res = <-results:
		case <-ctx.Done():
			return ctx.Err()
		}
		pending[res.k] = res.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if err := sink(next, r); err != nil {
				return err
			}
			mu.Lock()
			out--
			weight -= size(next)
			room.Signal()
			mu.Unlock()
			next++
		}
	}
	return nil
}

// docOrder returns the indices of the entries that are documents, sorted by
// document id (stably, so same-named documents keep their listing order),
// which is the order claims come out in, and each one's rank: equal ids
// share a rank.
func docOrder(entries []corpus.Entry) (order, rank []int) {
	for i := range entries {
		if entries[i].IsDocument() {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return entries[order[a]].ID < entries[order[b]].ID })
	rank = make([]int, len(order))
	for k := 1; k < len(order); k++ {
		rank[k] = rank[k-1]
		if entries[order[k]].ID != entries[order[k-1]].ID {
			rank[k]++
		}
	}
	return order, rank
}

// messages collects, per entry, the warnings and errors met while reading,
// so they can be reported in listing order whatever order documents took.
type messages struct {
	warnings map[int][]error
	errs     map[int]error
	failed   atomic.Bool // an error: the remaining documents are only checked
}

func newMessages(entries []corpus.Entry, opt corpus.Options) *messages {
	m := &messages{warnings: map[int][]error{}, errs: map[int]error{}}
	for i := range entries {
		if !entries[i].IsDocument() {
			_, _, w, err := entries[i].Open(opt)
			m.add(i, w, err)
		}
	}
	return m
}

func (m *messages) add(i int, warnings []error, err error) {
	if len(warnings) > 0 {
		m.warnings[i] = warnings
	}
	if err != nil {
		m.errs[i] = err
		m.failed.Store(true)
	}
}

// InputError reports documents that could not be read (or extracted):
// the user's input, not the program. Err joins the problems in listing order.
type InputError struct{ Err error }

// Error returns the joined problems, one per line.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the joined problems, so errors.As finds each one.
func (e *InputError) Unwrap() error { return e.Err }

// report hands the warnings to warn in listing order and returns the
// errors, joined in listing order, as reading all documents would have.
func (m *messages) report(n int, warn func(error)) error {
	var errs []error
	for i := 0; i < n; i++ {
		if warn != nil {
			for _, w := range m.warnings[i] {
				warn(w)
			}
		}
		if err := m.errs[i]; err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &InputError{Err: errors.Join(errs...)}
}

// topicRank orders claims of one sentence as extract.Merge does.
var topicRank = func() map[string]int {
	m := map[string]int{}
	for i, t := range schema.Topics {
		m[t] = i
	}
	return m
}()

func sourceLess(a, b schema.Source) bool {
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Start < b.Start
}
