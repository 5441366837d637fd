package schema

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// trickyTexts hold what JSON escaping and validation must get right.
var trickyTexts = []string{
	"Plain.", "<b>&amp;</b>", `quote " and back\slash`, "tab\there", "line\nbreak", "cr\rhere",
	"bell\b form\f", "nul\x00 unit\x1f del\x7f", "sep\u2028para\u2029", "café 😀 日本",
	"bad \xff utf8", "trail ", " lead", "", "x", "é", "\u00a0nbsp\u00a0",
}

func claimsFile(t testing.TB) []Claim {
	t.Helper()
	f, err := os.Open("../out/claims.jsonl")
	if err != nil {
		t.Skip("no ../out/claims.jsonl:", err)
	}
	defer f.Close()
	var out []Claim
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var c Claim
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// variants returns claims covering every optional part of the record.
func variants(t testing.TB) []Claim {
	base := validClaim()
	out := []Claim{base}
	for _, s := range trickyTexts {
		c := base
		c.Text, c.Country, c.Evidence.Country.Note = s, s, s
		c.Sources = []Source{{Doc: s, Start: 1, End: 2, Line: 3}, {Doc: "b", Start: 0, End: 9, Line: 1}}
		c.Evidence.Topic.Spans = []Span{{Start: 5, End: 7, Text: s}}
		out = append(out, c)
	}
	c := base
	c.Resolutions, c.Documents, c.Sources = nil, nil, nil
	out = append(out, c)
	c = base
	c.Evidence.Negation = &Because{Rule: "negation.not", Spans: []Span{{1, 2, "not"}}}
	c.Evidence.Citations = []Because{{Rule: "cite.a", Note: "A/RES/73/27"}, {Rule: "cite.b", Spans: []Span{}}}
	c.Review = Review{Status: StatusAccepted, Reviewer: "r", At: "2024-01-02T03:04:05Z", Note: "ok"}
	out = append(out, c)
	c = base
	s := "PER"
	c.Review = Review{Status: StatusCorrected, Reviewer: "r", At: "2024-01-02T03:04:05Z", Corrections: &Corrections{CountryCode: &s}}
	out = append(out, c)
	return append(out, claimsFile(t)...)
}

func TestAppendJSONIsMarshal(t *testing.T) {
	for i, c := range variants(t) {
		want, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("claim %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	for _, s := range trickyTexts {
		f.Add(s, s, 3)
	}
	f.Fuzz(func(t *testing.T, text, doc string, n int) {
		c := validClaim()
		c.Text, c.Sources[0].Doc, c.Sources[0].Start = text, doc, n
		c.Evidence.Stance.Spans = []Span{{Start: n, End: -n, Text: doc}}
		want, _ := json.Marshal(&c)
		if got := c.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	})
}

// agree checks the only promise the byte-level validator makes: a verdict
// of valid or invalid is the general validator's verdict.
func agree(t *testing.T, name string, data []byte) verdict {
	t.Helper()
	c := load()
	fast := c.fast[name]
	if fast == nil {
		t.Fatalf("%s is not read by the byte-level validator", name)
	}
	got := fastCheck(fast, data)
	var generalOK bool
	if v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data)); err == nil {
		generalOK = c.schemas[name].Validate(v) == nil
	}
	if (got == valid && !generalOK) || (got == invalid && generalOK) {
		t.Errorf("byte-level says %v, general validator says valid=%v, for %s", got, generalOK, data)
	}
	return got
}

func TestFastAgreesOnClaims(t *testing.T) {
	decided := 0
	for _, c := range variants(t) {
		data, _ := json.Marshal(&c)
		if agree(t, ClaimSchema, data) != unsure {
			decided++
		}
	}
	// Claims without formats (no review date) must be decided, or the fast path is useless.
	c := validClaim()
	data, _ := json.Marshal(&c)
	if v := agree(t, ClaimSchema, data); v != valid {
		t.Errorf("a plain valid claim: %v, want valid", v)
	}
	if decided == 0 {
		t.Error("nothing decided")
	}
}

