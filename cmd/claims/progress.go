package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress draws a one-line bar on stderr while documents stream through:
// documents, megabytes, rate and time left. It draws only when stderr is a
// terminal, so logs and pipes never see it, and never touches stdout.
type progress struct {
	w          io.Writer
	total      int
	totalBytes int64
	width      int
	start      time.Time
	every      time.Duration

	mu    sync.Mutex
	docs  int
	bytes int64
	drawn time.Time
	shown bool
}

// newProgress returns a bar for total documents of totalBytes, or nil
// (which does nothing) when quiet or when w is not a terminal.
func newProgress(w io.Writer, total int, totalBytes int64, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		width = 80
	}
	return &progress{w: w, total: total, totalBytes: totalBytes, width: width, start: time.Now(), every: 100 * time.Millisecond}
}

// add counts one document of n bytes and redraws at most every p.every.
func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.docs++
	p.bytes += int64(n)
	now := time.Now()
	if now.Sub(p.drawn) < p.every && p.docs < p.total {
		return
	}
	p.drawn = now
	p.shown = true
	fmt.Fprint(p.w, "\r"+renderBar(p.docs, p.total, p.bytes, p.totalBytes, now.Sub(p.start), p.width)+"\x1b[K")
}

// done clears the bar, so that what follows on stderr starts on a clean line.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// renderBar is the bar's text for docs of total documents, and bytes of
// totalBytes, read after elapsed, fitted to width columns (the bar shrinks
// first). Progress and time left go by bytes, as documents differ in size.
func renderBar(docs, total int, bytes, totalBytes int64, elapsed time.Duration, width int) string {
	frac := 1.0
	switch {
	case totalBytes > 0:
		frac = min(float64(bytes)/float64(totalBytes), 1)
	case total > 0:
		frac = min(float64(docs)/float64(total), 1)
	}
	mb := float64(bytes) / 1e6
	rate := "-- MB/s"
	if s := elapsed.Seconds(); s > 0 {
		rate = fmt.Sprintf("%.1f MB/s", mb/s)
	}
	eta := "--:--"
	if frac > 0 && elapsed > 0 {
		eta = clock(time.Duration(float64(elapsed) * (1 - frac) / frac))
	}
	const format = " %d/%d docs  %.1f/%.1f MB  %s  ETA %s"
	info := fmt.Sprintf(format, docs, total, mb, float64(totalBytes)/1e6, rate, eta)
	// Sized for the widest text the run can show, so the bar keeps its width.
	widest := fmt.Sprintf(format, total, total, float64(totalBytes)/1e6, float64(totalBytes)/1e6, "999.9 MB/s", "9:59:59")
	barWidth := width - max(len(info), len(widest)) - len("[] 100%") - 1
	if barWidth < 5 {
		// A narrow terminal: the essentials, cut to fit.
		s := fmt.Sprintf("%.0f%% %d/%d ETA %s", frac*100, docs, total, eta)
		return s[:min(len(s), max(width-1, 0))]
	}
	barWidth = min(barWidth, 40)
	fill := int(frac * float64(barWidth))
	bar := strings.Repeat("=", fill)
	if fill < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-fill-1)
	}
	return fmt.Sprintf("[%s] %3.0f%%%s", bar, frac*100, info)
}

// clock formats a duration as m:ss, or h:mm:ss past an hour.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
