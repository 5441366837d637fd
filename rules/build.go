package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/cyberclaims/claims/schema"
	"go.yaml.in/yaml/v3"
)

// build constructs one rule from its (schema-valid) node and registers it.
func (l *loader) build(file string, n *yaml.Node) {
	idNode := value(n, "id")
	b := Base{ID: idNode.Value, Kind: str(n, "kind"), Description: str(n, "description"), File: file, Line: idNode.Line, Col: idNode.Column}
	if prev, dup := l.ids[b.ID]; dup {
		l.errorf(file, idNode, b.ID, KindDuplicate, "duplicate id (first defined at %s:%d:%d)", prev.File, prev.Line, prev.Col)
		return
	}
	// Taken even if this rule fails below, so a second rule with the id
	// is reported in the same run.
	taken := b
	l.ids[b.ID] = &taken
	ex := value(n, "examples")
	b.Match = examples(value(ex, "match"))
	b.NoMatch = examples(value(ex, "no_match"))
	c := &ctor{l: l, file: file, node: n, id: b.ID}
	var r Rule
	switch b.Kind {
	case "actor":
		r = c.actor(b)
	case "topic":
		r = c.topic(b)
	case "stance":
		r = c.stance(b)
	case "negation":
		r = c.negation(b)
	case "boundary":
		r = &Boundary{Base: b, Patterns: c.patterns("patterns")}
	case "reference":
		r = &Reference{Base: b, Position: str(n, "position"), Patterns: c.patterns("patterns")}
	case "behalf":
		r = &Behalf{Base: b, Patterns: c.patterns("patterns")}
	case "anaphor":
		r = &Anaphor{Base: b, FirstPerson: str(n, "first_person") == "true", Plural: str(n, "plural") == "true", Patterns: c.patterns("patterns")}
	case "topic-anaphor":
		r = c.topicAnaphor(b)
	case "elaboration":
		r = &Elaboration{Base: b, Patterns: c.patterns("patterns")}
	case "speaker":
		r = &Speaker{Base: b, Patterns: c.patterns("patterns")}
	case "metadata":
		r = &Metadata{Base: b, Patterns: c.patterns("patterns")}
	case "citation":
		r = c.citation(b)
	case "abbreviation":
		r = &Abbreviation{Base: b, Words: values(strs(n, "words"))}
	case "lexicon":
		name := strings.TrimPrefix(b.ID, "lexicon.")
		r = &Lexicon{Base: b, Entries: values(strs(n, "entries"))}
		l.lex[name] = r.(*Lexicon).Entries
	}
	if c.failed || r == nil {
		return
	}
	l.ids[b.ID] = r.Info()
	l.register(r)
}

