package rules

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cyberclaims/claims/rules/token"
	"github.com/cyberclaims/claims/schema"
	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var embedded embed.FS

// Default returns the rule set embedded in the binary, loaded once.
func Default() (*Set, error) { return loadDefault() }

var loadDefault = sync.OnceValues(func() (*Set, error) {
	return LoadFS(embedded, ".", "rules")
})

// LoadDir loads every .yaml and .yml file in dir (not in its subfolders).
func LoadDir(dir string) (*Set, error) {
	if st, err := os.Stat(dir); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is named once, first, like every other error
		}
		return nil, fmt.Errorf("%s: rules folder: %v", dir, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	return LoadFS(os.DirFS(dir), ".", filepath.ToSlash(filepath.Clean(dir)))
}

// LoadFS loads every rule file in the folder root of fsys; display prefixes file
// names in errors. All problems are reported at once, as Errors.
func LoadFS(fsys fs.FS, root, display string) (*Set, error) {
	// Only the folder's own files: rules/testdata holds broken rules on purpose.
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if p := e.Name(); !e.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			names = append(names, path.Join(root, p))
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no rule files (*.yaml)", display)
	}
	files := make([]file, 0, len(names))
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
		files = append(files, file{name: path.Join(display, n), data: b})
	}
	s, err := compile(files)
	if err != nil {
		return nil, err
	}
	s.Version = hex.EncodeToString(h.Sum(nil))[:12]
	return s, nil
}

type file struct {
	name string
	data []byte
}

// loader accumulates problems while building a Set.
type loader struct {
	set  *Set
	errs Errors
	lex  Lexicons
	ids  map[string]*Base
}

func (l *loader) errorf(f string, n *yaml.Node, rule, kind, format string, args ...any) {
	e := &Error{File: f, Rule: rule, Kind: kind, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	l.errs = append(l.errs, e)
}

type parsed struct {
	file  string
	rules []*yaml.Node
}

func compile(files []file) (*Set, error) {
	l := &loader{set: &Set{Matcher: newMatcher(), Tokenizer: token.New()}, lex: Lexicons{}, ids: map[string]*Base{}}
	var all []parsed
	for _, f := range files {
		l.set.Files = append(l.set.Files, f.name)
		if nodes, ok := l.parse(f); ok {
			all = append(all, parsed{file: f.name, rules: nodes})
		}
	}
	// Lexicons first: other rules' patterns refer to them.
	for _, p := range all {
		for _, n := range p.rules {
			if str(n, "kind") == "lexicon" {
				l.build(p.file, n)
			}
		}
	}
	for _, p := range all {
		for _, n := range p.rules {
			if str(n, "kind") != "lexicon" {
				l.build(p.file, n)
			}
		}
	}
	l.checkAliases()
	if err := l.errs.errOrNil(); err != nil {
		return nil, err
	}
	l.set.CitationFilter = newCitationFilter(l.set.Citations)
	return l.set, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// syntaxError turns a YAML error into an Error at the line it names.
func syntaxError(file string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.Join(strings.Fields(strings.TrimPrefix(msg, "unmarshal errors:")), " ")
	e := &Error{File: file, Line: 1, Col: 1, Kind: KindSyntax, Message: msg}
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			e.Col, _ = strconv.Atoi(m[2])
		}
		e.Message = strings.TrimSpace(yamlLineRE.ReplaceAllString(e.Message, ""))
		e.Message = strings.TrimPrefix(e.Message, ": ")
		// The YAML library numbers the lines of parser errors (not scanner
		// errors) from 0, and points at the start of the enclosing block.
		if yamlParserProblem(e.Message) {
			e.Line++
			e.Message += " (in the block that starts here)"
		}
	}
	return e
}

