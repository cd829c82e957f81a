package report

import (
	"strings"
	"unicode/utf8"
)

// Hints are what a PDF's typography says about its structure (pdftext.Typography): headings
// (bold or large lines), run-in names (bold words opening a paragraph) and the outline.
type Hints struct {
	Strong, Leads, Outline []string
}

// lead returns the run-in name a text opens with, as the text writes it (with its final
// stop), or "": a bold lead of the typography, in the same case, followed by a space or a stop.
func (p *parser) lead(t string) string {
	for _, k := range p.leads {
		if !strings.HasPrefix(t, k) {
			continue
		}
		rest := t[len(k):]
		if rest == "" {
			return ""
		}
		if r, _ := utf8.DecodeRuneInString(rest); r == ' ' {
			return k
		}
		if stop := strings.TrimLeft(rest, ".:–—"); len(stop) < len(rest) && (stop == "" || stop[0] == ' ') {
			return t[:len(t)-len(stop)]
		}
	}
	return ""
}

// isStrong reports whether a text is a heading by the typography or the outline.
func (p *parser) isStrong(t string) bool {
	k := key(t)
	return p.strong[k] || p.strong[squeeze(k)]
}

// squeeze is a key without its spaces.
func squeeze(k string) string { return strings.ReplaceAll(k, " ", "") }

// maxHeadingLines is the most lines a heading is set on (a long section title in a column).
const maxHeadingLines = 6

// startsHere reports whether line k of a paragraph starts a heading or an entry of its own: a
// heading of the table of contents, the typography or the outline (on up to maxHeadingLines
// lines), a run-in
// name, or a "Name (domain)" lead after a sentence's end.
func (p *parser) startsHere(lines []string, k int) bool {
	for n := 1; n <= maxHeadingLines && k+n <= len(lines); n++ {
		t := key(joinLines(lines[k : k+n]))
		if p.toc[t] != nil || p.isStrong(t) {
			return true
		}
	}
	two := joinLines(lines[k:min(k+2, len(lines))])
	if p.lead(two) != "" {
		return true
	}
	m := leadIn.FindStringSubmatch(two)
	return m != nil && endsSentence(lines[k-1]) && len(headingDomains(m[1])) > 0 && (p.kind == online || p.kind == developments)
}
