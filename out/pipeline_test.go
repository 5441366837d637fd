package out

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestOrderedKeepsOrderAndBounds: results reach the sink in order whatever
// order workers finish in, and no more documents (or bytes) are out at once
// than the window (or budget) allows.
func TestOrderedKeepsOrderAndBounds(t *testing.T) {
	const n, workers = 500, 3
	sizes := make([]int64, n)
	for k := range sizes {
		sizes[k] = int64(rand.IntN(5 << 20)) // up to 5 MB: the byte budget binds
	}
	sizes[7] = 500 << 20 // larger than the whole budget: goes alone
	var out, bytes, maxOut, maxBytes atomic.Int64
	var mu sync.Mutex
	work := func(k int) int {
		o, b := out.Add(1), bytes.Add(sizes[k])
		mu.Lock()
		maxOut.Store(max(maxOut.Load(), o))
		if k != 7 {
			maxBytes.Store(max(maxBytes.Load(), b))
		}
		mu.Unlock()
		time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
		return k
	}
	next := 0
	sink := func(k, r int) error {
		if k != next || r != k {
			t.Fatalf("got %d (%d), want %d", k, r, next)
		}
		out.Add(-1)
		bytes.Add(-sizes[k])
		next++
		return nil
	}
	if err := ordered(context.Background(), n, workers, func(k int) int64 { return sizes[k] }, work, sink); err != nil {
		t.Fatal(err)
	}
	if next != n {
		t.Fatalf("%d of %d results", next, n)
	}
	if maxOut.Load() > 16*workers {
		t.Errorf("%d out at once, window %d", maxOut.Load(), 16*workers)
	}
	if maxBytes.Load() > 8<<20*workers+5<<20 {
		t.Errorf("%d MB out at once", maxBytes.Load()>>20)
	}
}

// TestOrderedStops: a sink error or a cancelled context ends the run, with
// every goroutine finished.
func TestOrderedStops(t *testing.T) {
	boom := errors.New("boom")
	err := ordered(context.Background(), 1000, 4, func(int) int64 { return 1 }, func(k int) int { return k }, func(k, _ int) error {
		if k == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("sink error: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = ordered(ctx, 1000, 4, func(int) int64 { return 1 }, func(k int) int {
		if k == 20 {
			cancel()
		}
		return k
	}, func(int, int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}