// TestFastAgreesOnBrokenClaims mutates a valid claim's JSON in every way the
// schema cares about, and checks the two validators agree on each.
func TestFastAgreesOnBrokenClaims(t *testing.T) {
	c := validClaim()
	c.Evidence.Negation = &Because{Rule: "negation.not"}
	base, _ := json.Marshal(&c)
	mutations := map[string][2]string{
		"bad id":             {`"c_0123456789abcdef"`, `"c_0123"`},
		"id number":          {`"c_0123456789abcdef"`, `12`},
		"topic":              {`"attribution"`, `"weather"`},
		"stance null":        {`"neutral"`, `null`},
		"code":               {`"PER"`, `"pe"`},
		"code org":           {`"PER"`, `"EU"`},
		"resolutions dup":    {`["A/RES/73/27"]`, `["A/RES/73/27","A/RES/73/27"]`},
		"resolutions bad":    {`["A/RES/73/27"]`, `["73/27"]`},
		"resolutions escape": {`["A/RES/73/27"]`, `["A\/RES\/73\/27"]`},
		"resolutions obj":    {`["A/RES/73/27"]`, `{}`},
		"documents null":     {`"documents":[]`, `"documents":null`},
		"sources empty":      {`"sources":[{"doc":"a.txt","start":0,"end":45,"line":1}]`, `"sources":[]`},
		"start negative":     {`"start":0,"end":45`, `"start":-1,"end":45`},
		"start float":        {`"start":0,"end":45`, `"start":0.0,"end":45`},
		"start exp":          {`"start":0,"end":45`, `"start":1e2,"end":45`},
		"end zero":           {`"end":45`, `"end":0`},
		"line string":        {`"line":1`, `"line":"1"`},
		"extra key":          {`{"id"`, `{"extra":true,"id"`},
		"missing key":        {`"country":"Peru",`, ``},
		"dup key":            {`"country":"Peru",`, `"country":"Peru","country":"",`},
		"text space":         {`"text":"Peru`, `"text":" Peru`},
		"text empty":         {`"text":"Peru has noted the difficulty of attribution."`, `"text":""`},
		"text escaped":       {`"text":"Peru`, `"text":"\u0050eru`},
		"text surrogate":     {`"text":"Peru`, `"text":"\ud83d\ude00Peru`},
		"text newline esc":   {`attribution."`, `attribution.\n"`},
		"evidence sentence0": {`"sentence":1`, `"sentence":0`},
		"because no rule":    {`{"rule":"negation.not"}`, `{}`},
		"because empty rule": {`{"rule":"negation.not"}`, `{"rule":""}`},
		"span extra":         {`"text":"Peru"}`, `"text":"Peru","x":1}`},
		"review pending ok":  {`{"status":"pending"}`, `{"status":"pending","note":"n"}`},
		"review corrected":   {`{"status":"pending"}`, `{"status":"corrected"}`},
		"review corrections": {`{"status":"pending"}`, `{"status":"pending","corrections":{"topic":"ihl"}}`},
		"corrected ok":       {`{"status":"pending"}`, `{"status":"corrected","corrections":{"topic":"ihl"}}`},
		"corrections empty":  {`{"status":"pending"}`, `{"status":"corrected","corrections":{}}`},
		"review at":          {`{"status":"pending"}`, `{"status":"accepted","at":"yesterday"}`},
		"review status":      {`{"status":"pending"}`, `{"status":"maybe"}`},
		"trailing":           {`"pending"}}`, `"pending"}} {}`},
		"truncated":          {`"pending"}}`, `"pending"}`},
		"whitespace":         {`{"id"`, " {\n\t\"id\" "},
		"bad literal":        {`"stance":"neutral"`, `"stance":nul`},
		"control char":       {`"text":"Peru`, "\"text\":\"\x01Peru"},
		"bad utf8":           {`"text":"Peru`, "\"text\":\"\xffPeru"},
		"leading zero":       {`"line":1`, `"line":01`},
	}
	for name, m := range mutations {
		data := []byte(strings.Replace(string(base), m[0], m[1], 1))
		if bytes.Equal(data, base) {
			t.Fatalf("%s: mutation does not apply", name)
		}
		t.Run(name, func(t *testing.T) { agree(t, ClaimSchema, data) })
	}
}

