package out_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cyberclaims/claims/corpus"
	"github.com/cyberclaims/claims/out"
	"github.com/cyberclaims/claims/schema"
)

// chromium finds a Chromium to drive, or skips the test (fails it in CI,
// where .ci/run installs one).
func chromium(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed: .ci/run should have installed it (apt-get install chromium) before running the tests")
	}
	t.Skip("chromium is not on PATH nor at /usr/bin/chromium: skipping the browser test of report.html (apt-get install chromium to run it)")
	return ""
}

// browse runs headless Chromium on url with extra flags (after the fixed
// ones) and returns its stdout.
func browse(t *testing.T, bin, url string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir=" + t.TempDir(),
	}, extra...)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, append(args, url)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// bundledDataset generates the dataset of the bundled corpus in memory, as
// 'claims build' does with the embedded rules.
func bundledDataset(t *testing.T) *out.Dataset {
	t.Helper()
	docs, err := corpus.Read([]string{"../corpus"}, nil, corpus.Options{}, func(err error) { t.Log(err) })
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := corpus.ReadReviews("../corpus/reviews.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	d, err := out.Generate(context.Background(), extractor(t), docs, reviews, 4)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// expectedCells computes the matrix from the dataset on its own terms:
// rejected claims are listed but not counted, corrected claims count with
// the values in d.Reviewed. It also returns the claim ids behind each cell.
func expectedCells(d *out.Dataset) (map[string]matrixCell, map[string][]string) {
	corrected := map[string]schema.Claim{}
	for _, c := range d.Reviewed {
		corrected[c.ID] = c
	}
	type tally struct{ s, o, n, r int }
	tallies := map[string]*tally{}
	ids := map[string][]string{}
	for _, c := range d.Claims {
		if c.Review.Status == schema.StatusCorrected {
			c = corrected[c.ID]
		}
		id := out.CellID(c.CountryCode, c.Topic)
		if tallies[id] == nil {
			tallies[id] = &tally{}
		}
		ids[id] = append(ids[id], c.ID)
		x := tallies[id]
		switch {
		case c.Review.Status == schema.StatusRejected:
			x.r++
		case c.Stance == "supports":
			x.s++
		case c.Stance == "opposes":
			x.o++
		default:
			x.n++
		}
	}
	cells := map[string]matrixCell{}
	for id, x := range tallies {
		class := "none"
		switch {
		case x.s > 0 && x.o > 0:
			class = "mixed"
		case x.s > 0:
			class = "supports"
		case x.o > 0:
			class = "opposes"
		case x.n > 0:
			class = "neutral"
		}
		cells[id] = matrixCell{Class: class, Count: x.s + x.o + x.n, Rejected: x.r > 0}
	}
	return cells, ids
}

// TestReportInBrowser loads the bundled corpus's report.html in headless
// Chromium: the matrix the browser builds has the expected cells, a cell's
// anchor leads to its claims, and the page renders to a real screenshot.
func TestReportInBrowser(t *testing.T) {
	bin := chromium(t)
	d := bundledDataset(t)
	page, err := d.Report()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, out.ReportFile)
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(path)

	want, ids := expectedCells(d)
	peru := out.CellID("PER", "international-law")
	if want[peru].Count == 0 {
		t.Fatalf("the bundled corpus has no counted claim for %s; pick another cell for this test", peru)
	}

	dom := string(browse(t, bin, url, "--dump-dom"))
	got := matrixCells(dom)
	if len(got) != len(want) {
		t.Errorf("the browser's matrix has %d linked cells, want %d", len(got), len(want))
	}
	for id, w := range want {
		if g, ok := got[id]; !ok || g != w {
			t.Errorf("cell %s = %+v (present %v), want %+v", id, g, ok, w)
		}
	}
	if g := got[peru]; g != want[peru] {
		t.Errorf("PER x international-law = %+v, want %+v", g, want[peru])
	}
	if !strings.Contains(dom, `<input id="filter"`) {
		t.Error("the filter box is missing from the DOM")
	}

	// Following the cell's link: the anchor target exists and lists the claims.
	if !strings.Contains(dom, `href="#`+peru+`"`) {
		t.Errorf("no link to #%s in the matrix", peru)
	}
	target := string(browse(t, bin, url+"#"+peru, "--dump-dom"))
	article := cellArticle(target, peru)
	if article == "" {
		t.Fatalf("#%s leads nowhere: no element with that id", peru)
	}
	for _, id := range ids[peru] {
		if !strings.Contains(article, `<li id="`+id+`"`) {
			t.Errorf("claim %s is not listed at #%s", id, peru)
		}
	}
	if n := strings.Count(article, "<li "); n != len(ids[peru]) {
		t.Errorf("#%s lists %d claims, want %d", peru, n, len(ids[peru]))
	}
	if !strings.Contains(article, "briefs/peru.txt</code> line ") {
		t.Errorf("#%s does not name the source document and line:\n%s", peru, article)
	}

	// The screenshot shows the page, matrix included: the supports colour fills cells.
	shot := filepath.Join(dir, "report.png")
	browse(t, bin, url, "--screenshot="+shot, "--window-size=1400,900")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1400 || b.Dy() != 900 {
		t.Errorf("screenshot is %dx%d, want 1400x900", b.Dx(), b.Dy())
	}
	colours, sup := pixels(img, supportsColour(t, string(page)))
	if colours < 50 || sup < 500 {
		t.Errorf("screenshot looks empty: %d colours, %d pixels of the supports colour", colours, sup)
	}
}

// supportsColour reads the supports colour from the report's CSS.
func supportsColour(t *testing.T, page string) [3]uint8 {
	t.Helper()
	m := regexp.MustCompile(`--sup:#([0-9a-fA-F]{6})`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no --sup colour in the report's CSS")
	}
	var c [3]uint8
	for i := range c {
		v, _ := strconv.ParseUint(m[1][2*i:2*i+2], 16, 8)
		c[i] = uint8(v)
	}
	return c
}

// pixels counts the distinct colours of img and the pixels of colour c.
func pixels(img image.Image, c [3]uint8) (colours, match int) {
	seen := map[[3]uint8]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			px := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}
			seen[px] = true
			if px == c {
				match++
			}
		}
	}
	return len(seen), match
}
