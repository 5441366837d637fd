package schema

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"math/bits"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The general validator decodes every record into maps and walks the schema
// with big-number arithmetic: about 30 µs a claim, more than extracting it.
// fastSchema is a second reading of the same schema file for the keywords
// our schemas use, run straight over the JSON bytes. It answers "valid",
// "invalid" or "cannot tell"; only "valid" is trusted on its own: anything
// else goes to the general validator, which stays the authority and writes
// every error message. A schema with a keyword it does not know is never
// read this way, so editing the schema can never make it lenient.

type verdict uint8

const (
	valid verdict = iota
	invalid
	unsure
)

// and combines verdicts of checks that must all hold.
func and(a, b verdict) verdict {
	if a == invalid || b == invalid {
		return invalid
	}
	if a == unsure || b == unsure {
		return unsure
	}
	return valid
}

// JSON types as a bit set.
const (
	tObject = 1 << iota
	tArray
	tString
	tInteger
	tNumber // any number, integers included
	tBoolean
	tNull
)

var typeBits = map[string]uint8{"object": tObject, "array": tArray, "string": tString, "integer": tInteger, "number": tNumber, "boolean": tBoolean, "null": tNull}

// fnode is one compiled (sub)schema.
type fnode struct {
	always    *bool // a boolean schema: true accepts all, false nothing
	types     uint8 // 0: no type keyword
	enum      []string
	hasEnum   bool
	pattern   *regexp.Regexp
	byHand    func([]byte) bool // pattern checked by hand (handPatterns), or nil
	minLength int               // -1 when absent
	minimum   int64
	hasMin    bool
	format    bool
	minItems  int // -1 when absent
	unique    bool
	items     *fnode
	props     map[string]*fnode
	required  []string
	// The properties as a list, which beats hashing every key: in the
	// order required names them (the order records are written in), then
	// by name. reqKnown marks the required ones, by index in propList;
	// reqOther holds the required names without a property schema.
	propList []fprop
	reqKnown uint64
	reqOther []string
	closed   bool // additionalProperties: false
	minProps int  // -1 when absent
	ref      *fnode
	ifN      *fnode
	thenN    *fnode
	elseN    *fnode
	notN     *fnode
}

type fprop struct {
	name string
	node *fnode
}

// maxProps bounds the properties of one object schema, so that the ones
// an object holds fit a bit set; a schema with more is not read here.
const maxProps = 64

// prop returns the index in propList of the property named key, or -1.
// The search starts at from, where the key after the previous one lies
// when the object is written in propList's order.
func (n *fnode) prop(key []byte, from int) int {
	l := n.propList
	for j := range l {
		i := from + j
		if i >= len(l) {
			i -= len(l)
		}
		if l[i].name == string(key) {
			return i
		}
	}
	return -1
}