func FuzzFastValidator(f *testing.F) {
	c := validClaim()
	base, _ := json.Marshal(&c)
	f.Add(base)
	f.Add([]byte(`{"id":"c_0123456789abcdef"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, ClaimSchema, data)
	})
}

// TestIsTrimmedIsThePattern holds isTrimmed to the regular expression it
// stands for, on the tricky texts and on random strings of the bytes that
// matter (every RE2 space, \v, NUL, invalid UTF-8, multi-byte runes).
func TestIsTrimmedIsThePattern(t *testing.T) {
	re := regexp.MustCompile(trimmedPattern)
	alphabet := []string{" ", "\t", "\n", "\f", "\r", "\v", "\x00", "a", "Z", ".", "\xff", "\u00a0", "é", "\u2028"}
	check := func(s string) {
		if got, want := isTrimmed([]byte(s)), re.MatchString(s); got != want {
			t.Fatalf("isTrimmed(%q) = %v, the pattern says %v", s, got, want)
		}
	}
	for _, s := range trickyTexts {
		check(s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(6); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		check(b.String())
	}
}

// BenchmarkValidateClaims validates every claim of ../out/claims.jsonl as
// the extraction pipeline does, one encoded line at a time; the review is
// reset to pending, as it is for every extracted claim.
func BenchmarkValidateClaims(b *testing.B) {
	var lines [][]byte
	size := 0
	for _, c := range claimsFile(b) {
		c.Review = Review{Status: StatusPending}
		line := c.AppendJSON(nil)
		lines = append(lines, line)
		size += len(line)
	}
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, l := range lines {
			if err := ValidateJSON(ClaimSchema, l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSpecialMask holds the eight-byte scan to the special table: no mark
// when no byte is special, else the lowest mark on the first special byte.
func TestSpecialMask(t *testing.T) {
	check := func(w [8]byte) {
		first := -1
		for i, c := range w {
			if special[c] {
				first = i
				break
			}
		}
		m := specialMask(binary.LittleEndian.Uint64(w[:]))
		got := -1
		if m != 0 {
			got = bits.TrailingZeros64(m) / 8
		}
		if got != first {
			t.Fatalf("specialMask(%q): first special byte %d, want %d", w, got, first)
		}
	}
	// Every byte value at every place, among plain bytes and after a special one.
	for c := range 256 {
		for i := range 8 {
			w := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			w[i] = byte(c)
			check(w)
			if i > 0 {
				w[i-1] = 0
				check(w)
			}
		}
	}
	// Random words of the bytes next to the edges the mask tests.
	edges := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, '"' - 1, '"', '"' + 1, '\\' - 1, '\\', '\\' + 1, 0x7f, 0x80, 0x81, 0xa2, 0xdc, 0xff, 'a'}
	r := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = edges[r.IntN(len(edges))]
		}
		check(w)
	}
}

// TestFastAgreesOnSmallSchemas checks the byte-level reading of schemas
// the claim schema does not exercise (references to references, recursion,
// required keys without a property schema, open objects) against the
// general validator on random objects.
func TestFastAgreesOnSmallSchemas(t *testing.T) {
	schemas := []string{
		`{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/c"},"c":{"type":"object","required":["x"],"properties":{"x":{"type":"integer","minimum":2}}}},
		  "type":"object","properties":{"p":{"$ref":"#/$defs/a"},"q":{"$ref":"#/$defs/c"}},"required":["p"]}`,
		`{"$defs":{"tree":{"type":"object","additionalProperties":false,"properties":{"x":{"type":"string","minLength":2},"p":{"$ref":"#/$defs/tree"}}}},"$ref":"#/$defs/tree"}`,
		`{"type":"object","required":["x","y","zz"],"minProperties":2,"properties":{"q":{"enum":["1"]},"x":{"type":"string"}}}`,
		`{"type":"object","additionalProperties":false,"required":["y","x"],"properties":{"x":{},"y":{"type":"array","items":{"type":"integer"}},"z":{},"p":{"type":"object"},"q":{"not":{"required":["x"]}}}}`,
	}
	keys := []string{"x", "y", "z", "zz", "p", "q", `\u0078`}
	values := []string{`1`, `2`, `"a"`, `"ab"`, `"\u0061b"`, `[]`, `[1,2]`, `["a"]`, `{}`, `null`, `true`, `1.5`}
	r := rand.New(rand.NewPCG(7, 8))
	var object func(depth int) string
	object = func(depth int) string {
		var b strings.Builder
		b.WriteByte('{')
		for i := range r.IntN(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + keys[r.IntN(len(keys))] + `":`)
			if depth < 3 && r.IntN(3) == 0 {
				b.WriteString(object(depth + 1))
			} else {
				b.WriteString(values[r.IntN(len(values))])
			}
		}
		b.WriteByte('}')
		return b.String()
	}
	for si, src := range schemas {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		fast, err := compileFast(doc)
		if err != nil {
			t.Fatalf("schema %d: %v", si, err)
		}
		c := jsonschema.NewCompiler()
		url := fmt.Sprintf("mem://%d.json", si)
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		general, err := c.Compile(url)
		if err != nil {
			t.Fatal(err)
		}
		decided := 0
		for range 3000 {
			data := object(0)
			got := fastCheck(fast, []byte(data))
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", data, err)
			}
			want := general.Validate(v) == nil
			if got == valid && !want || got == invalid && want {
				t.Fatalf("schema %d: byte-level says %v, general validator says valid=%v, for %s", si, got, want, data)
			}
			if got != unsure {
				decided++
			}
		}
		if decided < 1000 {
			t.Errorf("schema %d: only %d of 3000 objects decided", si, decided)
		}
	}
}

