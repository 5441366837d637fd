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

// Error is a problem with one input file; Offset is -1 when it has no position.
type Error struct {
	Path   string
	Line   int
	Offset int
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %s", e.Path, e.Offset, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// IsText reports whether a file name is a document: .txt or .md.
func IsText(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".txt" || ext == ".md"
}

// Read reads every document the arguments name, in argument order and, within
// a directory, in sorted path order. warn receives skipped files.
func Read(args []string, stdin io.Reader, opt Options, warn func(error)) ([]Document, error) {
	if warn == nil {
		warn = func(error) {}
	}
	var docs []Document
	var errs []error
	fail := func(err error) {
		if opt.KeepGoing {
			warn(err)
		} else {
			errs = append(errs, err)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			b, err := io.ReadAll(stdin)
			if err != nil {
				return nil, &Error{Path: "stdin", Offset: -1, Msg: err.Error()}
			}
			if d, err := decode("stdin", "stdin", b, opt); err != nil {
				fail(err)
			} else {
				docs = append(docs, d)
			}
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, &Error{Path: arg, Offset: -1, Msg: describe(err)})
			continue
		}
		if !st.IsDir() {
			if d, err := readFile(arg, filepath.Base(arg), opt); err != nil {
				fail(err)
			} else {
				docs = append(docs, d)
			}
			continue
		}
		var paths []string
		werr := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				warn(&Error{Path: p, Offset: -1, Msg: "skipped: " + describe(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				warn(&Error{Path: p, Offset: -1, Msg: "skipped: symbolic link (not followed, so loops cannot occur)"})
				return nil
			}
			if !d.Type().IsRegular() {
				warn(&Error{Path: p, Offset: -1, Msg: "skipped: not a regular file"})
				return nil
			}
			if !IsText(p) {
				if !companion(d.Name()) {
					warn(&Error{Path: p, Offset: -1, Msg: "skipped: not a .txt or .md document"})
				}
				return nil
			}
			paths = append(paths, p)
			return nil
		})
		if werr != nil {
			errs = append(errs, werr)
			continue
		}
		sort.Strings(paths)
		for _, p := range paths {
			rel, _ := filepath.Rel(arg, p)
			if d, err := readFile(p, filepath.ToSlash(rel), opt); err != nil {
				fail(err)
			} else {
				docs = append(docs, d)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return docs, nil
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
		return Document{}, &Error{Path: path, Offset: i, Msg: "NUL byte: a binary file, not text"}
	}
	switch strings.ToLower(opt.Encoding) {
	case "", "utf-8", "utf8":
		if !utf8.Valid(b) {
			off := invalidOffset(b)
			return Document{}, &Error{Path: path, Line: 0, Offset: off, Msg: fmt.Sprintf("invalid UTF-8 (line %d); if the file is a legacy export, try --encoding latin1 or --encoding windows-1252", bytes.Count(b[:off], []byte("\n"))+1)}
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
