// Package corpus reads the documents claims are extracted from and the
// reviews people make of them. It owns everything about input files:
// walking directories, document ids, encodings and bad input.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Document is one input text.
type Document struct {
	// ID is the path relative to the argument it came from (slash-separated),
	// the base name for a single file, or "stdin" for "-".
	ID string
	// Path is where it was read from, for messages.
	Path string
	// Text is the document as UTF-8. Offsets index these bytes: for UTF-8
	// input they are the raw file; for a legacy encoding, its UTF-8 decoding.
	Text []byte
}

// Options tunes reading.
type Options struct {
	// Encoding is "utf-8" (default), "latin1" or "windows-1252".
	Encoding string
	// KeepGoing skips unreadable or invalid documents with a warning instead of failing.
	KeepGoing bool
}

// Error is a problem with one input file. Line and Col (1-based, Col in
// bytes as Go's tools count) are 0 when unknown; Offset is the byte offset
// in the file, -1 when it has no position.
type Error struct {
	Path      string
	Line, Col int
	Offset    int
	Msg       string
}

// Error prints "path:line:col: message", as compilers and editors expect,
// with as much of the position as is known.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %s", e.Path, e.Offset, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// errorAt returns an Error at byte off of b, with its line and column.
// Lines end at "\n", "\r\n" or a lone "\r", as claims count them.
func errorAt(path string, b []byte, off int, msg string) *Error {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if b[i] == '\n' || b[i] == '\r' && (i+1 >= len(b) || b[i+1] != '\n') {
			line, start = line+1, i+1
		}
	}
	return &Error{Path: path, Line: line, Col: off - start + 1, Offset: off, Msg: msg}
}

// IsText reports whether a file name is a document: .txt or .md.
func IsText(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".txt" || ext == ".md"
}

// Entry is one item of a listing, in reading order: a document to read
// later, or a problem met while listing (a skipped file, a missing path), kept
// in its place so that messages come out in the same order however the
// documents are read. A listing holds an entry per document of the corpus,
// so an entry is kept small: the rare parts sit behind one pointer.
type Entry struct {
	// ID is the document id (see Document.ID); Path is where it will be read
	// from. For a folder's documents, ID shares Path's bytes.
	ID, Path string
	// Size is the file's size in bytes when listed (0 for problems).
	Size int64
	rare *entryRare
}

type entryRare struct {
	warning error  // a skipped file: no document
	err     error  // a path that could not be listed: no document
	walkErr error  // a path the walk could not enter: fails like an unreadable document
	stdin   []byte // the text of "-", read while listing
	isIn    bool
}

// Warning returns the skipped file the entry stands for, or nil.
func (e *Entry) Warning() error {
	if e.rare == nil {
		return nil
	}
	return e.rare.warning
}

// Err returns the path that could not be listed, or nil.
func (e *Entry) Err() error {
	if e.rare == nil {
		return nil
	}
	return e.rare.err
}

// IsDocument reports whether the entry names a document to load rather than
// a problem already known.
func (e *Entry) IsDocument() bool { return e.Warning() == nil && e.Err() == nil }

// Load reads and decodes the entry's document.
func (e *Entry) Load(opt Options) (Document, error) {
	if r := e.rare; r != nil {
		switch {
		case r.walkErr != nil:
			return Document{}, r.walkErr
		case r.isIn:
			return decode("stdin", "stdin", r.stdin, opt)
		}
	}
	return readFile(e.Path, e.ID, opt)
}

// Open settles one entry as Read does: it returns the document (ok), the
// warnings to print in its place (a skipped file, a blank document, a
// failure skipped under KeepGoing), or the error that fails the run.
func (e *Entry) Open(opt Options) (d Document, ok bool, warnings []error, err error) {
	if w := e.Warning(); w != nil {
		return Document{}, false, []error{w}, nil
	}
	if err := e.Err(); err != nil {
		return Document{}, false, nil, err
	}
	d, err = e.Load(opt)
	if err != nil {
		if opt.KeepGoing {
			return Document{}, false, []error{fmt.Errorf("%w; skipped (--keep-going)", err)}, nil
		}
		return Document{}, false, nil, err
	}
	if w := blank(d); w != nil {
		warnings = []error{w}
	}
	return d, true, warnings, nil
}

// blank names a document with no text: it is read (it simply has no
// claims), but never silently.
func blank(d Document) error {
	if len(d.Text) == 0 {
		return &Error{Path: d.Path, Offset: -1, Msg: "empty file: no claims"}
	}
	for i := 0; i < len(d.Text); {
		r, n := utf8.DecodeRune(d.Text[i:])
		if r != '\uFEFF' && !unicode.IsSpace(r) {
			return nil // scanned in place: a large document is not copied
		}
		i += n
	}
	return &Error{Path: d.Path, Offset: -1, Msg: "only white space: no claims"}
}

