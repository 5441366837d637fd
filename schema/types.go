package schema

// Topics lists the topic ids of the annotation spec, in the spec's order.
// claim.schema.json's topic enum is the source of truth; a test keeps the two equal.
var Topics = []string{
	"un-processes", "eu-alignment", "voluntary-norms", "binding-instrument",
	"international-law", "sovereignty", "use-of-force", "ihl", "due-diligence",
	"attribution", "human-rights", "capacity-building", "confidence-building",
	"critical-infrastructure", "cybercrime",
}

// Stances lists the stance values a claim may take.
var Stances = []string{"supports", "opposes", "neutral"}

// Review statuses.
const (
	StatusPending   = "pending"
	StatusAccepted  = "accepted"
	StatusRejected  = "rejected"
	StatusCorrected = "corrected"
)

// Claim is one (actor, topic, stance) statement made in one sentence.
// It mirrors claim.schema.json field for field.
type Claim struct {
	ID          string   `json:"id"`
	Country     string   `json:"country"`
	CountryCode string   `json:"country_code"`
	ActorType   string   `json:"actor_type"`
	Topic       string   `json:"topic"`
	Stance      string   `json:"stance"`
	Resolutions []string `json:"resolutions"`
	Documents   []string `json:"documents"`
	Text        string   `json:"text"`
	Sources     []Source `json:"sources"`
	Evidence    Evidence `json:"evidence"`
	Review      Review   `json:"review"`
}

// Source is one place a claim's sentence occurs.
type Source struct {
	// Doc is the document id: its path relative to the input argument.
	Doc string `json:"doc"`
	// Start and End are byte offsets into the raw document.
	Start int `json:"start"`
	End   int `json:"end"`
	// Line is the 1-based line of Start.
	Line int `json:"line"`
}

// Evidence records which rules decided each field of a claim.
type Evidence struct {
	// Sentence is the 1-based index of the sentence in the first source document.
	Sentence  int       `json:"sentence"`
	Country   Because   `json:"country"`
	Topic     Because   `json:"topic"`
	Stance    Because   `json:"stance"`
	Negation  *Because  `json:"negation,omitempty"`
	Citations []Because `json:"citations,omitempty"`
}

// Because names the rule that decided a field, where it matched and how.
type Because struct {
	Rule  string `json:"rule"`
	Spans []Span `json:"spans,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Span is a matched piece of the first source document.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Review is the review state merged into a claim.
type Review struct {
	Status      string       `json:"status"`
	Reviewer    string       `json:"reviewer,omitempty"`
	At          string       `json:"at,omitempty"`
	Note        string       `json:"note,omitempty"`
	Corrections *Corrections `json:"corrections,omitempty"`
}

// Corrections holds the fields a reviewer changed; nil pointers are unchanged.
type Corrections struct {
	CountryCode *string   `json:"country_code,omitempty"`
	Topic       *string   `json:"topic,omitempty"`
	Stance      *string   `json:"stance,omitempty"`
	Resolutions *[]string `json:"resolutions,omitempty"`
	Documents   *[]string `json:"documents,omitempty"`
}

// ReviewRecord is one line of reviews.jsonl: a human decision about one claim.
// It mirrors review.schema.json.
type ReviewRecord struct {
	ID       string       `json:"id"`
	Status   string       `json:"status"`
	Set      *Corrections `json:"set,omitempty"`
	Reviewer string       `json:"reviewer"`
	At       string       `json:"at"`
	Note     string       `json:"note,omitempty"`
	// Doc and Text record the claim's first source and sentence at review
	// time, so a review whose claim later vanishes can name its replacement.
	Doc  string `json:"doc,omitempty"`
	Text string `json:"text,omitempty"`
}