// listProps fills propList, reqKnown and reqOther from props and required.
func (n *fnode) listProps() error {
	if len(n.props) > maxProps {
		return fmt.Errorf("%d properties", len(n.props))
	}
	at := map[string]int{}
	add := func(name string) {
		if _, dup := at[name]; !dup {
			at[name] = len(n.propList)
			n.propList = append(n.propList, fprop{name, n.props[name]})
		}
	}
	for _, name := range n.required {
		if _, ok := n.props[name]; ok {
			add(name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(n.props)) {
		add(name)
	}
	for _, name := range n.required {
		if i, ok := at[name]; ok {
			n.reqKnown |= 1 << i
		} else {
			n.reqOther = append(n.reqOther, name)
		}
	}
	return nil
}

// fastCompiler reads one schema document; refs resolve within it.
type fastCompiler struct {
	root    any
	refs    map[string]*fnode
	pending map[*fnode]bool // definitions being compiled: still empty
}

// annotations are keywords that never affect validity.
var annotations = map[string]bool{"$schema": true, "$id": true, "$comment": true, "title": true, "description": true, "examples": true, "default": true, "$defs": true}

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// compileFast reads a decoded schema document, or fails for anything
// outside the keywords it knows.
func compileFast(doc any) (*fnode, error) {
	if m, ok := doc.(map[string]any); ok {
		if s, ok := m["$schema"]; ok && s != draft2020 {
			return nil, fmt.Errorf("draft %v", s)
		}
	}
	c := &fastCompiler{root: doc, refs: map[string]*fnode{}, pending: map[*fnode]bool{}}
	return c.node(doc)
}

func (c *fastCompiler) node(v any) (*fnode, error) {
	if b, ok := v.(bool); ok {
		return &fnode{always: &b}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema is a %T", v)
	}
	n := &fnode{minLength: -1, minItems: -1, minProps: -1}
	var err error
	onlyRef := true // no keyword but $ref and annotations
	for k, val := range m {
		if k != "$ref" && !annotations[k] {
			onlyRef = false
		}
		switch k {
		case "type":
			switch t := val.(type) {
			case string:
				n.types = typeBits[t]
				if n.types == 0 {
					return nil, fmt.Errorf("type %q", t)
				}
			case []any:
				for _, e := range t {
					s, _ := e.(string)
					if typeBits[s] == 0 {
						return nil, fmt.Errorf("type %v", e)
					}
					n.types |= typeBits[s]
				}
			default:
				return nil, fmt.Errorf("type %v", val)
			}
		case "enum":
			list, ok := val.([]any)
			if !ok {
				return nil, fmt.Errorf("enum %v", val)
			}
			n.hasEnum = true
			for _, e := range list {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("enum value %v", e)
				}
				n.enum = append(n.enum, s)
			}
		case "const":
			s, ok := val.(string)
			if !ok {
				return nil, fmt.Errorf("const %v", val)
			}
			n.hasEnum, n.enum = true, []string{s}
		case "pattern":
			s, ok := val.(string)
			if !ok {
				return nil, fmt.Errorf("pattern %v", val)
			}
			// The general validator compiles patterns with Go's regexp too.
			if n.pattern, err = regexp.Compile(s); err != nil {
				return nil, err
			}
			n.byHand = handPatterns[s]
		case "minLength", "minItems", "minProperties", "minimum":
			i, err := count(val)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", k, err)
			}
			switch k {
			case "minLength":
				n.minLength = int(i)
			case "minItems":
				n.minItems = int(i)
			case "minProperties":
				n.minProps = int(i)
			case "minimum":
				n.minimum, n.hasMin = i, true
			}
		case "uniqueItems":
			b, ok := val.(bool)
			if !ok {
				return nil, fmt.Errorf("uniqueItems %v", val)
			}
			n.unique = b
		case "format":
			n.format = true
		case "required":
			list, ok := val.([]any)
			if !ok {
				return nil, fmt.Errorf("required %v", val)
			}
			for _, e := range list {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("required %v", e)
				}
				n.required = append(n.required, s)
			}
		case "additionalProperties":
			b, ok := val.(bool)
			if !ok {
				return nil, fmt.Errorf("additionalProperties schema")
			}
			n.closed = !b
		case "properties":
			pm, ok := val.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("properties %v", val)
			}
			n.props = map[string]*fnode{}
			for name, sub := range pm {
				if n.props[name], err = c.node(sub); err != nil {
					return nil, err
				}
			}
		case "items", "if", "then", "else", "not":
			sub, err := c.node(val)
			if err != nil {
				return nil, err
			}
			switch k {
			case "items":
				n.items = sub
			case "if":
				n.ifN = sub
			case "then":
				n.thenN = sub
			case "else":
				n.elseN = sub
			case "not":
				n.notN = sub
			}
		case "$ref":
			s, _ := val.(string)
			if n.ref, err = c.resolve(s); err != nil {
				return nil, err
			}
		default:
			if !annotations[k] {
				return nil, fmt.Errorf("keyword %q", k)
			}
		}
	}
	if err := n.listProps(); err != nil {
		return nil, err
	}
	if onlyRef && n.ref != nil {
		// A node that is only a reference accepts what its target does
		// (both parse the value and look for duplicate keys): standing
		// for the target spares walking each such value twice.
		return n.ref, nil
	}
	return n, nil
}

func count(v any) (int64, error) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("not a number: %v", v)
	}
	return strconv.ParseInt(string(num), 10, 64)
}

// resolve follows a local reference ("#/$defs/name"); others are not read.
func (c *fastCompiler) resolve(ref string) (*fnode, error) {
	if n, ok := c.refs[ref]; ok {
		return n, nil
	}
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("$ref %q", ref)
	}
	v := c.root
	for _, tok := range strings.Split(ref[2:], "/") {
		m, ok := v.(map[string]any)
		if !ok || strings.ContainsAny(tok, "~%") {
			return nil, fmt.Errorf("$ref %q", ref)
		}
		if v, ok = m[tok]; !ok {
			return nil, fmt.Errorf("$ref %q", ref)
		}
	}
	// Registered before compiling, so a recursive definition refers to itself.
	n := &fnode{}
	c.refs[ref] = n
	c.pending[n] = true
	sub, err := c.node(v)
	if err != nil {
		return nil, err
	}
	delete(c.pending, n)
	if c.pending[sub] || sub == n {
		// A definition that is only a reference to one still being read
		// (a cycle of bare references): no schema to copy.
		return nil, fmt.Errorf("$ref %q: a cycle of references", ref)
	}
	*n = *sub
	return n, nil
}