// List names every document the arguments name, in argument order and, within
// a directory, in sorted path order, without reading them (except stdin), so
// that a large corpus can stream through.
func List(args []string, stdin io.Reader) ([]Entry, error) {
	var out []Entry
	for _, arg := range args {
		if arg == "-" {
			b, err := io.ReadAll(stdin)
			if err != nil {
				return nil, &Error{Path: "stdin", Offset: -1, Msg: err.Error()}
			}
			out = append(out, Entry{ID: "stdin", Path: "stdin", Size: int64(len(b)), rare: &entryRare{stdin: b, isIn: true}})
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			out = append(out, Entry{Path: arg, rare: &entryRare{err: &Error{Path: arg, Offset: -1, Msg: describe(err)}}})
			continue
		}
		if !st.IsDir() {
			out = append(out, Entry{ID: filepath.Base(arg), Path: arg, Size: st.Size()})
			continue
		}
		type file struct {
			path string
			size int64
		}
		var paths []file
		werr := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			warn := func(msg string) {
				out = append(out, Entry{Path: p, rare: &entryRare{warning: &Error{Path: p, Offset: -1, Msg: msg}}})
			}
			if err != nil {
				// An unreadable file or folder would lose documents: it fails
				// like an unreadable document (a warning under KeepGoing).
				out = append(out, Entry{Path: p, rare: &entryRare{walkErr: &Error{Path: p, Offset: -1, Msg: describe(err)}}})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != arg && goTestdata(p) {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				warn("skipped: symbolic link (not followed, so loops cannot occur)")
				return nil
			}
			if !d.Type().IsRegular() {
				warn("skipped: not a regular file")
				return nil
			}
			if !IsText(p) {
				if !companion(d.Name()) {
					warn("skipped: not a .txt or .md document")
				}
				return nil
			}
			f := file{path: p}
			if info, err := d.Info(); err == nil {
				f.size = info.Size()
			}
			paths = append(paths, f)
			return nil
		})
		if werr != nil {
			out = append(out, Entry{Path: arg, rare: &entryRare{err: werr}})
			continue
		}
		sort.Slice(paths, func(i, j int) bool { return paths[i].path < paths[j].path })
		for _, f := range paths {
			rel, _ := filepath.Rel(arg, f.path)
			id := filepath.ToSlash(rel)
			if strings.HasSuffix(f.path, id) {
				id = f.path[len(f.path)-len(id):] // the same bytes, not a copy
			}
			out = append(out, Entry{ID: id, Path: f.path, Size: f.size})
		}
	}
	return out, nil
}

// Read reads every document the arguments name, in argument order and, within
// a directory, in sorted path order. warn receives skipped files.
func Read(args []string, stdin io.Reader, opt Options, warn func(error)) ([]Document, error) {
	if warn == nil {
		warn = func(error) {}
	}
	entries, err := List(args, stdin)
	if err != nil {
		return nil, err
	}
	var docs []Document
	var errs []error
	for i := range entries {
		d, ok, warnings, err := entries[i].Open(opt)
		for _, w := range warnings {
			warn(w)
		}
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			docs = append(docs, d)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return docs, nil
}

// goTestdata reports whether dir is the testdata folder of a Go package
// (corpus/testdata holds fuzz seeds beside the briefs): like Go itself, the
// walk skips it, silently as it does other companion files.
func goTestdata(dir string) bool {
	if filepath.Base(dir) != "testdata" {
		return false
	}
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "*.go"))
	return len(m) > 0
}

// companion reports whether a non-document file is one that lives beside
// the briefs on purpose (reviews, gold, lock files, Go code, dotfiles), so
// skipping it is not worth a warning.
func companion(name string) bool {
	if strings.HasPrefix(name, ".") {
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".json", ".go", ".lock", ".yaml", ".yml":
		return true
	}
	return false
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func readFile(path, id string, opt Options) (Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Document{}, &Error{Path: path, Offset: -1, Msg: describe(err)}
	}
	return decode(path, id, b, opt)
}

// decode checks a document is text and returns it as UTF-8.
func decode(path, id string, b []byte, opt Options) (Document, error) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return Document{}, errorAt(path, b, i, fmt.Sprintf("NUL byte (byte %d): a binary file, not text", i))
	}
	switch strings.ToLower(opt.Encoding) {
	case "", "utf-8", "utf8":
		if !utf8.Valid(b) {
			off := invalidOffset(b)
			return Document{}, errorAt(path, b, off, fmt.Sprintf("invalid UTF-8 (byte %d); if the file is a legacy export, try --encoding latin1 or --encoding windows-1252", off))
		}
	case "latin1", "iso-8859-1":
		b = fromSingleByte(b, nil)
	case "windows-1252", "cp1252":
		b = fromSingleByte(b, &cp1252)
	default:
		return Document{}, &Error{Path: path, Offset: -1, Msg: fmt.Sprintf("unknown encoding %q (want utf-8, latin1 or windows-1252)", opt.Encoding)}
	}
	return Document{ID: id, Path: path, Text: b}, nil
}

func invalidOffset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// cp1252 maps bytes 0x80-0x9F of Windows-1252; the rest equals Latin-1.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func fromSingleByte(b []byte, high *[32]rune) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/8)
	for _, c := range b {
		r := rune(c)
		if high != nil && c >= 0x80 && c < 0xA0 {
			r = high[c-0x80]
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}
