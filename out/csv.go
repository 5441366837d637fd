package out

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/cyberclaims/claims/schema"
)

// CSVHeader lists the columns of the CSV export, in order.
var CSVHeader = []string{
	"id", "country", "country_code", "actor_type", "topic", "stance",
	"resolutions", "documents", "text", "doc", "start", "end", "line",
	"review_status", "reviewer", "reviewed_at", "note",
}

// EncodeCSV renders claims as one flat CSV table for R, pandas and
// spreadsheets: a header row, then one row per claim and source (a sentence
// found in two documents gives two rows with the same id). Lists are joined
// with ";". Quoting follows RFC 4180 (encoding/csv); lines end in "\n"; the
// text is UTF-8 without a byte order mark. Every cell goes through
// SafeCell, so a spreadsheet never runs a cell as a formula.
func EncodeCSV(claims []schema.Claim) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(CSVHeader); err != nil {
		return nil, err
	}
	for _, c := range claims {
		for _, s := range c.Sources {
			row := []string{
				c.ID, c.Country, c.CountryCode, c.ActorType, c.Topic, c.Stance,
				strings.Join(c.Resolutions, ";"), strings.Join(c.Documents, ";"), c.Text,
				s.Doc, strconv.Itoa(s.Start), strconv.Itoa(s.End), strconv.Itoa(s.Line),
				c.Review.Status, c.Review.Reviewer, c.Review.At, c.Review.Note,
			}
			for i := range row {
				row[i] = SafeCell(row[i])
			}
			if err := w.Write(row); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SafeCell neutralises a cell against formula injection: a cell beginning
// with =, +, -, @, a tab or a carriage return is one a spreadsheet may run
// as a formula, so it gets a leading single quote, which spreadsheets show
// as text. Harmless cells such as a sentence opening with "-" get it too;
// telling them apart would mean guessing what a spreadsheet evaluates.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