// fastCheck reports whether data is one JSON value valid against n. It
// returns unsure for malformed JSON and for what it does not decide itself
// (formats, non-integral numbers, escapes it does not decode, duplicate keys).
func fastCheck(n *fnode, data []byte) verdict {
	p := &fparser{data: data}
	p.ws()
	r := p.value(n, p.i)
	p.i = p.end
	p.ws()
	if p.bad || p.i != len(data) {
		return unsure
	}
	return r
}

// fparser validates over the bytes. Every value is parsed to its end even
// after a verdict of invalid, so malformed JSON is always noticed (bad).
type fparser struct {
	data    []byte
	i       int  // read position
	end     int  // end of the value last returned by value
	bad     bool // malformed JSON, or something not decided here
	scratch []byte
	decoded bool // the last string had escapes: strBytes returned scratch
}

func (p *fparser) ws() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// value checks the value at offset at against n and sets p.end past it.
func (p *fparser) value(n *fnode, at int) verdict {
	p.i = at
	if p.i >= len(p.data) {
		p.bad = true
		p.end = len(p.data)
		return unsure
	}
	if n == nil {
		p.skip()
		if p.bad {
			p.end = len(p.data)
			return unsure
		}
		return valid
	}
	var r verdict
	switch c := p.data[p.i]; {
	case c == '{':
		r = p.object(n)
	case c == '[':
		r = p.array(n)
	case c == '"':
		r = p.str(n)
	case c == '-' || ('0' <= c && c <= '9'):
		r = p.number(n)
	case c == 't' || c == 'f' || c == 'n':
		r = p.literal(n)
	default:
		p.bad = true
		p.end = len(p.data)
		return unsure
	}
	if p.bad {
		p.end = len(p.data)
		return unsure
	}
	end := p.end
	if n.always != nil && !*n.always {
		r = invalid
	}
	if n.ref != nil {
		r = and(r, p.value(n.ref, at))
	}
	if n.ifN != nil {
		switch p.value(n.ifN, at) {
		case valid:
			if n.thenN != nil {
				r = and(r, p.value(n.thenN, at))
			}
		case invalid:
			if n.elseN != nil {
				r = and(r, p.value(n.elseN, at))
			}
		default:
			r = and(r, unsure)
		}
	}
	if n.notN != nil {
		switch p.value(n.notN, at) {
		case valid:
			r = invalid
		case unsure:
			r = and(r, unsure)
		}
	}
	p.end = end
	return r
}

func (n *fnode) allows(t uint8) bool {
	if n.types == 0 || n.types&t != 0 {
		return true
	}
	return t == tInteger && n.types&tNumber != 0
}

// skip parses one value without a schema.
func (p *fparser) skip() {
	switch c := p.data[p.i]; {
	case c == '{':
		p.object(nil)
	case c == '[':
		p.array(nil)
	case c == '"':
		p.str(nil)
	case c == '-' || ('0' <= c && c <= '9'):
		p.number(nil)
	case c == 't' || c == 'f' || c == 'n':
		p.literal(nil)
	default:
		p.bad = true
		p.end = len(p.data)
	}
}

func (p *fparser) literal(n *fnode) verdict {
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(p.data[p.i:], []byte(lit)) {
			p.end = p.i + len(lit)
			if n == nil {
				return valid
			}
			t := uint8(tBoolean)
			if lit == "null" {
				t = tNull
			}
			if !n.allows(t) || n.hasEnum { // enums here hold strings only
				return invalid
			}
			return valid
		}
	}
	p.bad = true
	p.end = len(p.data)
	return unsure
}

func (p *fparser) number(n *fnode) verdict {
	start, i := p.i, p.i
	d := p.data
	if d[i] == '-' {
		i++
	}
	digits := func() int {
		s := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return i - s
	}
	intStart := i
	if k := digits(); k == 0 || (k > 1 && d[intStart] == '0') {
		p.bad = true
	}
	integral := true
	if i < len(d) && d[i] == '.' {
		i++
		integral = false
		if digits() == 0 {
			p.bad = true
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		integral = false
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.bad = true
		}
	}
	p.end = i
	if n == nil || p.bad {
		return unsure
	}
	if n.hasEnum {
		return invalid
	}
	if !integral {
		// 1.0 is an integer to JSON Schema; leave such spellings to the general validator.
		if n.types&(tInteger|tNumber) == tInteger || n.hasMin {
			return unsure
		}
		if !n.allows(tNumber) {
			return invalid
		}
		return valid
	}
	if !n.allows(tInteger) {
		return invalid
	}
	if n.hasMin {
		v, ok := parseInt(d[start:i])
		if !ok {
			return unsure
		}
		if v < n.minimum {
			return invalid
		}
	}
	return valid
}

