package rules

import (
	"github.com/cyberclaims/claims/rules/token"
)

// Role says what part of a rule a pattern plays.
type Role uint8

// Pattern roles.
const (
	RolePattern   Role = iota // a rule's main patterns
	RoleException             // cancels an overlapping match of the same rule
	RoleAlias                 // an actor's name
	RoleAmbiguous             // an actor's name that is also an ordinary word
	RoleDemonym               // an actor's adjective followed by a speaker noun
)

// Hit is one pattern match over a token slice.
type Hit struct {
	Rule       Rule
	Role       Role
	Pattern    *Pattern
	Start, End int // token indices, End exclusive
}

type entry struct {
	rule Rule
	role Role
	pat  *Pattern
}

// Matcher finds every pattern of a rule set in one pass over the tokens:
// patterns are indexed by the folded token they can start with, so the cost
// per token is a map look-up plus the few patterns that share that start.
type Matcher struct {
	byKey map[string][]entry
	wild  []entry
}

func newMatcher() *Matcher { return &Matcher{byKey: map[string][]entry{}} }

func (m *Matcher) add(r Rule, role Role, p *Pattern) {
	e := entry{rule: r, role: role, pat: p}
	keys, wild := p.firstKeys()
	if wild {
		m.wild = append(m.wild, e)
		return
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			m.byKey[k] = append(m.byKey[k], e)
		}
	}
}

// Match returns every hit in toks, ordered by start then pattern order.
func (m *Matcher) Match(toks []token.Token) []Hit {
	var hits []Hit
	for i := range toks {
		for _, e := range m.byKey[toks[i].Fold] {
			if end := e.pat.MatchAt(toks, i); end > i {
				hits = append(hits, Hit{Rule: e.rule, Role: e.role, Pattern: e.pat, Start: i, End: end})
			}
		}
		for _, e := range m.wild {
			if end := e.pat.MatchAt(toks, i); end > i {
				hits = append(hits, Hit{Rule: e.rule, Role: e.role, Pattern: e.pat, Start: i, End: end})
			}
		}
	}
	return hits
}