func (l *loader) register(r Rule) {
	s := l.set
	s.Rules = append(s.Rules, r)
	switch r := r.(type) {
	case *Actor:
		s.Actors = append(s.Actors, r)
		l.addAll(r, RoleAlias, r.Aliases)
		l.addAll(r, RoleAmbiguous, r.Ambiguous)
		l.addAll(r, RoleDemonym, r.Demonyms)
		l.addAll(r, RoleException, r.Exceptions)
	case *Topic:
		s.Topics = append(s.Topics, r)
		l.addAll(r, RolePattern, r.Patterns)
		l.addAll(r, RoleException, r.Exceptions)
	case *Stance:
		s.Stances = append(s.Stances, r)
		l.addAll(r, RolePattern, r.Patterns)
		l.addAll(r, RoleException, r.Exceptions)
	case *Negation:
		s.Negations = append(s.Negations, r)
		l.addAll(r, RolePattern, r.Patterns)
		l.addAll(r, RoleException, r.Exceptions)
	case *Boundary:
		s.Boundaries = append(s.Boundaries, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *Reference:
		s.References = append(s.References, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *Behalf:
		s.Behalves = append(s.Behalves, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *Anaphor:
		s.Anaphors = append(s.Anaphors, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *TopicAnaphor:
		s.TopicAnaphors = append(s.TopicAnaphors, r)
		l.addAll(r, RolePattern, r.Patterns)
		l.addAll(r, RoleException, r.Exceptions)
	case *Elaboration:
		s.Elaborations = append(s.Elaborations, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *Speaker:
		s.Speakers = append(s.Speakers, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *Metadata:
		s.Metadata = append(s.Metadata, r)
		l.addAll(r, RolePattern, r.Patterns)
	case *Citation:
		s.Citations = append(s.Citations, r)
	case *Abbreviation:
		s.Abbreviations = append(s.Abbreviations, r)
	case *Lexicon:
		s.Lexicons = append(s.Lexicons, r)
	}
}

func (l *loader) addAll(r Rule, role Role, ps []*Pattern) {
	for _, p := range ps {
		l.set.Matcher.add(r, role, p)
	}
}

func examples(seq *yaml.Node) []Example {
	if seq == nil {
		return nil
	}
	out := make([]Example, 0, len(seq.Content))
	for _, n := range seq.Content {
		e := Example{Line: n.Line, Col: n.Column}
		if n.Kind == yaml.ScalarNode {
			e.Text = n.Value
		} else {
			e.Text = str(n, "text")
			if y := value(n, "yields"); y != nil {
				e.HasYields = true
				e.Yields = values(y.Content)
			}
		}
		out = append(out, e)
	}
	return out
}

// ctor builds one rule, recording problems against its node.
type ctor struct {
	l      *loader
	file   string
	node   *yaml.Node
	id     string
	failed bool
}

func (c *ctor) fail(n *yaml.Node, kind, format string, args ...any) {
	c.failed = true
	c.l.errorf(c.file, n, c.id, kind, format, args...)
}

func (c *ctor) patterns(key string) []*Pattern {
	var out []*Pattern
	for _, n := range strs(c.node, key) {
		p, err := CompilePattern(n.Value, c.l.set.Tokenizer, c.l.lex)
		if err != nil {
			c.fail(n, KindPattern, "%s: %v", key, err)
			continue
		}
		p.Line, p.Col = n.Line, n.Column
		out = append(out, p)
	}
	return out
}

func (c *ctor) actor(b Base) *Actor {
	a := &Actor{Base: b, Name: str(c.node, "name"), Code: str(c.node, "code"), Type: str(c.node, "type"), Region: str(c.node, "region")}
	a.Aliases = c.patterns("aliases")
	a.Ambiguous = c.patterns("ambiguous")
	a.Exceptions = c.patterns("exceptions")
	// A demonym names the speaker only with a speaker noun after it.
	for _, n := range strs(c.node, "demonyms") {
		if _, ok := c.l.lex["speaker-nouns"]; !ok {
			c.fail(n, KindReference, "demonyms need a lexicon rule with id lexicon.speaker-nouns")
			break
		}
		p, err := CompilePattern(n.Value+" @speaker-nouns", c.l.set.Tokenizer, c.l.lex)
		if err != nil {
			c.fail(n, KindPattern, "demonyms: %v", err)
			continue
		}
		p.Source, p.Line, p.Col = n.Value, n.Line, n.Column
		a.Demonyms = append(a.Demonyms, p)
	}
	return a
}

func (c *ctor) topic(b Base) *Topic {
	t := &Topic{Base: b, Topic: str(c.node, "topic"), SuppressedBy: values(strs(c.node, "suppressed_by")), Stance: str(c.node, "stance")}
	t.Patterns = c.patterns("patterns")
	t.Exceptions = c.patterns("exceptions")
	return t
}

func (c *ctor) topicAnaphor(b Base) *TopicAnaphor {
	t := &TopicAnaphor{Base: b, Topics: values(strs(c.node, "topics")), As: map[string]*Topic{}}
	t.Patterns = c.patterns("patterns")
	t.Exceptions = c.patterns("exceptions")
	for _, topic := range schema.Topics {
		t.As[topic] = &Topic{Base: b, Topic: topic}
	}
	return t
}

func (c *ctor) stance(b Base) *Stance {
	s := &Stance{Base: b, Stance: str(c.node, "stance"), Weak: str(c.node, "strength") == "weak"}
	s.Patterns = c.patterns("patterns")
	s.Exceptions = c.patterns("exceptions")
	return s
}

func (c *ctor) negation(b Base) *Negation {
	g := &Negation{Base: b, Object: str(c.node, "target") == "object", Scope: 3}
	if v := str(c.node, "scope"); v != "" {
		g.Scope, _ = strconv.Atoi(v)
	}
	g.Patterns = c.patterns("patterns")
	g.Exceptions = c.patterns("exceptions")
	return g
}

func (c *ctor) citation(b Base) *Citation {
	ct := &Citation{Base: b, Type: str(c.node, "type"), Symbol: str(c.node, "symbol")}
	compileRE := func(key string) *regexp.Regexp {
		n := value(c.node, key)
		if n == nil {
			return nil
		}
		re, err := regexp.Compile(n.Value)
		if err != nil {
			c.fail(n, KindRegex, "%s does not compile: %v", key, err)
			return nil
		}
		if re.MatchString("") {
			c.fail(n, KindRegex, "%s matches the empty string", key)
			return nil
		}
		return re
	}
	ct.Regex = compileRE("regex")
	ct.Item = compileRE("item")
	if ct.Regex != nil {
		ct.Filter = NewPrefilter(ct.Regex.String())
		// Without new groups, so group numbers and names stay Regex's.
		ct.atStart, _ = regexp.Compile(`^(?:` + ct.Regex.String() + `)`)
		ct.afterRune, _ = regexp.Compile(`^(?s:.)(?:` + ct.Regex.String() + `)`)
		if ct.afterRune == nil {
			ct.atStart = nil // both or neither
		}
	}
	if m := value(c.node, "map"); m != nil {
		ct.Map = map[string]string{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			ct.Map[m.Content[i].Value] = m.Content[i+1].Value
		}
	}
	if ct.Symbol == "$map" && ct.Map == nil {
		c.fail(value(c.node, "symbol"), KindReference, "symbol $map needs a map")
	}
	return ct
}

// checkAliases reports any alias, ambiguous alias or demonym claimed by two actors.
func (l *loader) checkAliases() {
	type owner struct {
		actor *Actor
		p     *Pattern
	}
	seen := map[string]owner{}
	for _, a := range l.set.Actors {
		for _, group := range [][]*Pattern{a.Aliases, a.Ambiguous, a.Demonyms} {
			for _, p := range group {
				key := foldPhrase(p.Source, l.set)
				if prev, ok := seen[key]; ok && prev.actor != a {
					l.errs = append(l.errs, &Error{File: a.File, Line: p.Line, Col: p.Col, Rule: a.ID, Kind: KindAlias,
						Message: "alias \"" + p.Source + "\" is also claimed by " + prev.actor.ID + " (" + prev.actor.File + ":" + strconv.Itoa(prev.p.Line) + ")"})
					continue
				}
				seen[key] = owner{a, p}
			}
		}
	}
}

func foldPhrase(s string, set *Set) string {
	toks := set.Tokenizer.Tokenize(strings.TrimPrefix(s, "="), 0)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Fold
	}
	return strings.Join(parts, " ")
}