// parseInt is strconv.ParseInt(string(b), 10, 64) for the integers JSON
// spells: an optional minus and digits. Up to 18 digits cannot overflow,
// so they are summed here; longer ones go to strconv.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	digits := b
	if neg {
		digits = b[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		v, err := strconv.ParseInt(string(b), 10, 64)
		return v, err == nil
	}
	var v int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// special marks the bytes a string scan must look at.
var special = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()

// specialMask marks, in the high bit of each byte, the bytes of x (eight
// input bytes, the first lowest) that special holds; the lowest mark is
// always right, marks above it may be false (borrows carry upwards).
func specialMask(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	b := x ^ (ones * '\\')
	return ((x - ones*0x20) | (q - ones) | (b - ones) | x) & highs
}

// strBytes parses a string at p.i, sets p.end, and returns its decoded
// bytes and whether they could be decoded here. Unless the string has
// escapes, the bytes are part of the input; otherwise they are only valid
// until the next call.
func (p *fparser) strBytes() ([]byte, bool) {
	d := p.data
	i := p.i + 1
	start := i
	escaped, ascii := false, true
	for ; i < len(d); i++ {
		// Most bytes are plain: pass eight at a time while none is special.
		for i+8 <= len(d) {
			m := specialMask(binary.LittleEndian.Uint64(d[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
			break
		}
		if i >= len(d) {
			break
		}
		c := d[i]
		if !special[c] {
			continue
		}
		if c == '"' {
			break
		}
		if c < 0x20 {
			p.bad = true
			p.end = len(d)
			return nil, false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		if c == '\\' {
			escaped = true
			i++
		}
	}
	if i >= len(d) {
		p.bad = true
		p.end = len(d)
		return nil, false
	}
	p.end = i + 1
	raw := d[start:i]
	if !ascii && !utf8.Valid(raw) {
		// encoding/json would replace the bad bytes; not decided here.
		p.bad = true
		return nil, false
	}
	p.decoded = escaped
	if !escaped {
		return raw, true
	}
	out := p.scratch[:0]
	for j := 0; j < len(raw); j++ {
		c := raw[j]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		j++
		switch raw[j] {
		case '"', '\\', '/':
			out = append(out, raw[j])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if j+4 >= len(raw) {
				p.bad = true
				return nil, false
			}
			v, err := strconv.ParseUint(string(raw[j+1:j+5]), 16, 32)
			if err != nil || (v >= 0xD800 && v < 0xE000) {
				// Malformed, or a surrogate (never written by encoding/json).
				p.bad = true
				return nil, false
			}
			out = utf8.AppendRune(out, rune(v))
			j += 4
		default:
			p.bad = true
			return nil, false
		}
	}
	p.scratch = out
	return out, true
}

func (p *fparser) str(n *fnode) verdict {
	s, ok := p.strBytes()
	if !ok {
		return unsure
	}
	if n == nil {
		return valid
	}
	r := valid
	if !n.allows(tString) {
		r = invalid
	}
	if n.hasEnum {
		found := false
		for _, e := range n.enum {
			if string(s) == e {
				found = true
				break
			}
		}
		if !found {
			r = invalid
		}
	}
	// No rune is over four bytes long, nor counted so, even where
	// UTF-8 is broken: most strings are long enough not to be counted.
	if n.minLength > (len(s)+3)/4 && utf8.RuneCount(s) < n.minLength {
		r = invalid
	}
	if n.byHand != nil {
		if !n.byHand(s) {
			r = invalid
		}
	} else if n.pattern != nil && !n.pattern.Match(s) {
		r = invalid
	}
	if n.format {
		r = and(r, unsure)
	}
	return r
}

func (p *fparser) array(n *fnode) verdict {
	r := valid
	if n != nil && !n.allows(tArray) || n != nil && n.hasEnum {
		r = invalid
	}
	var items *fnode
	if n != nil {
		items = n.items
	}
	var buf [8]string
	seen := buf[:0] // decoded strings, for uniqueItems
	count := 0
	p.i++
	p.ws()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.end = p.i + 1
	} else {
		for {
			p.ws()
			at := p.i
			r = and(r, p.value(items, at))
			if p.bad {
				return unsure
			}
			if n != nil && n.unique {
				p.i = at
				if p.i < len(p.data) && p.data[p.i] == '"' {
					s, ok := p.strBytes()
					if !ok {
						r = and(r, unsure)
					} else {
						for _, x := range seen {
							if x == string(s) {
								r = invalid
							}
						}
						seen = append(seen, string(s))
					}
				} else {
					r = and(r, unsure) // equality of other values is left to the general validator
				}
			}
			count++
			p.i = p.end
			p.ws()
			if p.i < len(p.data) && p.data[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.data) && p.data[p.i] == ']' {
				p.end = p.i + 1
				break
			}
			p.bad = true
			p.end = len(p.data)
			return unsure
		}
	}
	if n != nil && n.minItems >= 0 && count < n.minItems {
		r = invalid
	}
	return r
}

func (p *fparser) object(n *fnode) verdict {
	r := valid
	if n != nil && !n.allows(tObject) || n != nil && n.hasEnum {
		r = invalid
	}
	typed := r
	// Keys seen, for duplicates (left to the general validator) and
	// required: the known ones as a bit set, the others listed.
	dup := false
	var seen uint64
	var buf [4][]byte
	others := buf[:0]
	nkeys, next := 0, 0
	p.i++
	p.ws()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.end = p.i + 1
	} else {
		for {
			p.ws()
			if p.i >= len(p.data) || p.data[p.i] != '"' {
				p.bad = true
				p.end = len(p.data)
				return unsure
			}
			kb, ok := p.strBytes()
			if !ok {
				return unsure
			}
			var sub *fnode
			nkeys++
			if n != nil {
				if i := n.prop(kb, next); i >= 0 {
					dup = dup || seen&(1<<i) != 0
					seen |= 1 << i
					sub, next = n.propList[i].node, i+1
				} else {
					for _, k := range others {
						dup = dup || bytes.Equal(k, kb)
					}
					if p.decoded {
						kb = append([]byte(nil), kb...) // p.scratch is reused
					}
					others = append(others, kb)
					if n.closed {
						r = invalid
					}
				}
			}
			p.i = p.end
			p.ws()
			if p.i >= len(p.data) || p.data[p.i] != ':' {
				p.bad = true
				p.end = len(p.data)
				return unsure
			}
			p.i++
			p.ws()
			r = and(r, p.value(sub, p.i))
			if p.bad {
				return unsure
			}
			p.i = p.end
			p.ws()
			if p.i < len(p.data) && p.data[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.data) && p.data[p.i] == '}' {
				p.end = p.i + 1
				break
			}
			p.bad = true
			p.end = len(p.data)
			return unsure
		}
	}
	if n != nil {
		if n.reqKnown&^seen != 0 {
			r = invalid
		}
		for _, req := range n.reqOther {
			found := false
			for _, k := range others {
				if string(k) == req {
					found = true
					break
				}
			}
			if !found {
				r = invalid
			}
		}
		if n.minProps >= 0 && nkeys < n.minProps {
			r = invalid
		}
		if dup {
			// The general validator keeps one of the values of a key
			// given twice: what the keys and values say is not certain.
			r = and(typed, unsure)
		}
	}
	return r
}

// handPatterns are patterns the schemas use on every claim, checked by hand
// because Go's regexp costs more than the rest of the string's checks.
// TestHandPatterns holds each equal to its regular expression.
var handPatterns = map[string]func([]byte) bool{
	trimmedPattern: isTrimmed,
	claimIDPattern: isClaimID,
}

// claimIDPattern is the claim id's pattern: c_ and 16 lowercase hex digits.
const claimIDPattern = `^c_[0-9a-f]{16}$`

// isClaimID reports whether claimIDPattern matches s. "$" matches only at
// the very end of the text, as regexp has it without the m flag.
func isClaimID(s []byte) bool {
	if len(s) != 18 || s[0] != 'c' || s[1] != '_' {
		return false
	}
	for _, c := range s[2:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// trimmedPattern is the schema's idiom for text without surrounding white
// space: every claim's sentence is checked against it, and Go's regexp
// runs it with its backtracker (a twentieth of a whole extraction run), so
// the fast validator checks it by hand. TestIsTrimmedIsThePattern holds the
// two equal.
const trimmedPattern = `^\S(.*\S)?$`

// isTrimmed reports whether trimmedPattern matches s: s is not empty, does
// not start or end with RE2's \s (ASCII space, \t, \n, \f, \r), and holds
// no newline, which "." does not match.
func isTrimmed(s []byte) bool {
	if len(s) == 0 || isRE2Space(s[0]) || isRE2Space(s[len(s)-1]) {
		return false
	}
	return bytes.IndexByte(s, '\n') < 0
}

func isRE2Space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
