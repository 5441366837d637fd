package out_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/schema"
)

// reportDocs makes claims for Peru (supports and opposes a treaty), Chile,
// Brazil (citing a resolution and a report) and Kenya.
const reportDocs = "Peru supports a new treaty. Peru rejects a new treaty. Chile supports capacity building. " +
	"Brazil supports voluntary norms, as in resolution 73/27 and the 2015 GGE report (A/70/174). Kenya rejects a new treaty.\n"

// generateDocs extracts documents given as id, text pairs and merges reviews.
func generateDocs(t *testing.T, reviews []corpus.Review, idText ...string) *out.Dataset {
	t.Helper()
	var docs []corpus.Document
	for i := 0; i+1 < len(idText); i += 2 {
		docs = append(docs, corpus.Document{ID: idText[i], Text: []byte(idText[i+1])})
	}
	d, err := out.Generate(context.Background(), extractor(t), docs, reviews, 2)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// claimOf returns the claim of the dataset on the code's topic whose text
// has the given prefix.
func claimOf(t *testing.T, d *out.Dataset, code, topic, prefix string) schema.Claim {
	t.Helper()
	for _, c := range d.Claims {
		if c.CountryCode == code && c.Topic == topic && strings.HasPrefix(c.Text, prefix) {
			return c
		}
	}
	t.Fatalf("no %s %s claim %q in %d claims", code, topic, prefix, len(d.Claims))
	return schema.Claim{}
}

// reviewedDataset extracts reportDocs and reviews it: Chile rejected,
// Brazil corrected to opposes, Kenya corrected to Ghana, Peru's support
// accepted.
func reviewedDataset(t *testing.T) *out.Dataset {
	t.Helper()
	d := generateDocs(t, nil, "a.txt", reportDocs)
	opposes, ghana := "opposes", "GHA"
	reviews := []corpus.Review{
		review(claimOf(t, d, "CHL", "capacity-building", "Chile").ID, schema.StatusRejected, 1, nil, ""),
		review(claimOf(t, d, "BRA", "voluntary-norms", "Brazil").ID, schema.StatusCorrected, 2, &schema.Corrections{Stance: &opposes}, ""),
		review(claimOf(t, d, "KEN", "binding-instrument", "Kenya").ID, schema.StatusCorrected, 3, &schema.Corrections{CountryCode: &ghana}, ""),
		review(claimOf(t, d, "PER", "binding-instrument", "Peru supports").ID, schema.StatusAccepted, 4, nil, ""),
	}
	return generateDocs(t, reviews, "a.txt", reportDocs)
}

func report(t *testing.T, d *out.Dataset) string {
	t.Helper()
	b, err := d.Report()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// matrixCell is one linked cell of the report's matrix as rendered.
type matrixCell struct {
	Class    string
	Count    int
	Rejected bool
}

var cellRe = regexp.MustCompile(`<td class="s-([a-z]+)( rej)?" title="[^"]*"><a href="#c-([A-Z]+)-([a-z-]+)">(\d+)</a></td>`)

// matrixCells finds every linked cell of the matrix in HTML (as written by
// Report or serialised by a browser), keyed by CellID.
func matrixCells(html string) map[string]matrixCell {
	cells := map[string]matrixCell{}
	for _, m := range cellRe.FindAllStringSubmatch(html, -1) {
		n, _ := strconv.Atoi(m[5])
		cells[out.CellID(m[3], m[4])] = matrixCell{Class: m[1], Count: n, Rejected: m[2] != ""}
	}
	return cells
}

// cellArticle returns the HTML of the claims listed for one cell, or "".
func cellArticle(html, id string) string {
	start := strings.Index(html, `<article class="cell-claims" id="`+id+`">`)
	if start < 0 {
		return ""
	}
	end := strings.Index(html[start:], "</article>")
	if end < 0 {
		return ""
	}
	return html[start : start+end]
}

func TestReportMatrixCountsReviewsAsReviewed(t *testing.T) {
	d := reviewedDataset(t)
	html := report(t, d)
	cells := matrixCells(html)
	want := map[string]matrixCell{
		out.CellID("PER", "binding-instrument"): {Class: "mixed", Count: 2},
		// Rejected: listed and linked, not counted.
		out.CellID("CHL", "capacity-building"): {Class: "none", Count: 0, Rejected: true},
		// Corrected stance counts as corrected.
		out.CellID("BRA", "voluntary-norms"): {Class: "opposes", Count: 1},
		// Corrected country moves the claim to Ghana's row.
		out.CellID("GHA", "binding-instrument"): {Class: "opposes", Count: 1},
	}
	if len(cells) != len(want) {
		t.Errorf("matrix has %d linked cells, want %d: %v", len(cells), len(want), cells)
	}
	for id, w := range want {
		if got, ok := cells[id]; !ok || got != w {
			t.Errorf("cell %s = %+v (present %v), want %+v", id, got, ok, w)
		}
	}
	if strings.Contains(html, `id="r-KEN"`) {
		t.Error("Kenya's only claim was corrected to Ghana, yet Kenya has a row")
	}
	chile := claimOf(t, d, "CHL", "capacity-building", "Chile")
	if a := cellArticle(html, out.CellID("CHL", "capacity-building")); !strings.Contains(a, `<li id="`+chile.ID+`" class="rejected">`) {
		t.Errorf("rejected claim not listed as rejected in its cell:\n%s", a)
	}
	brazil := cellArticle(html, out.CellID("BRA", "voluntary-norms"))
	for _, s := range []string{"stance: supports → opposes", "<code>A/RES/73/27</code>", "<code>A/70/174</code>", "<code>a.txt</code> line 1, bytes"} {
		if !strings.Contains(brazil, s) {
			t.Errorf("Brazil's cell lacks %q:\n%s", s, brazil)
		}
	}
	// Rows are grouped by UN regional group: Ghana under African, before
	// the Latin American and Caribbean group that holds Brazil, Chile and Peru.
	order := []string{`id="g-african"`, `id="r-GHA"`, `id="g-latin-american-and-caribbean"`, `id="r-BRA"`, `id="r-CHL"`, `id="r-PER"`}
	last := -1
	for _, s := range order {
		i := strings.Index(html, s)
		if i <= last {
			t.Fatalf("%s missing or out of order (at %d, previous at %d)", s, i, last)
		}
		last = i
	}
	for _, s := range []string{`id="n-pending">1<`, `id="n-accepted">1<`, `id="n-rejected">1<`, `id="n-corrected">2<`, `id="n-orphans">0<`, d.RulesVersion} {
		if !strings.Contains(html, s) {
			t.Errorf("review progress lacks %q", s)
		}
	}
}

func TestStatsTallyReviewedClaims(t *testing.T) {
	st := reviewedDataset(t).Stats()
	topics := map[string]out.TopicStances{}
	for _, ts := range st.Topics {
		topics[ts.Topic] = ts
	}
	if len(st.Topics) != len(schema.Topics) {
		t.Errorf("%d topics, want %d", len(st.Topics), len(schema.Topics))
	}
	if got := topics["binding-instrument"]; got.Supports != 1 || got.Opposes != 2 || got.Neutral != 0 {
		t.Errorf("binding-instrument %+v, want 1 supports, 2 opposes", got)
	}
	if got := topics["capacity-building"]; got.Total() != 0 {
		t.Errorf("the rejected claim was counted: %+v", got)
	}
	if got := topics["voluntary-norms"]; got.Opposes != 1 || got.Supports != 0 {
		t.Errorf("the correction was not applied: %+v", got)
	}
	if len(st.Actors) != 3 || st.Actors[0] != (out.ActorCount{Code: "PER", Name: "Peru", Claims: 2, Topics: 1}) {
		t.Errorf("actors %+v, want Peru first of 3 (Brazil, Ghana, Peru)", st.Actors)
	}
	want := []out.Cited{{Symbol: "A/RES/73/27", Kind: "resolution", Claims: 1, Actors: 1}, {Symbol: "A/70/174", Kind: "document", Claims: 1, Actors: 1}}
	if len(st.Cited) != 2 || st.Cited[0] != want[0] || st.Cited[1] != want[1] {
		t.Errorf("cited %+v, want %+v", st.Cited, want)
	}
}

func TestReportEscapesDocumentText(t *testing.T) {
	nasty := `Peru supports capacity building <script>alert(1)</script> and <img src=x onerror=alert(2)> </table> for all.`
	d := generateDocs(t, nil, `x<script>alert(3)</script>.txt`, nasty+"\n")
	c := claimOf(t, d, "PER", "capacity-building", "Peru")
	if !strings.Contains(c.Text, "<script>alert(1)") {
		t.Fatalf("the claim lost the markup, so the test proves nothing: %q", c.Text)
	}
	// The note and the orphan's text come from reviews.jsonl, also outside text.
	r := review(c.ID, schema.StatusAccepted, 1, nil, "")
	r.Note = `<script>alert(4)</script>`
	orphan := review("c_0123456789abcdef", schema.StatusRejected, 2, nil, `</table><script>alert(5)</script>`)
	d = generateDocs(t, []corpus.Review{r, orphan}, `x<script>alert(3)</script>.txt`, nasty+"\n")
	html := report(t, d)

	for _, bad := range []string{"<script>alert", "<img", "onerror=alert(2)>"} {
		if strings.Contains(html, bad) {
			t.Errorf("report contains unescaped %q", bad)
		}
	}
	if n := strings.Count(html, "<script"); n != 1 {
		t.Errorf("%d script elements, want only the filter script", n)
	}
	if open, closed := strings.Count(html, "<table"), strings.Count(html, "</table>"); open != closed {
		t.Errorf("%d tables opened, %d closed: document text closed one", open, closed)
	}
	for _, good := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;img src=x onerror=alert(2)&gt; &lt;/table&gt;",
		"x&lt;script&gt;alert(3)&lt;/script&gt;.txt",
		"&lt;script&gt;alert(4)&lt;/script&gt;",
		"&lt;/table&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
	} {
		if !strings.Contains(html, good) {
			t.Errorf("report lacks the escaped text %q", good)
		}
	}
}

func TestReportIsDeterministicSelfContainedAndBuilt(t *testing.T) {
	d := reviewedDataset(t)
	first := report(t, d)
	for i := 0; i < 5; i++ { // maps iterate in a new order every time
		if again := report(t, reviewedDataset(t)); again != first {
			t.Fatal("report differs between runs")
		}
	}
	files, err := d.Files()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[out.ReportFile], []byte(first)) {
		t.Errorf("Files()[%q] is not the report", out.ReportFile)
	}
	for _, external := range []string{"<link", " src=", "url(", "@import", "http://", "https://"} {
		if strings.Contains(first, external) {
			t.Errorf("report refers to something outside itself: %q", external)
		}
	}
	if !strings.Contains(first, `<input id="filter"`) || !strings.Contains(first, `getElementById("filter")`) {
		t.Error("the filter box or its script is missing")
	}
}

