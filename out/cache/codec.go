package cache

import (
	"encoding/binary"
	"errors"

	"github.com/cyberclaims/claims/schema"
)

// A cache entry holds a document's claims in a compact binary form: reading
// 10,000 entries back must cost a fraction of extracting them, which rules
// out decoding JSON. Lists keep nil apart from empty (length+1, 0 for nil),
// since JSON writes them differently ("null" and "[]"). Decoded strings are
// slices of one string per entry, so a claim costs a few allocations.

// codecVersion changes whenever the layout below does; it is part of the key.
const codecVersion = "claims-cache-1"

var errCorrupt = errors.New("corrupt cache entry")

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

// count writes a list length: 0 for nil, n+1 otherwise.
func (e *encoder) count(isNil bool, n int) {
	if isNil {
		e.uint(0)
	} else {
		e.uint(uint64(n) + 1)
	}
}

func (e *encoder) strs(list []string) {
	e.count(list == nil, len(list))
	for _, s := range list {
		e.str(s)
	}
}

func (e *encoder) because(b *schema.Because) {
	e.str(b.Rule)
	e.count(b.Spans == nil, len(b.Spans))
	for _, s := range b.Spans {
		e.int(s.Start)
		e.int(s.End)
		e.str(s.Text)
	}
	e.str(b.Note)
}

// errUncacheable refuses claims the layout does not hold: review
// corrections, which extraction never makes.
var errUncacheable = errors.New("claim with review corrections cannot be cached")

func encodeClaims(claims []schema.Claim) ([]byte, error) {
	e := &encoder{}
	e.count(claims == nil, len(claims))
	for i := range claims {
		c := &claims[i]
		if c.Review.Corrections != nil {
			return nil, errUncacheable
		}
		for _, s := range []string{c.ID, c.Country, c.CountryCode, c.ActorType, c.Topic, c.Stance} {
			e.str(s)
		}
		e.strs(c.Resolutions)
		e.strs(c.Documents)
		e.str(c.Text)
		e.count(c.Sources == nil, len(c.Sources))
		for _, s := range c.Sources {
			e.str(s.Doc)
			e.int(s.Start)
			e.int(s.End)
			e.int(s.Line)
		}
		ev := &c.Evidence
		e.int(ev.Sentence)
		e.because(&ev.Country)
		e.because(&ev.Topic)
		e.because(&ev.Stance)
		if ev.Negation == nil {
			e.uint(0)
		} else {
			e.uint(1)
			e.because(ev.Negation)
		}
		e.count(ev.Citations == nil, len(ev.Citations))
		for j := range ev.Citations {
			e.because(&ev.Citations[j])
		}
		for _, s := range []string{c.Review.Status, c.Review.Reviewer, c.Review.At, c.Review.Note} {
			e.str(s)
		}
	}
	return e.b, nil
}

type decoder struct {
	s   string // the whole entry: decoded strings are slices of it
	i   int
	err bool
}

func (d *decoder) uint() uint64 {
	var x uint64
	var shift uint
	for k := 0; k < binary.MaxVarintLen64; k++ {
		if d.i >= len(d.s) {
			break
		}
		c := d.s[d.i]
		d.i++
		if c < 0x80 {
			if k == binary.MaxVarintLen64-1 && c > 1 {
				break // overflows 64 bits
			}
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.err = true
	return 0
}

func (d *decoder) int() int {
	u := d.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return int(x)
}

func (d *decoder) str() string {
	n := d.uint()
	if d.err || n > uint64(len(d.s)-d.i) {
		d.err = true
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

// count reads a list length; ok is false for nil.
func (d *decoder) count() (n int, ok bool) {
	v := d.uint()
	// No list can be longer than the bytes left: this bounds allocations
	// made from a corrupt length.
	if d.err || v > uint64(len(d.s)-d.i)+1 {
		d.err = true
		return 0, false
	}
	if v == 0 {
		return 0, false
	}
	return int(v - 1), true
}

func (d *decoder) strs() []string {
	n, ok := d.count()
	if !ok {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) because(b *schema.Because) {
	b.Rule = d.str()
	if n, ok := d.count(); ok {
		b.Spans = make([]schema.Span, n)
		for i := range b.Spans {
			b.Spans[i] = schema.Span{Start: d.int(), End: d.int(), Text: d.str()}
		}
	}
	b.Note = d.str()
}

func decodeClaims(s string) ([]schema.Claim, error) {
	d := &decoder{s: s}
	n, ok := d.count()
	if !ok {
		if d.err || d.i != len(s) {
			return nil, errCorrupt
		}
		return nil, nil
	}
	out := make([]schema.Claim, n)
	for i := range out {
		c := &out[i]
		c.ID, c.Country, c.CountryCode, c.ActorType, c.Topic, c.Stance = d.str(), d.str(), d.str(), d.str(), d.str(), d.str()
		c.Resolutions = d.strs()
		c.Documents = d.strs()
		c.Text = d.str()
		if n, ok := d.count(); ok {
			c.Sources = make([]schema.Source, n)
			for j := range c.Sources {
				c.Sources[j] = schema.Source{Doc: d.str(), Start: d.int(), End: d.int(), Line: d.int()}
			}
		}
		ev := &c.Evidence
		ev.Sentence = d.int()
		d.because(&ev.Country)
		d.because(&ev.Topic)
		d.because(&ev.Stance)
		switch d.uint() {
		case 0:
		case 1:
			ev.Negation = &schema.Because{}
			d.because(ev.Negation)
		default:
			d.err = true
		}
		if n, ok := d.count(); ok {
			ev.Citations = make([]schema.Because, n)
			for j := range ev.Citations {
				d.because(&ev.Citations[j])
			}
		}
		c.Review.Status, c.Review.Reviewer, c.Review.At, c.Review.Note = d.str(), d.str(), d.str(), d.str()
		if d.err {
			return nil, errCorrupt
		}
	}
	if d.i != len(s) {
		return nil, errCorrupt
	}
	return out, nil
}
