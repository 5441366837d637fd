package out

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"github.com/cyberclaims/claims/schema"
)

// Resolved returns every claim as reviewed, in the order of d.Claims:
// corrected claims carry their corrected fields (the result of Apply, as in
// d.Reviewed), every other claim is as extracted. Rejected claims are kept;
// Counts tells whether a claim counts.
func (d *Dataset) Resolved() []schema.Claim {
	return slices.Clone(d.resolved())
}

// resolved is Resolved for callers that only read: without corrections it
// is d.Claims itself, not a copy of every claim.
func (d *Dataset) resolved() []schema.Claim {
	fixed := map[string]schema.Claim{}
	for _, c := range d.Reviewed {
		if c.Review.Status == schema.StatusCorrected {
			fixed[c.ID] = c
		}
	}
	if len(fixed) == 0 {
		return d.Claims
	}
	res := make([]schema.Claim, len(d.Claims))
	for i, c := range d.Claims {
		if f, ok := fixed[c.ID]; ok {
			c = f
		}
		res[i] = c
	}
	return res
}

// Counts reports whether a claim counts in the report's matrix and in the
// statistics: every claim does except a rejected one, which is only listed.
func Counts(c schema.Claim) bool { return c.Review.Status != schema.StatusRejected }

// TopicStances counts the claims on one topic by stance.
type TopicStances struct {
	Topic                      string
	Supports, Opposes, Neutral int
}

// Total is the number of claims on the topic.
func (t TopicStances) Total() int { return t.Supports + t.Opposes + t.Neutral }

// ActorCount counts the claims of one actor and the topics they cover.
type ActorCount struct {
	Code, Name     string
	Claims, Topics int
}

// Cited counts the claims that cite one UN symbol and the actors making them.
type Cited struct {
	Symbol string
	// Kind is "resolution" or "document".
	Kind           string
	Claims, Actors int
}

// Stats holds the numbers that the report and 'claims stats' show. Every
// tally is over the claims that count (not rejected), with corrections
// applied.
type Stats struct {
	Summary      Summary
	RulesVersion string
	// Topics follows the spec's topic order.
	Topics []TopicStances
	// Actors is sorted by claims, most first, then by code.
	Actors []ActorCount
	// Cited is sorted by claims, most first, then by actors, kind and symbol.
	Cited []Cited
}

// Stats tallies the dataset.
func (d *Dataset) Stats() Stats { return d.stats(d.resolved()) }

