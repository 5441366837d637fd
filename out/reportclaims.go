package out

import (
	"html/template"
	"strconv"
	"strings"
)

// cellClaimsHTML renders the report's "Claims by cell" section: one article
// per cell with claims, listing them. It is the one part of the page that
// grows with the corpus, so it is written directly rather than through
// html/template, whose reflection costs microseconds per field (seconds
// for a large corpus). Every value from outside (document text and names,
// reviewers' notes) goes through escapeHTML, which escapes exactly as
// html/template does in these text and quoted-attribute contexts, and
// fragment links through escapeFragment; TestCellClaimsMatchTemplate holds
// the bytes equal to the template's.
func cellClaimsHTML(groups []reportGroup) template.HTML {
	var b strings.Builder
	listed := 0
	for _, g := range groups {
		for _, row := range g.Rows {
			for _, cell := range row.Cells {
				listed += len(cell.Claims)
			}
		}
	}
	b.Grow(listed * 700) // a listed claim takes about 600 bytes: grow once
	for _, g := range groups {
		for _, row := range g.Rows {
			for _, cell := range row.Cells {
				if len(cell.Claims) > 0 {
					writeCell(&b, row, cell)
				}
			}
		}
	}
	return template.HTML(b.String())
}

func writeCell(b *strings.Builder, row reportRow, cell reportCell) {
	b.WriteString("\n<article class=\"cell-claims\" id=\"")
	escapeHTML(b, cell.ID)
	b.WriteString("\">\n<h3>")
	escapeHTML(b, row.Name)
	b.WriteString(" · ")
	escapeHTML(b, cell.Topic)
	b.WriteString("<span class=\"pill s-")
	escapeHTML(b, cell.Class)
	b.WriteString("\">")
	escapeHTML(b, cell.Class)
	b.WriteString("</span> <span class=\"muted\">")
	b.WriteString(strconv.Itoa(cell.Count))
	b.WriteString(" counted")
	if cell.Rejected > 0 {
		b.WriteString(", ")
		b.WriteString(strconv.Itoa(cell.Rejected))
		b.WriteString(" rejected")
	}
	b.WriteString("</span> <a class=\"muted\" href=\"#")
	escapeFragment(b, row.ID)
	b.WriteString("\">↑ matrix</a></h3>\n<ol class=\"claims\">")
	for _, c := range cell.Claims {
		writeClaim(b, c)
	}
	b.WriteString("\n</ol>")
	if more := cell.Listed - len(cell.Claims); more > 0 {
		b.WriteString("\n<p class=\"meta more\">")
		b.WriteString(strconv.Itoa(more))
		b.WriteString(" more claims in this cell are not listed here (the first ")
		b.WriteString(strconv.Itoa(len(cell.Claims)))
		b.WriteString(" of ")
		b.WriteString(strconv.Itoa(cell.Listed))
		b.WriteString(" are); every claim is in claims.jsonl and <code>claims export</code>.</p>")
	}
	b.WriteString("\n</article>")
}

func writeClaim(b *strings.Builder, c reportClaim) {
	b.WriteString("\n<li id=\"")
	escapeHTML(b, c.ID)
	if c.Rejected {
		b.WriteString("\" class=\"rejected\">")
	} else {
		b.WriteString("\" class=\"counted\">")
	}
	b.WriteString("<span class=\"pill s-")
	escapeHTML(b, c.Stance)
	b.WriteString("\">")
	escapeHTML(b, c.Stance)
	b.WriteString("</span> <span class=\"pill st-")
	escapeHTML(b, c.Review.Status)
	b.WriteString("\">")
	escapeHTML(b, c.Review.Status)
	b.WriteString("</span> <code class=\"muted\">")
	escapeHTML(b, c.ID)
	b.WriteString("</code>\n<blockquote>")
	escapeHTML(b, c.Text)
	b.WriteString("</blockquote>\n<p class=\"meta\">")
	for i, s := range c.Sources {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString("<code>")
		escapeHTML(b, s.Doc)
		b.WriteString("</code> line ")
		b.WriteString(strconv.Itoa(s.Line))
		b.WriteString(", bytes ")
		b.WriteString(strconv.Itoa(s.Start))
		b.WriteString("–")
		b.WriteString(strconv.Itoa(s.End))
	}
	writeSymbols(b, " · resolutions ", c.Resolutions)
	writeSymbols(b, " · documents ", c.Documents)
	b.WriteString("</p>")
	if c.Review.Reviewer != "" {
		b.WriteString("\n<p class=\"meta\">")
		escapeHTML(b, c.Review.Status)
		b.WriteString(" by ")
		escapeHTML(b, c.Review.Reviewer)
		b.WriteString(" at ")
		escapeHTML(b, c.Review.At)
		if c.Review.Note != "" {
			b.WriteString(": “")
			escapeHTML(b, c.Review.Note)
			b.WriteString("”")
		}
		for _, ch := range c.Changes {
			b.WriteString(" · ")
			escapeHTML(b, ch)
		}
		b.WriteString("</p>")
	}
	b.WriteString("\n</li>")
}

func writeSymbols(b *strings.Builder, label string, syms []string) {
	if len(syms) == 0 {
		return
	}
	b.WriteString(label)
	for i, s := range syms {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("<code>")
		escapeHTML(b, s)
		b.WriteString("</code>")
	}
}

// escapeHTML writes s escaped as html/template escapes text and quoted
// attribute values: the five HTML specials, '+' (against UTF-7 sniffing)
// and NUL, which becomes U+FFFD.
func escapeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeFragment writes s as html/template writes a value after '#' in a
// URL attribute: bytes other than unreserved URL characters
// percent-encoded.
func escapeFragment(b *strings.Builder, s string) {
	const hex = "0123456789abcdef" // lower case, as html/template writes it
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}