// yamlParserProblem reports whether msg is one of the YAML parser's (not
// its scanner's) problems.
func yamlParserProblem(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>", "did not find expected <document start>",
		"did not find expected node content", "did not find expected '-' indicator",
		"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"found duplicate %TAG directive", "found duplicate %YAML directive",
		"found incompatible YAML document", "found undefined tag handle":
		return true
	}
	return false
}

// parse reads one file and validates it against rules.schema.json. It returns
// the rule nodes that passed the schema.
func (l *loader) parse(f file) ([]*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(f.data, &doc); err != nil {
		l.errs = append(l.errs, syntaxError(f.name, err))
		return nil, false
	}
	if len(doc.Content) == 0 {
		l.errorf(f.name, &yaml.Node{Line: 1, Column: 1}, "", KindSchema, "empty rule file: want a mapping with a rules list")
		return nil, false
	}
	root := doc.Content[0]
	var v any
	if err := root.Decode(&v); err != nil {
		l.errs = append(l.errs, syntaxError(f.name, err))
		return nil, false
	}
	bad := map[*yaml.Node]bool{}
	if err := schema.Validate(schema.RulesSchema, v); err != nil {
		var se *schema.Error
		if !errors.As(err, &se) {
			l.errorf(f.name, root, "", KindSchema, "%v", err)
			return nil, false
		}
		for _, viol := range se.Violations {
			keyNode, valNode, ruleNode := locate(root, viol.Pointer)
			n, kind, msg := valNode, KindSchema, viol.Message
			if field := lastField(viol.Pointer); field != "" && len(viol.Keys) == 0 {
				msg = field + ": " + msg
			}
			if len(viol.Keys) > 0 {
				n, kind = keyNode, KindUnknown
				// A key the rule's kind allows is reported only because
				// another field of the rule failed; that failure is enough.
				if allowedKey(str(ruleNode, "kind"), viol.Keys[0]) {
					if ruleNode != nil {
						bad[ruleNode] = true
					}
					continue
				}
			}
			id := ""
			if ruleNode != nil {
				id = str(ruleNode, "id")
				bad[ruleNode] = true
			} else {
				// A problem outside any rule leaves nothing to build.
				l.errorf(f.name, n, id, kind, "%s", msg)
				return nil, false
			}
			l.errorf(f.name, n, id, kind, "%s", msg)
		}
	}
	rulesNode := value(root, "rules")
	if rulesNode == nil {
		return nil, false
	}
	var out []*yaml.Node
	for _, n := range rulesNode.Content {
		if !bad[n] {
			out = append(out, n)
		}
	}
	return out, true
}

// lastField returns the last object key of a JSON pointer, if it is one.
func lastField(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return ""
	}
	f := ptr[i+1:]
	if _, err := strconv.Atoi(f); err == nil || f == "" {
		return ""
	}
	return f
}

// locate follows a JSON pointer through YAML nodes. It returns the key node
// of the last step (for unknown keys), the value node reached (for bad
// values) and the rule node on the way.
func locate(root *yaml.Node, ptr string) (key, val, rule *yaml.Node) {
	key, val, rule = root, root, nil
	n := root
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	if ptr == "" {
		parts = nil
	}
	for depth, p := range parts {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		switch n.Kind {
		case yaml.MappingNode:
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					key, n = n.Content[i], n.Content[i+1]
					found = true
					break
				}
			}
			if !found {
				return n, n, rule
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(n.Content) {
				return n, n, rule
			}
			n = n.Content[i]
			key = n
			if depth == 1 && parts[0] == "rules" {
				rule = n
			}
		default:
			return n, n, rule
		}
		_ = depth
	}
	return key, n, rule
}

// value returns the value node for key in mapping n, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func str(n *yaml.Node, key string) string {
	if v := value(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

func strs(n *yaml.Node, key string) []*yaml.Node {
	if v := value(n, key); v != nil && v.Kind == yaml.SequenceNode {
		return v.Content
	}
	return nil
}

func values(nodes []*yaml.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.Value
	}
	return out
}
