package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Error kinds, printed in brackets after each message.
const (
	KindSyntax    = "syntax"
	KindSchema    = "schema"
	KindUnknown   = "unknown-key"
	KindDuplicate = "duplicate-id"
	KindAlias     = "alias-conflict"
	KindPattern   = "pattern"
	KindRegex     = "regex"
	KindReference = "reference"
	KindExample   = "example"
	KindLint      = "lint"
)

// Error is one problem in a rule file, printed as "path:line:col: message [kind]".
type Error struct {
	File      string
	Line, Col int
	// Rule is the id of the rule at fault, when known.
	Rule    string
	Message string
	Kind    string
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Rule != "" {
		msg = e.Rule + ": " + msg
	}
	return fmt.Sprintf("%s:%d:%d: %s [%s]", e.File, e.Line, e.Col, msg, e.Kind)
}

// Errors is every problem found in a rule set, sorted by position.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return es
}

// errOrNil returns es as an error, or nil when it is empty.
func (es Errors) errOrNil() error {
	if len(es) == 0 {
		return nil
	}
	return es.sorted()
}