// TestFastRefusesRefCycles: a cycle of bare references has no schema to
// check with, so the byte-level validator must not read it (as accepting
// everything, say).
func TestFastRefusesRefCycles(t *testing.T) {
	for _, src := range []string{
		`{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}`,
		`{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"properties":{"x":{"$ref":"#/$defs/a"}}}`,
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := compileFast(doc); err == nil {
			t.Errorf("compileFast(%s) = nil error, want a refusal", src)
		}
	}
}

// TestHandPatterns holds every pattern checked by hand to its regular
// expression, on random strings built to match often and to miss by a
// little: each starts with a piece that matches and is then cut, grown
// or changed at one byte.
func TestHandPatterns(t *testing.T) {
	matching := map[string]func(r *rand.Rand) string{
		trimmedPattern: func(r *rand.Rand) string { return "a" + strings.Repeat("é b", r.IntN(3)) + "." },
		claimIDPattern: func(r *rand.Rand) string {
			b := []byte("c_")
			for range 16 {
				b = append(b, "0123456789abcdef"[r.IntN(16)])
			}
			return string(b)
		},
	}
	edits := []string{" ", "\t", "\n", "\f", "\r", "\v", "\x00", "a", "f", "g", "A", "F", "0", "9", "_", "c", "C", ".", "\xff", "é", "\u00a0"}
	r := rand.New(rand.NewPCG(9, 10))
	for src, byHand := range handPatterns {
		re := regexp.MustCompile(src)
		gen := matching[src]
		if gen == nil {
			t.Fatalf("no generator for the hand-checked pattern %s", src)
		}
		matched := 0
		for range 50000 {
			s := gen(r)
			switch r.IntN(4) {
			case 0: // as is
			case 1:
				s = s[:r.IntN(len(s)+1)]
			case 2:
				i := r.IntN(len(s) + 1)
				s = s[:i] + edits[r.IntN(len(edits))] + s[i:]
			case 3:
				i := r.IntN(len(s))
				s = s[:i] + edits[r.IntN(len(edits))] + s[i+1:]
			}
			got, want := byHand([]byte(s)), re.MatchString(s)
			if got != want {
				t.Fatalf("pattern %s by hand on %q: %v, the regexp says %v", src, s, got, want)
			}
			if got {
				matched++
			}
		}
		if matched < 5000 || matched > 45000 {
			t.Errorf("pattern %s: %d of 50000 strings matched; the test needs both kinds", src, matched)
		}
	}
}

// TestParseInt holds parseInt to strconv.ParseInt on JSON integers of
// every length, the limits of int64 and past them.
func TestParseInt(t *testing.T) {
	cases := []string{"0", "-0", "1", "-1", "9223372036854775807", "-9223372036854775808",
		"9223372036854775808", "-9223372036854775809", "99999999999999999999", "", "-"}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		n := 1 + r.IntN(21)
		b := []byte{}
		if r.IntN(2) == 0 {
			b = append(b, '-')
		}
		b = append(b, byte('1'+r.IntN(9)))
		for range n - 1 {
			b = append(b, byte('0'+r.IntN(10)))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, err := strconv.ParseInt(s, 10, 64)
		got, ok := parseInt([]byte(s))
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("parseInt(%q) = %d, %v; strconv says %d, %v", s, got, ok, want, err)
		}
	}
}