func TestCellClass(t *testing.T) {
	for _, c := range []struct {
		s, o, n int
		want    string
	}{
		{0, 0, 0, "none"}, {1, 0, 0, "supports"}, {2, 0, 3, "supports"}, {0, 1, 1, "opposes"},
		{1, 1, 0, "mixed"}, {0, 0, 2, "neutral"},
	} {
		if got := out.CellClass(c.s, c.o, c.n); got != c.want {
			t.Errorf("CellClass(%d, %d, %d) = %s, want %s", c.s, c.o, c.n, got, c.want)
		}
	}
}

func TestReportListsAtMostTwentyClaimsPerCellAndCountsAll(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "Peru supports capacity building for partner number %d.\n\n", i)
	}
	d := generateDocs(t, nil, "many.txt", b.String())
	html := report(t, d)
	id := out.CellID("PER", "capacity-building")
	if got := matrixCells(html)[id].Count; got != 30 {
		t.Fatalf("matrix counts %d claims in %s, want 30", got, id)
	}
	art := cellArticle(html, id)
	if n := strings.Count(art, "<li "); n != 20 {
		t.Errorf("the cell lists %d claims, want the first 20", n)
	}
	if !strings.Contains(art, "number 20.") || strings.Contains(art, "number 21.") {
		t.Error("the cell does not list the first 20 claims in document order")
	}
	if !strings.Contains(art, "10 more claims in this cell are not listed here (the first 20 of 30 are)") {
		t.Errorf("the cell does not say how many claims it leaves out:\n%s", art[max(0, len(art)-400):])
	}
}
