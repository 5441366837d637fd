package out

import (
	"bufio"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/extract"
	"github.com/cyberclaims/claims/schema"
)

// WriteClaims extracts the listed documents and writes their claims to w as
// JSONL: byte for byte what EncodeClaims(extract.Merge(...)) of all of them
// gives, but with memory that does not grow with the corpus.
//
// The same sentence in two documents is one claim with every source, written
// where its first source is; so no claim can be written before every
// document has been read. The first pass extracts, renders and validates
// each document in parallel and spools the results, in output order, to a
// temporary file; it also files a 32-byte (id, source) record per claim into
// one of 64 partitions by id. Between the passes each partition in turn is
// sorted to find the ids that occur more than once: only those, with their
// sources, stay in memory. The second pass reads the spool back and writes
// each claim once, at its first source, with all its sources.
//
// Nothing is written when a document cannot be read or a claim is invalid.
// Warnings go to opt.Warn in listing order.
func WriteClaims(ctx context.Context, w io.Writer, x *extract.Extractor, entries []corpus.Entry, opt Options) error {
	order, rank := docOrder(entries)
	msgs := newMessages(entries, opt.Read)
	tmp, err := os.MkdirTemp(opt.TempDir, "claims-spool-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	sp, err := newSpool(tmp)
	if err != nil {
		return err
	}
	defer sp.close()

	work := func(k int) spoolDoc {
		e := &entries[order[k]]
		d, ok, warnings, err := e.Open(opt.Read)
		r := spoolDoc{warnings: warnings, err: err}
		if !ok || msgs.failed.Load() {
			return r // after an error, documents are only checked, not extracted
		}
		r.bytes = len(d.Text)
		res, err := x.ExtractContext(ctx, d.ID, d.Text, false)
		if err != nil {
			r.err = err
			return r
		}
		r.recs, r.buf = render(res.Claims)
		return r
	}
	anyInvalid := false
	sink := func(k int, r spoolDoc) error {
		msgs.add(order[k], r.warnings, r.err)
		for _, rec := range r.recs {
			anyInvalid = anyInvalid || rec.invalid
		}
		if opt.Progress != nil {
			opt.Progress(r.bytes)
		}
		err := sp.write(k, rank[k], &r)
		putBuf(r.buf) // spooled: nothing refers to it any more
		return err
	}
	if err := ordered(ctx, len(order), opt.workers(), func(k int) int64 { return entries[order[k]].Size }, work, sink); err != nil {
		return err
	}
	if err := msgs.report(len(entries), opt.Warn); err != nil {
		return err
	}
	if err := sp.finish(); err != nil {
		return err
	}
	names := make([]string, 0, len(order))
	for k, i := range order {
		if k == 0 || rank[k] != rank[k-1] {
			names = append(names, entries[i].ID)
		}
	}
	dups, err := sp.duplicates()
	if err != nil {
		return err
	}
	if anyInvalid {
		// Find the first invalid claim in output order, as EncodeClaims
		// would name it, before anything is written.
		if err := sp.emit(io.Discard, rank, names, dups); err != nil {
			return err
		}
		for _, d := range dups {
			d.emitted = false
		}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := sp.emit(bw, rank, names, dups); err != nil {
		return err
	}
	return bw.Flush()
}

// spoolRec is one claim of the first pass, rendered and validated.
type spoolRec struct {
	id               uint64
	start, end, line int
	topic            int
	code             string
	head, tail       []byte // the JSON before and after the sources
	invalid          bool
}

// spoolDoc is what the first pass makes of one document.
type spoolDoc struct {
	warnings []error
	err      error
	bytes    int
	recs     []spoolRec
	buf      []byte // holds every head and tail
}

// render encodes a document's claims without their sources and validates
// each with its single source, in output order.
func render(claims []schema.Claim) ([]spoolRec, []byte) {
	recs := make([]spoolRec, len(claims))
	type span struct{ h, t, e int }
	spans := make([]span, len(claims))
	buf, line := getBuf(), getBuf()
	defer func() { putBuf(line) }()
	for i := range claims {
		c := &claims[i]
		r := &recs[i]
		if c.Review.Corrections != nil || len(c.Sources) != 1 {
			panic("out: extracted claims have one source and no review")
		}
		s := c.Sources[0]
		r.start, r.end, r.line = s.Start, s.End, s.Line
		r.topic, r.code = topicRank[c.Topic], c.CountryCode
		id, err := strconv.ParseUint(c.ID[min(2, len(c.ID)):], 16, 64)
		r.id = id
		spans[i].h = len(buf)
		buf = c.AppendJSONHead(buf)
		spans[i].t = len(buf)
		buf = c.AppendJSONTail(buf)
		spans[i].e = len(buf)
		// The line to validate is head, source, tail: AppendJSON's bytes
		// without encoding the claim a second time.
		line = append(line[:0], buf[spans[i].h:spans[i].t]...)
		line = schema.AppendSourcesJSON(line, c.Sources)
		line = append(line, buf[spans[i].t:spans[i].e]...)
		r.invalid = err != nil || len(c.ID) != 18 || schema.ValidateJSON(schema.ClaimSchema, line) != nil
	}
	for i := range recs {
		recs[i].head = buf[spans[i].h:spans[i].t]
		recs[i].tail = buf[spans[i].t:spans[i].e]
	}
	sortRecs(recs)
	return recs, buf
}

// bufs recycles render's buffers, which otherwise grow afresh for every
// document, a kilobyte a claim: the one for the lines it validates at
// once, the one it returns when the document's claims are spooled.
var bufs sync.Pool // of *[]byte

func getBuf() []byte {
	if b, ok := bufs.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return nil
}

// putBuf hands b back for reuse, unless it is too large to keep around.
func putBuf(b []byte) {
	if b != nil && cap(b) <= 4<<20 {
		bufs.Put(&b)
	}
}

// sortRecs puts one sentence's claims in extract.Merge's order: by topic,
// then actor code, then id.
func sortRecs(recs []spoolRec) {
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := &recs[i], &recs[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.topic != b.topic {
			return a.topic < b.topic
		}
		if a.code != b.code {
			return a.code < b.code
		}
		return a.id < b.id
	})
}

const partitions = 64

// spool holds the first pass on disk: the rendered claims in output order,
// and the (id, source) records in partitions by id.
type spool struct {
	dir   string
	f     *os.File
	w     *bufio.Writer
	parts [partitions]*bufio.Writer
	files [partitions]*os.File
	// held keeps the (id, source) records until there are spillAt of them.
	held    [][32]byte
	spilled bool
	docs    int
	num     [binary.MaxVarintLen64]byte
}

func newSpool(dir string) (*spool, error) {
	f, err := os.Create(filepath.Join(dir, "claims"))
	if err != nil {
		return nil, err
	}
	return &spool{dir: dir, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (s *spool) close() {
	s.f.Close()
	for _, f := range s.files {
		if f != nil {
			f.Close()
		}
	}
}

func (s *spool) uint(w *bufio.Writer, v uint64) {
	w.Write(binary.AppendUvarint(s.num[:0], v))
}

func (s *spool) bytes(w *bufio.Writer, b []byte) {
	s.uint(w, uint64(len(b)))
	w.Write(b)
}

// write appends document k's claims (rank r among the document names).
func (s *spool) write(k, r int, d *spoolDoc) error {
	s.docs++
	s.uint(s.w, uint64(len(d.recs)))
	for i := range d.recs {
		rec := &d.recs[i]
		s.bytes(s.w, rec.head)
		s.bytes(s.w, rec.tail)
		s.uint(s.w, rec.id)
		s.uint(s.w, uint64(rec.start))
		s.uint(s.w, uint64(rec.end))
		s.uint(s.w, uint64(rec.line))
		s.uint(s.w, uint64(rec.topic))
		s.bytes(s.w, []byte(rec.code))
		inv := byte(0)
		if rec.invalid {
			inv = 1
		}
		s.w.WriteByte(inv)
		if rec.end > math.MaxUint32 {
			return fmt.Errorf("a document over 4 GB: claims at byte %d", rec.start)
		}
		var b [32]byte
		binary.LittleEndian.PutUint64(b[0:], rec.id)
		binary.LittleEndian.PutUint64(b[8:], uint64(r))
		binary.LittleEndian.PutUint64(b[16:], uint64(rec.start))
		binary.LittleEndian.PutUint32(b[24:], uint32(rec.end-rec.start))
		binary.LittleEndian.PutUint32(b[28:], uint32(rec.line))
		if err := s.file(b); err != nil {
			return err
		}
	}
	return nil
}

// spillAt is how many (id, source) records stay in memory (2 MB) before
// they go to the partition files: a small run creates no files at all.
var spillAt = 1 << 16 // a variable so tests can spill small runs

// file keeps one (id, source) record, in memory or in its partition.
func (s *spool) file(b [32]byte) error {
	if !s.spilled {
		s.held = append(s.held, b)
		if len(s.held) < spillAt {
			return nil
		}
		s.spilled = true
		held := s.held
		s.held = nil
		for _, h := range held {
			if err := s.file(h); err != nil {
				return err
			}
		}
		return nil
	}
	p := binary.LittleEndian.Uint64(b[:]) % partitions
	if s.parts[p] == nil {
		f, err := os.Create(filepath.Join(s.dir, fmt.Sprintf("ids-%02d", p)))
		if err != nil {
			return err
		}
		s.files[p], s.parts[p] = f, bufio.NewWriterSize(f, 16<<10)
	}
	_, err := s.parts[p].Write(b[:])
	return err
}

func (s *spool) finish() error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	for _, w := range s.parts {
		if w != nil {
			if err := w.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// dup is a claim id with more than one source. Sources are kept packed
// (document rank, offsets, line): a corpus may repeat many sentences.
type dup struct {
	sources []dupSource
	emitted bool
}

type dupSource struct{ rank, start, end, line uint32 }

type idRec struct {
	id, rank, start uint64
	length, line    uint32
}

// duplicates reads the partitions one at a time and returns the ids that
// occur more than once, each with its sources sorted and without repeats.
func (s *spool) duplicates() (map[uint64]*dup, error) {
	dups := map[uint64]*dup{}
	var parts [][]byte // the held records, or one partition file at a time
	if !s.spilled {
		b := make([]byte, 0, 32*len(s.held))
		for _, h := range s.held {
			b = append(b, h[:]...)
		}
		parts = [][]byte{b}
	}
	for _, f := range s.files {
		if f != nil {
			parts = append(parts, nil)
		}
	}
	k := 0
	for _, b := range parts {
		if b == nil {
			for s.files[k] == nil {
				k++
			}
			var err error
			if b, err = os.ReadFile(s.files[k].Name()); err != nil {
				return nil, err
			}
			k++
		}
		recs := make([]idRec, len(b)/32)
		for i := range recs {
			r := b[32*i:]
			recs[i] = idRec{binary.LittleEndian.Uint64(r), binary.LittleEndian.Uint64(r[8:]), binary.LittleEndian.Uint64(r[16:]),
				binary.LittleEndian.Uint32(r[24:]), binary.LittleEndian.Uint32(r[28:])}
		}
		slices.SortFunc(recs, func(a, b idRec) int {
			switch {
			case a.id != b.id:
				return cmp.Compare(a.id, b.id)
			case a.rank != b.rank:
				return cmp.Compare(a.rank, b.rank)
			case a.start != b.start:
				return cmp.Compare(a.start, b.start)
			case a.length != b.length:
				return cmp.Compare(a.length, b.length)
			}
			return cmp.Compare(a.line, b.line)
		})
		for i := 0; i < len(recs); {
			j := i + 1
			for j < len(recs) && recs[j].id == recs[i].id {
				j++
			}
			if j-i > 1 {
				d := &dup{}
				for _, r := range recs[i:j] {
					src := dupSource{uint32(r.rank), uint32(r.start), uint32(r.start) + r.length, r.line}
					if n := len(d.sources); n == 0 || d.sources[n-1] != src {
						d.sources = append(d.sources, src)
					}
				}
				d.sources = slices.Clip(d.sources)
				dups[recs[i].id] = d
			}
			i = j
		}
	}
	return dups, nil
}

// emit reads the spool back and writes every claim once, at its first
// source, with all its sources. Documents with the same id are read
// together, as their claims interleave.
func (s *spool) emit(w io.Writer, rank []int, names []string, dups map[uint64]*dup) error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := &spoolReader{r: bufio.NewReaderSize(s.f, 1<<20)}
	var group []spoolRec
	var line []byte
	var srcs []schema.Source
	n := 0
	for k := 0; k < s.docs; k++ {
		group = r.doc(group)
		if k+1 < s.docs && rank[k+1] == rank[k] {
			continue
		}
		if r.err != nil {
			return r.err
		}
		if len(group) > 0 && k > 0 && rank[k-1] == rank[k] {
			sortRecs(group)
		}
		for i := range group {
			rec := &group[i]
			line = append(line[:0], rec.head...)
			d := dups[rec.id]
			switch {
			case d == nil:
				line = schema.AppendSourcesJSON(line, []schema.Source{{Doc: names[rank[k]], Start: rec.start, End: rec.end, Line: rec.line}})
			case d.emitted:
				continue
			default:
				d.emitted = true
				srcs = srcs[:0]
				for _, x := range d.sources {
					srcs = append(srcs, schema.Source{Doc: names[x.rank], Start: int(x.start), End: int(x.end), Line: int(x.line)})
				}
				line = schema.AppendSourcesJSON(line, srcs)
			}
			line = append(line, rec.tail...)
			if rec.invalid || d != nil {
				// Merged claims are checked whole; single-source ones were in the first pass.
				if err := schema.ValidateJSON(schema.ClaimSchema, line); err != nil {
					return &InvalidRecordError{Index: n, ID: fmt.Sprintf("c_%016x", rec.id), Err: err}
				}
			}
			line = append(line, '\n')
			if _, err := w.Write(line); err != nil {
				return err
			}
			n++
		}
		group = group[:0]
	}
	return r.err
}

var errSpool = errors.New("spool file damaged")

type spoolReader struct {
	r   *bufio.Reader
	err error
}

func (r *spoolReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	if err != nil {
		r.err = errSpool
	}
	return v
}

func (r *spoolReader) bytes() []byte {
	n := r.uint()
	if r.err != nil {
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.err = errSpool
	}
	return b
}

// doc appends one document's records to recs.
func (r *spoolReader) doc(recs []spoolRec) []spoolRec {
	n := r.uint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		var rec spoolRec
		rec.head = r.bytes()
		rec.tail = r.bytes()
		rec.id = r.uint()
		rec.start, rec.end, rec.line = int(r.uint()), int(r.uint()), int(r.uint())
		rec.topic = int(r.uint())
		rec.code = string(r.bytes())
		b, err := r.r.ReadByte()
		if err != nil {
			r.err = errSpool
		}
		rec.invalid = b == 1
		recs = append(recs, rec)
	}
	return recs
}
