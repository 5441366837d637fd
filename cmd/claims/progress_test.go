package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestRenderBar(t *testing.T) {
	cases := []struct {
		docs, total       int
		bytes, totalBytes int64
		elapsed           time.Duration
		width             int
		want              string
	}{
		// The bar's width is set by the widest line of the run, not this one.
		{0, 100, 0, 40e6, 0, 80, "[>                   ]   0% 0/100 docs  0.0/40.0 MB  -- MB/s  ETA --:--"},
		{25, 100, 10e6, 40e6, 2 * time.Second, 80, "[=====>              ]  25% 25/100 docs  10.0/40.0 MB  5.0 MB/s  ETA 0:06"},
		// By bytes, not documents: a tenth of the documents, half the bytes.
		{10, 100, 20e6, 40e6, 10 * time.Second, 80, "[==========>         ]  50% 10/100 docs  20.0/40.0 MB  2.0 MB/s  ETA 0:10"},
		{100, 100, 40e6, 40e6, 10 * time.Second, 80, "[====================] 100% 100/100 docs  40.0/40.0 MB  4.0 MB/s  ETA 0:00"},
		{1, 4000, 1e6, 4000e6, 10 * time.Second, 80, "[>             ]   0% 1/4000 docs  1.0/4000.0 MB  0.1 MB/s  ETA 11:06:30"},
		{50, 100, 1e6, 2e6, time.Second, 200, "[====================>                   ]  50% 50/100 docs  1.0/2.0 MB  1.0 MB/s  ETA 0:01"},
		{50, 100, 1e6, 2e6, time.Second, 40, "50% 50/100 ETA 0:01"},
		{50, 100, 1e6, 2e6, time.Second, 10, "50% 50/10"},
		{0, 0, 0, 0, 0, 80, "[==========================] 100% 0/0 docs  0.0/0.0 MB  -- MB/s  ETA --:--"},
	}
	for _, c := range cases {
		got := renderBar(c.docs, c.total, c.bytes, c.totalBytes, c.elapsed, c.width)
		if got != c.want {
			t.Errorf("renderBar(%d, %d, %d, %d, %v, %d)\n got %q\nwant %q", c.docs, c.total, c.bytes, c.totalBytes, c.elapsed, c.width, got, c.want)
		}
		if len(got) >= c.width {
			t.Errorf("%q does not leave the last column of %d free", got, c.width)
		}
	}
}

// TestProgressSilentOffTerminal: a bar is drawn only on a terminal, never
// into a pipe or a file, and never with --quiet.
func TestProgressSilentOffTerminal(t *testing.T) {
	var b bytes.Buffer
	if p := newProgress(&b, 10, 100, false); p != nil {
		t.Fatal("a bar for a buffer")
	}
	var p *progress // what newProgress gives off a terminal: every method is a no-op
	p.add(5)
	p.done()
	if b.Len() != 0 {
		t.Fatalf("wrote %q", b.String())
	}
}

// TestProgressDrawsAndClears: on a terminal the bar redraws in place and is
// cleared at the end, so what follows starts on a clean line.
func TestProgressDrawsAndClears(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, total: 2, totalBytes: 20, width: 80, start: time.Now()}
	p.add(10)
	p.add(10)
	p.done()
	out := b.String()
	if !strings.HasPrefix(out, "\r[") || !strings.Contains(out, "2/2 docs") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("got %q", out)
	}
}
