package schema

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Claims are encoded by the million, and encoding/json's reflection costs as
// much as a third of extracting one. The functions here write the very bytes
// json.Marshal writes for a *Claim (tests compare the two on every field,
// escapes included), so output does not depend on which encoder made it.

// AppendJSON appends the claim as json.Marshal(c) encodes it.
func (c *Claim) AppendJSON(dst []byte) []byte {
	if c.Review.Corrections != nil {
		// Corrections are rare (reviewed claims only): the library encodes them.
		b, err := json.Marshal(c)
		if err != nil {
			panic(err) // a Claim has no values Marshal can refuse
		}
		return append(dst, b...)
	}
	dst = c.AppendJSONHead(dst)
	dst = AppendSourcesJSON(dst, c.Sources)
	return c.AppendJSONTail(dst)
}

// AppendJSONHead appends the encoding of c up to and including the
// "sources" key, so that a caller can put any list of sources after it.
// Claims with review corrections are encoded by AppendJSON only.
func (c *Claim) AppendJSONHead(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, c.ID)
	dst = append(dst, `,"country":`...)
	dst = appendString(dst, c.Country)
	dst = append(dst, `,"country_code":`...)
	dst = appendString(dst, c.CountryCode)
	dst = append(dst, `,"actor_type":`...)
	dst = appendString(dst, c.ActorType)
	dst = append(dst, `,"topic":`...)
	dst = appendString(dst, c.Topic)
	dst = append(dst, `,"stance":`...)
	dst = appendString(dst, c.Stance)
	dst = append(dst, `,"resolutions":`...)
	dst = appendStrings(dst, c.Resolutions)
	dst = append(dst, `,"documents":`...)
	dst = appendStrings(dst, c.Documents)
	dst = append(dst, `,"text":`...)
	dst = appendString(dst, c.Text)
	return append(dst, `,"sources":`...)
}

// AppendJSONTail appends the encoding of c after its sources: evidence,
// review and the closing brace.
func (c *Claim) AppendJSONTail(dst []byte) []byte {
	e := &c.Evidence
	dst = append(dst, `,"evidence":{"sentence":`...)
	dst = strconv.AppendInt(dst, int64(e.Sentence), 10)
	dst = append(dst, `,"country":`...)
	dst = appendBecause(dst, &e.Country)
	dst = append(dst, `,"topic":`...)
	dst = appendBecause(dst, &e.Topic)
	dst = append(dst, `,"stance":`...)
	dst = appendBecause(dst, &e.Stance)
	if e.Negation != nil {
		dst = append(dst, `,"negation":`...)
		dst = appendBecause(dst, e.Negation)
	}
	if len(e.Citations) > 0 {
		dst = append(dst, `,"citations":[`...)
		for i := range e.Citations {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendBecause(dst, &e.Citations[i])
		}
		dst = append(dst, ']')
	}
	r := &c.Review
	dst = append(dst, `},"review":{"status":`...)
	dst = appendString(dst, r.Status)
	if r.Reviewer != "" {
		dst = append(dst, `,"reviewer":`...)
		dst = appendString(dst, r.Reviewer)
	}
	if r.At != "" {
		dst = append(dst, `,"at":`...)
		dst = appendString(dst, r.At)
	}
	if r.Note != "" {
		dst = append(dst, `,"note":`...)
		dst = appendString(dst, r.Note)
	}
	return append(dst, "}}"...)
}

// AppendSourcesJSON appends a list of sources as json.Marshal encodes it.
func AppendSourcesJSON(dst []byte, sources []Source) []byte {
	if sources == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range sources {
		s := &sources[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"doc":`...)
		dst = appendString(dst, s.Doc)
		dst = append(dst, `,"start":`...)
		dst = strconv.AppendInt(dst, int64(s.Start), 10)
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, int64(s.End), 10)
		dst = append(dst, `,"line":`...)
		dst = strconv.AppendInt(dst, int64(s.Line), 10)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func appendBecause(dst []byte, b *Because) []byte {
	dst = append(dst, `{"rule":`...)
	dst = appendString(dst, b.Rule)
	if len(b.Spans) > 0 {
		dst = append(dst, `,"spans":[`...)
		for i := range b.Spans {
			s := &b.Spans[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"start":`...)
			dst = strconv.AppendInt(dst, int64(s.Start), 10)
			dst = append(dst, `,"end":`...)
			dst = strconv.AppendInt(dst, int64(s.End), 10)
			dst = append(dst, `,"text":`...)
			dst = appendString(dst, s.Text)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if b.Note != "" {
		dst = append(dst, `,"note":`...)
		dst = appendString(dst, b.Note)
	}
	return append(dst, '}')
}

func appendStrings(dst []byte, list []string) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping on (the
// Marshal default): <, > and & as \u003c..., U+2028 and U+2029 escaped,
// invalid UTF-8 as \ufffd.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if htmlSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// htmlSafe marks the ASCII bytes encoding/json writes as they are when it
// escapes HTML: printable characters other than ", \, <, > and &.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()
