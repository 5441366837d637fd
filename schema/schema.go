// Package schema holds the project's JSON Schemas and the Go records they
// describe, and validates records against them.
//
// The JSON Schema files are the single source of truth for the record shapes;
// the Go types mirror them and tests keep the two in step. The schemas are
// embedded and compiled once per process.
package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed *.schema.json
var files embed.FS

// Schema names, as accepted by Validate.
const (
	ClaimSchema  = "claim.schema.json"
	ReviewSchema = "review.schema.json"
	RulesSchema  = "rules.schema.json"
)

// Raw returns the text of an embedded schema file.
func Raw(name string) ([]byte, error) { return files.ReadFile(name) }

// Violation is one way a value breaks a schema.
type Violation struct {
	// Pointer is the JSON pointer of the offending value ("" for the root).
	Pointer string
	// Message says what is wrong.
	Message string
	// Keys holds, for unknown-key violations, the offending keys.
	Keys []string
}

func (v Violation) String() string {
	p := v.Pointer
	if p == "" {
		p = "/"
	}
	return p + ": " + v.Message
}

// Error is returned when a value does not satisfy a schema.
type Error struct {
	Schema     string
	Violations []Violation
}

func (e *Error) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	return e.Schema + ": " + strings.Join(parts, "; ")
}

type compiled struct {
	schemas map[string]*jsonschema.Schema
	// fast holds the schemas the byte-level validator can read (fast.go).
	fast map[string]*fnode
	err  error
}

var load = sync.OnceValue(compileAll)

// Compile compiles the embedded schemas afresh and reports any error. Load
// does this once per process; Compile is for measuring start-up.
func Compile() error { return compileAll().err }

func compileAll() compiled {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	names := []string{ClaimSchema, ReviewSchema, RulesSchema}
	ids := map[string]string{}
	fast := map[string]*fnode{}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return compiled{err: err}
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return compiled{err: fmt.Errorf("%s: %w", name, err)}
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if id == "" {
			return compiled{err: fmt.Errorf("%s: no $id", name)}
		}
		ids[name] = id
		if n, err := compileFast(doc); err == nil {
			fast[name] = n
		}
		if err := c.AddResource(id, doc); err != nil {
			return compiled{err: fmt.Errorf("%s: %w", name, err)}
		}
	}
	out := compiled{schemas: map[string]*jsonschema.Schema{}, fast: fast}
	for _, name := range names {
		s, err := c.Compile(ids[name])
		if err != nil {
			return compiled{err: fmt.Errorf("%s: %w", name, err)}
		}
		out.schemas[name] = s
	}
	return out
}

// Load compiles the embedded schemas, once. Later calls return the same result.
func Load() error { return load().err }

// Validate checks a decoded JSON value (as from json.Decoder with UseNumber,
// or plain Go maps and slices) against the named schema.
func Validate(name string, v any) error {
	c := load()
	if c.err != nil {
		return c.err
	}
	s, ok := c.schemas[name]
	if !ok {
		return fmt.Errorf("schema: unknown schema %q", name)
	}
	err := s.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return err
	}
	return &Error{Schema: name, Violations: violations(ve)}
}

// ValidateJSON checks raw JSON text against the named schema. Text the
// byte-level reading of the schema finds valid is valid; anything else goes
// through the general validator, which decides and explains.
func ValidateJSON(name string, data []byte) error {
	if n := load().fast[name]; n != nil && fastCheck(n, data) == valid {
		return nil
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return Validate(name, v)
}

// ValidateRecord marshals a Go record and checks it against the named schema,
// proving the Go type and the schema agree for that value.
func ValidateRecord(name string, rec any) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return ValidateJSON(name, b)
}

var printer = message.NewPrinter(language.English)

// violations flattens a validation error tree to its leaves, sorted by pointer.
func violations(e *jsonschema.ValidationError) []Violation {
	var out []Violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			v := Violation{Pointer: pointer(e.InstanceLocation), Message: e.ErrorKind.LocalizedString(printer)}
			switch k := e.ErrorKind.(type) {
			case *kind.AdditionalProperties:
				v.Keys = k.Properties
			case *kind.FalseSchema:
				// unevaluatedProperties: false reports each unknown key at its own location.
				if n := len(e.InstanceLocation); n > 0 {
					v.Keys = []string{e.InstanceLocation[n-1]}
					v.Message = fmt.Sprintf("unknown key %q", e.InstanceLocation[n-1])
				}
			}
			out = append(out, v)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(e)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pointer < out[j].Pointer })
	return out
}

func pointer(loc []string) string {
	var b strings.Builder
	for _, p := range loc {
		b.WriteByte('/')
		p = strings.ReplaceAll(p, "~", "~0")
		b.WriteString(strings.ReplaceAll(p, "/", "~1"))
	}
	return b.String()
}
