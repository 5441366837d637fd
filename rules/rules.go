// Package rules loads, checks and compiles the YAML rule files that drive
// extraction.
//
// Every rule file has one shape (schema/rules.schema.json): a list of rules,
// each with an id, a kind, a description, kind-specific fields, and examples
// it must and must not match. Each kind has its own Go type, built by its own
// constructor. Patterns are compiled once at load into a single Matcher, so
// matching a sentence is one pass over its tokens however many rules there are.
package rules

import (
	"regexp"

	"github.com/cyberclaims/claims/rules/token"
)

// Rule is any compiled rule.
type Rule interface {
	// Info returns the fields every rule has.
	Info() *Base
}

// Base holds the fields every rule has.
type Base struct {
	ID          string
	Kind        string
	Description string
	// File, Line and Col locate the rule's id in its rule file.
	File      string
	Line, Col int
	Match     []Example
	NoMatch   []Example
}

// Info returns b itself.
func (b *Base) Info() *Base { return b }

// Example is a sentence a rule must (or must not) match.
type Example struct {
	Text string
	// Yields lists, for citation rules, the exact symbols the text gives.
	Yields    []string
	HasYields bool
	Line, Col int
}

// Actor is a state or organisation that can hold a position.
type Actor struct {
	Base
	Name, Code, Type, Region string
	Aliases, Ambiguous       []*Pattern
	Demonyms, Exceptions     []*Pattern
}

// Topic marks words that put a sentence on a topic of the spec.
type Topic struct {
	Base
	Topic string
	// SuppressedBy lists topics whose presence in the same sentence cancels this rule.
	SuppressedBy []string
	// Stance, when set, is carried by the cue itself ("aligned itself with
	// the EU"): it beats every separate stance cue.
	Stance               string
	Patterns, Exceptions []*Pattern
}

// Stance marks words that take a position: supports, opposes or neutral.
type Stance struct {
	Base
	Stance string
	// Weak cues (reporting verbs such as "believes") count only when no
	// strong cue is in the same clause.
	Weak                 bool
	Patterns, Exceptions []*Pattern
}

// Negation marks words that flip the stance in their scope.
type Negation struct {
	Base
	// Object negators ("no", "without") negate the topic phrase that follows;
	// cue negators ("not", "never") negate the stance cue that follows.
	Object               bool
	Scope                int
	Patterns, Exceptions []*Pattern
}

// Boundary marks clause boundaries: stance cues do not reach across them.
type Boundary struct {
	Base
	Patterns []*Pattern
}

// Reference marks contexts where an actor is only a reference point, not
// the claimant: before it ("aligned with"), after it ("candidate"), or a
// fronted phrase up to the first comma ("Unlike", "Despite").
type Reference struct {
	Base
	Position string
	Patterns []*Pattern
}

// Behalf marks phrases ("on behalf of") whose following actor is the claimant.
type Behalf struct {
	Base
	Patterns []*Pattern
}

// Anaphor marks subject phrases ("It", "The country", "We") that refer to
// the document's last claimant or, when FirstPerson, its speaker.
type Anaphor struct {
	Base
	FirstPerson bool
	// Plural anaphors ("They") carry every last claimant, and only a group
	// ("Estonia and Finland", "Latvian diplomats"), never a single state.
	Plural   bool
	Patterns []*Pattern
}

// TopicAnaphor marks phrases that stand for a topic named just before
// ("such an instrument", "the protocol", "these norms"): a sentence with a
// claimant, no topic cue of its own and such a phrase takes the topics of
// the last sentence that had any, among Topics when Topics is set.
type TopicAnaphor struct {
	Base
	Topics               []string
	Patterns, Exceptions []*Pattern
	// As holds, for each topic, a Topic rule with this rule's identity, so
	// that a recalled topic is scored and explained like a named one.
	As map[string]*Topic
}

// Elaboration marks sentence openers ("Notable examples include") whose
// sentence inherits the previous sentence's claims.
type Elaboration struct {
	Base
	Patterns []*Pattern
}

// Speaker marks title or speaker lines ("Statement by the delegation of")
// whose following actor is the document's speaker.
type Speaker struct {
	Base
	Patterns []*Pattern
}

// Citation turns UN document references into normalised symbols.
type Citation struct {
	Base
	// Type is "resolution" or "document".
	Type string
	// Regex finds the reference; Item, when set, finds each element inside
	// the group named "list" (or the whole match).
	Regex, Item *regexp.Regexp
	// Symbol is a template over Item's (or Regex's) groups: $1, ${2}; or "$map".
	Symbol string
	// Map resolves the first group ("2015") to a symbol when Symbol is "$map".
	Map map[string]string
	// Filter passes every text Regex can match and rejects most others.
	Filter Prefilter
	// atStart and afterRune are Regex anchored at the start of the text,
	// and after one rune of context: a match found at a known place.
	atStart, afterRune *regexp.Regexp
}

// Metadata marks lines that describe the document, not positions
// ("Source: ...", "Retrieved from ..."): they yield no claims.
type Metadata struct {
	Base
	Patterns []*Pattern
}

// Abbreviation lists words ending in a full stop that never end a sentence.
type Abbreviation struct {
	Base
	Words []string
}

// Lexicon is a named list of phrases that patterns use as @name.
type Lexicon struct {
	Base
	Entries []string
}

// Set is a loaded, checked and compiled rule set.
type Set struct {
	// Rules holds every rule in file and file order.
	Rules []Rule

	Actors        []*Actor
	Topics        []*Topic
	Stances       []*Stance
	Negations     []*Negation
	Boundaries    []*Boundary
	References    []*Reference
	Behalves      []*Behalf
	Anaphors      []*Anaphor
	TopicAnaphors []*TopicAnaphor
	Elaborations  []*Elaboration
	Speakers      []*Speaker
	Metadata      []*Metadata
	Citations     []*Citation
	Abbreviations []*Abbreviation
	Lexicons      []*Lexicon

	// CitationFilter tests every citation rule's Prefilter in one pass.
	CitationFilter *CitationFilter
	// Matcher finds every token pattern of the set in one pass.
	Matcher *Matcher
	// Tokenizer splits documents exactly as the patterns were split.
	Tokenizer *token.Tokenizer
	// Version identifies the rule set's content (a hash of its files).
	Version string
	// Files lists the rule files read, as named in errors.
	Files []string
}

// ByID returns the rule with the given id, or nil.
func (s *Set) ByID(id string) Rule {
	for _, r := range s.Rules {
		if r.Info().ID == id {
			return r
		}
	}
	return nil
}

// ActorByCode returns the actor rule with the given code, or nil.
func (s *Set) ActorByCode(code string) *Actor {
	for _, a := range s.Actors {
		if a.Code == code {
			return a
		}
	}
	return nil
}