// stats is Stats over resolved, the result of d.resolved().
func (d *Dataset) stats(resolved []schema.Claim) Stats {
	st := Stats{Summary: d.Summary, RulesVersion: d.RulesVersion}
	byTopic := map[string]*TopicStances{}
	for _, t := range schema.Topics {
		byTopic[t] = &TopicStances{Topic: t}
	}
	type actor struct {
		name   string
		claims int
		topics map[string]bool
	}
	actors := map[string]*actor{}
	type cite struct {
		claims int
		actors map[string]bool
	}
	cites := map[[2]string]*cite{}
	for i := range resolved {
		c := &resolved[i]
		if !Counts(*c) {
			continue
		}
		t := byTopic[c.Topic]
		if t == nil { // the schema allows no other topic; keep the count honest anyway
			t = &TopicStances{Topic: c.Topic}
			byTopic[c.Topic] = t
		}
		switch c.Stance {
		case "supports":
			t.Supports++
		case "opposes":
			t.Opposes++
		default:
			t.Neutral++
		}
		a := actors[c.CountryCode]
		if a == nil {
			a = &actor{name: c.Country, topics: map[string]bool{}}
			actors[c.CountryCode] = a
		}
		a.claims++
		a.topics[c.Topic] = true
		for _, list := range [...]struct {
			kind string
			syms []string
		}{{"resolution", c.Resolutions}, {"document", c.Documents}} {
			for _, s := range list.syms {
				k := [2]string{list.kind, s}
				if cites[k] == nil {
					cites[k] = &cite{actors: map[string]bool{}}
				}
				cites[k].claims++
				cites[k].actors[c.CountryCode] = true
			}
		}
	}
	topics := append([]string{}, schema.Topics...)
	for t := range byTopic {
		if !contains(schema.Topics, t) {
			topics = append(topics, t)
		}
	}
	sort.Strings(topics[len(schema.Topics):])
	for _, t := range topics {
		st.Topics = append(st.Topics, *byTopic[t])
	}
	for code, a := range actors {
		st.Actors = append(st.Actors, ActorCount{Code: code, Name: a.name, Claims: a.claims, Topics: len(a.topics)})
	}
	sort.Slice(st.Actors, func(i, j int) bool {
		x, y := st.Actors[i], st.Actors[j]
		if x.Claims != y.Claims {
			return x.Claims > y.Claims
		}
		return x.Code < y.Code
	})
	for k, c := range cites {
		st.Cited = append(st.Cited, Cited{Kind: k[0], Symbol: k[1], Claims: c.claims, Actors: len(c.actors)})
	}
	sort.Slice(st.Cited, func(i, j int) bool {
		x, y := st.Cited[i], st.Cited[j]
		if x.Claims != y.Claims {
			return x.Claims > y.Claims
		}
		if x.Actors != y.Actors {
			return x.Actors > y.Actors
		}
		if x.Kind != y.Kind {
			return x.Kind > y.Kind // resolutions first
		}
		return x.Symbol < y.Symbol
	})
	return st
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// CellID is the anchor of the claims behind one cell of the report's
// matrix: report.html#CellID(code, topic) lists them.
func CellID(code, topic string) string { return "c-" + code + "-" + topic }

// RowID is the anchor of one actor's row in the report's matrix.
func RowID(code string) string { return "r-" + code }

// CellClass names the colour of a cell from its counted stances: both
// supports and opposes make "mixed", otherwise the strongest stance present
// wins, and a cell with nothing counted is "none".
func CellClass(supports, opposes, neutral int) string {
	switch {
	case supports > 0 && opposes > 0:
		return "mixed"
	case supports > 0:
		return "supports"
	case opposes > 0:
		return "opposes"
	case neutral > 0:
		return "neutral"
	}
	return "none"
}

// unRegions are the UN regional groups, shown first and in this order;
// any other region of the rule set (observers, organisations) follows.
var unRegions = []string{"African", "Asia-Pacific", "Eastern European", "Latin American and Caribbean", "Western European and others"}

type reportClaim struct {
	schema.Claim
	// Changes describes the corrections as "field: old → new".
	Changes  []string
	Rejected bool
}

type reportCell struct {
	ID, Topic                  string
	Class                      string
	Count, Rejected            int
	Supports, Opposes, Neutral int
	// Claims lists the first maxCellClaims claims of the cell; Listed
	// counts them all.
	Claims []reportClaim
	Listed int
}

// Title is the cell's tooltip.
func (c reportCell) Title() string {
	s := fmt.Sprintf("%s: %d supports, %d opposes, %d neutral", c.Topic, c.Supports, c.Opposes, c.Neutral)
	if c.Rejected > 0 {
		s += fmt.Sprintf("; %d rejected", c.Rejected)
	}
	return s
}

type reportRow struct {
	Code, Name, ID, Filter string
	Count                  int
	Cells                  []reportCell
}

type reportGroup struct {
	Region, ID string
	Rows       []reportRow
}

type actorLink struct {
	Name, Anchor string
	N            int
}

type topicSides struct {
	Topic                 string
	Supporters, Opponents []actorLink
}

type orphanView struct {
	Orphan
	Known []string // replacement ids that have a claim in the report
}

type reportModel struct {
	Summary      Summary
	RulesVersion string
	Topics       []string
	Groups       []reportGroup
	Actors       int
	Sides        []topicSides
	Resolutions  []Cited
	Documents    []Cited
	Orphans      []orphanView
	// Reviewed is the number of claims with a decision.
	Reviewed int
	// CellClaims is the rendered "Claims by cell" section (cellClaimsHTML).
	CellClaims template.HTML
}

// maxCited bounds the lists of most cited symbols.
const maxCited = 20

// maxCellClaims bounds the claims listed under one cell. The matrix counts
// every claim; a page listing all of a large corpus (hundreds of thousands
// of claims, tens of megabytes) is one no browser shows well, and every
// claim is in claims.jsonl and 'claims export' anyway.
const maxCellClaims = 20

func (d *Dataset) reportModel() reportModel {
	m := reportModel{Summary: d.Summary, RulesVersion: d.RulesVersion, Topics: schema.Topics}
	m.Reviewed = d.Summary.Accepted + d.Summary.Rejected + d.Summary.Corrected
	resolved := d.resolved()
	// Gather claims per actor and topic, as reviewed: indexes first, so
	// that only the claims a cell lists are copied and described.
	type key struct{ code, topic string }
	cells := map[key][]int{}
	names := map[string]string{}
	for i := range resolved {
		c := &resolved[i]
		k := key{c.CountryCode, c.Topic}
		cells[k] = append(cells[k], i)
		if _, ok := names[c.CountryCode]; !ok {
			names[c.CountryCode] = c.Country
		}
	}
	// Rows, grouped by region.
	byRegion := map[string][]reportRow{}
	for code, name := range names {
		row := reportRow{Code: code, Name: name, ID: RowID(code)}
		region := d.Regions[code]
		row.Filter = strings.ToLower(name + " " + code + " " + region)
		for _, t := range schema.Topics {
			idx := cells[key{code, t}]
			sort.Slice(idx, func(i, j int) bool { return claimLess(resolved[idx[i]], resolved[idx[j]]) })
			cell := reportCell{ID: CellID(code, t), Topic: t, Listed: len(idx)}
			for n, i := range idx {
				c := resolved[i]
				rejected := !Counts(c)
				if n < maxCellClaims {
					rc := reportClaim{Claim: c, Rejected: rejected}
					if c.Review.Status == schema.StatusCorrected {
						rc.Changes = changes(d.Claims[i], c)
					}
					cell.Claims = append(cell.Claims, rc)
				}
				if rejected {
					cell.Rejected++
					continue
				}
				switch c.Stance {
				case "supports":
					cell.Supports++
				case "opposes":
					cell.Opposes++
				default:
					cell.Neutral++
				}
			}
			cell.Count = cell.Supports + cell.Opposes + cell.Neutral
			cell.Class = CellClass(cell.Supports, cell.Opposes, cell.Neutral)
			row.Count += cell.Count
			row.Cells = append(row.Cells, cell)
		}
		byRegion[region] = append(byRegion[region], row)
	}
	m.Actors = len(names)
	var regions []string
	for r := range byRegion {
		if !contains(unRegions, r) && r != "" {
			regions = append(regions, r)
		}
	}
	sort.Strings(regions)
	regions = append(append(append([]string{}, unRegions...), regions...), "")
	for _, r := range regions {
		rows := byRegion[r]
		if len(rows) == 0 {
			continue
		}
		sort.Slice(rows, func(i, j int) bool {
			if rows[i].Name != rows[j].Name {
				return rows[i].Name < rows[j].Name
			}
			return rows[i].Code < rows[j].Code
		})
		name := r
		if name == "" {
			name = "No regional group"
		}
		m.Groups = append(m.Groups, reportGroup{Region: name, ID: "g-" + slug(name), Rows: rows})
	}
	// Supporters and opponents per topic, by actor name.
	for ti, t := range schema.Topics {
		s := topicSides{Topic: t}
		for _, g := range m.Groups {
			for _, row := range g.Rows {
				cell := row.Cells[ti]
				if cell.Supports > 0 {
					s.Supporters = append(s.Supporters, actorLink{Name: row.Name, Anchor: cell.ID, N: cell.Supports})
				}
				if cell.Opposes > 0 {
					s.Opponents = append(s.Opponents, actorLink{Name: row.Name, Anchor: cell.ID, N: cell.Opposes})
				}
			}
		}
		for _, l := range [][]actorLink{s.Supporters, s.Opponents} {
			sort.SliceStable(l, func(i, j int) bool { return l[i].Name < l[j].Name })
		}
		m.Sides = append(m.Sides, s)
	}
	for _, c := range d.stats(resolved).Cited {
		switch {
		case c.Kind == "resolution" && len(m.Resolutions) < maxCited:
			m.Resolutions = append(m.Resolutions, c)
		case c.Kind == "document" && len(m.Documents) < maxCited:
			m.Documents = append(m.Documents, c)
		}
	}
	var ids map[string]bool
	for _, o := range d.Orphans {
		v := orphanView{Orphan: o}
		if len(o.LikelyReplacedBy) > 0 && ids == nil {
			ids = make(map[string]bool, len(d.Claims))
			for i := range d.Claims {
				ids[d.Claims[i].ID] = true
			}
		}
		for _, id := range o.LikelyReplacedBy {
			if ids[id] {
				v.Known = append(v.Known, id)
			}
		}
		m.Orphans = append(m.Orphans, v)
	}
	m.CellClaims = cellClaimsHTML(m.Groups)
	return m
}

// claimLess orders claims by their first source, then by id.
func claimLess(a, b schema.Claim) bool {
	if len(a.Sources) > 0 && len(b.Sources) > 0 {
		x, y := a.Sources[0], b.Sources[0]
		if x.Doc != y.Doc {
			return x.Doc < y.Doc
		}
		if x.Start != y.Start {
			return x.Start < y.Start
		}
	}
	return a.ID < b.ID
}

// changes describes how a reviewer's corrections changed a claim.
func changes(a, b schema.Claim) []string {
	var out []string
	add := func(field, x, y string) {
		if x != y {
			out = append(out, field+": "+orNone(x)+" → "+orNone(y))
		}
	}
	add("country", a.Country, b.Country)
	add("topic", a.Topic, b.Topic)
	add("stance", a.Stance, b.Stance)
	add("resolutions", strings.Join(a.Resolutions, ", "), strings.Join(b.Resolutions, ", "))
	add("documents", strings.Join(a.Documents, ", "), strings.Join(b.Documents, ", "))
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

var reportTmpl = template.Must(template.New("report").Parse(reportTemplate))

// Report renders the dataset as one self-contained HTML page (inline CSS
// and a small filtering script, nothing fetched): a country by topic matrix
// coloured by stance, the claims behind every cell, supporters and opponents
// per topic, the most cited symbols and the review progress. The bytes
// depend only on the dataset, so 'build --check' can compare them.
func (d *Dataset) Report() ([]byte, error) {
	var b bytes.Buffer
	if err := reportTmpl.Execute(&b, d.reportModel()); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", ReportFile, err)
	}
	return b.Bytes(), nil
}

// reportTemplate is escaped by html/template: every piece of document text
// lands in an HTML text or attribute context and comes out as text.
const reportTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Claims report</title>
<style>
:root{--sup:#2b7bba;--opp:#d7402b;--neu:#b8bcc2;--mix:#8a5cb8;--line:#d9dde3;--ink:#1d232b;--soft:#5d6773;--bg:#f6f7f9}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:14px 24px 10px}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:15px;margin:0 0 6px}
main{padding:16px 24px 40px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:0 0 16px}
a{color:#1d5fa0}
.muted{color:var(--soft)}
nav a{margin-right:14px}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:2px 0 8px;color:var(--soft)}
.facts b{color:var(--ink)}
.bar{display:flex;height:12px;border-radius:3px;overflow:hidden;background:var(--line);max-width:720px;margin:4px 0 6px}
.bar span{display:block}
.st-pending{background:#d4d8de}.st-accepted{background:#3a9d5d}.st-rejected{background:#c0392b}.st-corrected{background:#e0a526}
.key{display:inline-block;width:11px;height:11px;border-radius:2px;vertical-align:-1px;margin-right:4px}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;margin-bottom:10px}
.tools input{font:inherit;padding:5px 9px;width:330px;border:1px solid #aab2bd;border-radius:4px}
.legend span{margin-right:12px;white-space:nowrap}
.scroll{max-height:78vh;overflow:auto;border:1px solid var(--line)}
table{border-collapse:separate;border-spacing:0}
.matrix th,.matrix td{border-right:1px solid var(--line);border-bottom:1px solid var(--line)}
.matrix thead th{position:sticky;top:0;z-index:2;background:#fff;vertical-align:bottom;padding:6px 2px;font-weight:600}
.matrix thead th.corner{left:0;z-index:3;text-align:left;padding:6px 10px;min-width:230px}
.matrix th.topic span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-size:12px;display:inline-block}
.matrix tbody th{position:sticky;left:0;z-index:1;background:#fff;text-align:left;font-weight:500;padding:2px 10px;white-space:nowrap;max-width:260px;overflow:hidden;text-overflow:ellipsis}
.matrix tr.region th{background:#eef1f5;font-weight:700;padding:5px 10px;color:#2c3440;overflow:visible;max-width:none;z-index:2}
.matrix tr.region td{background:#eef1f5}
.matrix .code{color:var(--soft);font-size:11px;margin-left:4px;font-family:ui-monospace,Menlo,Consolas,monospace}
.matrix td{width:40px;min-width:40px;height:24px;text-align:center;padding:0;font-size:12px;font-variant-numeric:tabular-nums}
.matrix td a{display:block;line-height:24px;color:inherit;text-decoration:none}
.matrix td a:hover{outline:2px solid var(--ink);outline-offset:-2px}
.matrix tbody tr.actor:hover th,.matrix tbody tr.actor:hover td.s-none{background:#fff8dc}
.s-supports{background:var(--sup);color:#fff}
.s-opposes{background:var(--opp);color:#fff}
.s-neutral{background:var(--neu);color:var(--ink)}
.s-mixed{background:var(--mix);color:#fff}
.s-none{background:#fff;color:var(--soft)}
td.rej a::after{content:"×";font-size:10px;vertical-align:super;margin-left:1px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px;align-items:start}
table.list{width:100%}
table.list th,table.list td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
table.list td.n,table.list th.n{text-align:right;font-variant-numeric:tabular-nums}
.sides td:first-child{white-space:nowrap;font-weight:600}
.sides a{white-space:nowrap}
.cell-claims{border-top:1px solid var(--line);padding:10px 0 6px;scroll-margin-top:8px}
.cell-claims:target{background:#fff8dc;outline:3px solid #e0a526;outline-offset:4px}
.cell-claims h3 .pill{margin-left:6px}
.pill{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600}
.claims{margin:0;padding-left:22px}
.claims li{margin:0 0 10px}
.claims blockquote{margin:3px 0;padding:2px 10px;border-left:3px solid var(--line);overflow-wrap:anywhere}
li.rejected blockquote{text-decoration:line-through;color:var(--soft)}
.meta{color:var(--soft);font-size:12.5px;margin:0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
</style>
</head>
<body>
<header>
<h1>Positions in cyber diplomacy: claims report</h1>
<div class="facts">
<span><b>{{.Summary.Documents}}</b> documents</span>
<span><b>{{.Summary.Claims}}</b> claims</span>
<span><b>{{.Actors}}</b> actors</span>
<span><b>{{.Summary.Dataset}}</b> in the reviewed dataset</span>
<span>reviewed <b>{{.Reviewed}}</b> of {{.Summary.Claims}}</span>
<span>rules version <code>{{.RulesVersion}}</code></span>
</div>
<nav><a href="#matrix">Matrix</a><a href="#sides">Supporters and opponents</a><a href="#cited">Most cited</a><a href="#progress">Review progress</a><a href="#claims">Claims by cell</a></nav>
</header>
<main>
<section id="matrix">
<h2>Positions by actor and topic</h2>
<div class="tools">
<input id="filter" type="search" placeholder="Filter by country, code or regional group" aria-label="Filter rows">
<span class="legend"><span><i class="key s-supports"></i>supports</span><span><i class="key s-opposes"></i>opposes</span><span><i class="key s-mixed"></i>mixed (supports and opposes)</span><span><i class="key s-neutral"></i>neutral</span><span><i class="key s-none" style="border:1px solid #aab2bd"></i>none</span></span>
<span class="muted">Numbers count pending, accepted and corrected claims (as corrected); × marks rejected claims, listed but not counted. Click a cell for its claims.</span>
</div>
<div class="scroll">
<table class="matrix">
<thead><tr><th class="corner" scope="col">Actor</th>{{range .Topics}}<th class="topic" scope="col"><span>{{.}}</span></th>{{end}}</tr></thead>
{{- range .Groups}}
<tbody class="group" id="{{.ID}}">
<tr class="region"><th scope="rowgroup">{{.Region}} <span class="muted">({{len .Rows}})</span></th><td colspan="{{len $.Topics}}"></td></tr>
{{- range .Rows}}
<tr class="actor" id="{{.ID}}" data-filter="{{.Filter}}"><th scope="row" title="{{.Name}}">{{.Name}}<span class="code">{{.Code}}</span></th>
{{- range .Cells}}
{{if .Claims}}<td class="s-{{.Class}}{{if .Rejected}} rej{{end}}" title="{{.Title}}"><a href="#{{.ID}}">{{.Count}}</a></td>{{else}}<td class="s-none"></td>{{end}}
{{- end}}</tr>
{{- end}}
</tbody>
{{- end}}
</table>
</div>
</section>
<section id="sides">
<h2>Supporters and opponents per topic</h2>
<table class="list sides">
<thead><tr><th>topic</th><th>supporters</th><th>opponents</th></tr></thead>
<tbody>
{{- range .Sides}}
<tr><td>{{.Topic}}</td><td>{{range $i, $a := .Supporters}}{{if $i}}, {{end}}<a href="#{{$a.Anchor}}">{{$a.Name}}</a>{{if gt $a.N 1}} ({{$a.N}}){{end}}{{else}}<span class="muted">none</span>{{end}}</td><td>{{range $i, $a := .Opponents}}{{if $i}}, {{end}}<a href="#{{$a.Anchor}}">{{$a.Name}}</a>{{if gt $a.N 1}} ({{$a.N}}){{end}}{{else}}<span class="muted">none</span>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
<section id="cited">
<h2>Most cited resolutions and documents</h2>
<div class="grid">
<table class="list">
<thead><tr><th>resolution</th><th class="n">claims</th><th class="n">actors</th></tr></thead>
<tbody>
{{- range .Resolutions}}
<tr><td><code>{{.Symbol}}</code></td><td class="n">{{.Claims}}</td><td class="n">{{.Actors}}</td></tr>
{{- else}}
<tr><td colspan="3" class="muted">none cited</td></tr>
{{- end}}
</tbody>
</table>
<table class="list">
<thead><tr><th>document</th><th class="n">claims</th><th class="n">actors</th></tr></thead>
<tbody>
{{- range .Documents}}
<tr><td><code>{{.Symbol}}</code></td><td class="n">{{.Claims}}</td><td class="n">{{.Actors}}</td></tr>
{{- else}}
<tr><td colspan="3" class="muted">none cited</td></tr>
{{- end}}
</tbody>
</table>
</div>
</section>
<section id="progress">
<h2>Review progress</h2>
<div class="bar" title="pending, accepted, corrected, rejected"><span class="st-accepted" style="flex-grow:{{.Summary.Accepted}}"></span><span class="st-corrected" style="flex-grow:{{.Summary.Corrected}}"></span><span class="st-rejected" style="flex-grow:{{.Summary.Rejected}}"></span><span class="st-pending" style="flex-grow:{{.Summary.Pending}}"></span></div>
<table class="list" style="width:auto">
<tbody>
<tr><td><i class="key st-pending"></i>pending</td><td class="n" id="n-pending">{{.Summary.Pending}}</td></tr>
<tr><td><i class="key st-accepted"></i>accepted</td><td class="n" id="n-accepted">{{.Summary.Accepted}}</td></tr>
<tr><td><i class="key st-corrected"></i>corrected</td><td class="n" id="n-corrected">{{.Summary.Corrected}}</td></tr>
<tr><td><i class="key st-rejected"></i>rejected</td><td class="n" id="n-rejected">{{.Summary.Rejected}}</td></tr>
<tr><td>orphaned reviews</td><td class="n" id="n-orphans">{{.Summary.Orphans}}</td></tr>
<tr><td>reviewed dataset</td><td class="n">{{.Summary.Dataset}}</td></tr>
</tbody>
</table>
<p class="muted">Rule set version <code>{{.RulesVersion}}</code>. Orphaned reviews stay in reviews.jsonl; their claim no longer comes out of extraction.</p>
{{- if .Orphans}}
<h3>Orphaned reviews</h3>
<table class="list">
<thead><tr><th>review</th><th>status</th><th class="n">line</th><th>document and sentence at review time</th><th>likely replaced by</th></tr></thead>
<tbody>
{{- range .Orphans}}
<tr><td><code>{{.Review.ID}}</code></td><td>{{.Review.Status}}</td><td class="n">{{.Line}}</td><td><code>{{.Review.Doc}}</code> {{.Review.Text}}</td><td>{{range .Known}}<a href="#{{.}}"><code>{{.}}</code></a> {{else}}<span class="muted">none</span>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</section>
<section id="claims">
<h2>Claims by cell</h2>{{.CellClaims}}
</section>
</main>
<script>
// Hide matrix rows whose country, code or regional group lacks the typed text.
(function () {
  var box = document.getElementById("filter");
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    document.querySelectorAll("tbody.group").forEach(function (g) {
      var shown = 0;
      g.querySelectorAll("tr.actor").forEach(function (r) {
        r.hidden = q !== "" && r.getAttribute("data-filter").indexOf(q) < 0;
        if (!r.hidden) shown++;
      });
      g.hidden = shown === 0;
    });
  });
})();
</script>
</body>
</html>
`
