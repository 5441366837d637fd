package out

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/schema"
)

// cellClaimsTemplate is the "Claims by cell" section as html/template wrote
// it before cellClaimsHTML replaced it: the oracle for that function's
// escaping and layout.
const cellClaimsTemplate = `{{- range .}}{{range $row := .Rows}}{{range .Cells}}{{if .Claims}}
<article class="cell-claims" id="{{.ID}}">
<h3>{{$row.Name}} · {{.Topic}}<span class="pill s-{{.Class}}">{{.Class}}</span> <span class="muted">{{.Count}} counted{{if .Rejected}}, {{.Rejected}} rejected{{end}}</span> <a class="muted" href="#{{$row.ID}}">↑ matrix</a></h3>
<ol class="claims">
{{- range .Claims}}
<li id="{{.ID}}" class="{{if .Rejected}}rejected{{else}}counted{{end}}"><span class="pill s-{{.Stance}}">{{.Stance}}</span> <span class="pill st-{{.Review.Status}}">{{.Review.Status}}</span> <code class="muted">{{.ID}}</code>
<blockquote>{{.Text}}</blockquote>
<p class="meta">{{range $i, $s := .Sources}}{{if $i}}; {{end}}<code>{{$s.Doc}}</code> line {{$s.Line}}, bytes {{$s.Start}}–{{$s.End}}{{end}}{{if .Resolutions}} · resolutions {{range $i, $r := .Resolutions}}{{if $i}}, {{end}}<code>{{$r}}</code>{{end}}{{end}}{{if .Documents}} · documents {{range $i, $r := .Documents}}{{if $i}}, {{end}}<code>{{$r}}</code>{{end}}{{end}}</p>
{{- if .Review.Reviewer}}
<p class="meta">{{.Review.Status}} by {{.Review.Reviewer}} at {{.Review.At}}{{if .Review.Note}}: “{{.Review.Note}}”{{end}}{{range .Changes}} · {{.}}{{end}}</p>
{{- end}}
</li>
{{- end}}
</ol>
</article>
{{- end}}{{end}}{{end}}{{end}}`

var cellClaimsOracle = template.Must(template.New("cells").Parse(`<section>` + cellClaimsTemplate + `</section>`))

// TestCellClaimsMatchTemplate renders random groups, their strings drawn
// from HTML specials, quotes, NUL, multi-byte and invalid UTF-8, with both
// cellClaimsHTML and the html/template oracle: the bytes must be equal.
func TestCellClaimsMatchTemplate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "Peru", " ", "<", ">", "&", "'", "\"", "+", "\x00", "é", "’", "<script>", "</table>", "\xff", "%", "#", "/", "?", "=", "\n", "\t", "`", "{{.}}"}
	str := func() string {
		var b strings.Builder
		for n := r.IntN(6); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	strs := func() []string {
		if r.IntN(3) == 0 {
			return nil
		}
		var out []string
		for n := r.IntN(3) + 1; n > 0; n-- {
			out = append(out, str())
		}
		return out
	}
	for iter := 0; iter < 300; iter++ {
		var groups []reportGroup
		for g := r.IntN(3); g >= 0; g-- {
			var rows []reportRow
			for n := r.IntN(3); n >= 0; n-- {
				row := reportRow{Name: str(), ID: str()}
				for k := r.IntN(3); k >= 0; k-- {
					cell := reportCell{ID: str(), Topic: str(), Class: str(), Count: r.IntN(5), Rejected: r.IntN(2)}
					for m := r.IntN(3); m > 0; m-- {
						c := reportClaim{Rejected: r.IntN(2) == 0, Changes: strs()}
						c.ID, c.Stance, c.Text = str(), str(), str()
						c.Review = schema.Review{Status: str()}
						if r.IntN(2) == 0 {
							c.Review.Reviewer, c.Review.At, c.Review.Note = str(), str(), str()
						}
						for s := r.IntN(3); s >= 0; s-- {
							c.Sources = append(c.Sources, schema.Source{Doc: str(), Line: r.IntN(99), Start: r.IntN(999), End: r.IntN(999)})
						}
						c.Resolutions, c.Documents = strs(), strs()
						cell.Claims = append(cell.Claims, c)
					}
					cell.Listed = len(cell.Claims)
					row.Cells = append(row.Cells, cell)
				}
				rows = append(rows, row)
			}
			groups = append(groups, reportGroup{Rows: rows})
		}
		var want bytes.Buffer
		if err := cellClaimsOracle.Execute(&want, groups); err != nil {
			t.Fatal(err)
		}
		got := "<section>" + string(cellClaimsHTML(groups)) + "</section>"
		if got != want.String() {
			t.Fatalf("iteration %d: cellClaimsHTML differs from html/template:\n got: %q\nwant: %q", iter, got, want.String())
		}
	}
}
