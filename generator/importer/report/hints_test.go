package report

import (
	"regexp"
	"strings"
)

var boldRun = regexp.MustCompile(`\*\*(.+?)\*\*`)

// boldHints reads the bold type of a test case's text, written **so**, as pdftext's
// typography gives it for a PDF: a line wholly bold is a heading (consecutive bold lines one
// heading), bold words opening a line followed by regular text a run-in name. It returns the
// text without the marks.
func boldHints(text string) (string, Hints) {
	var h Hints
	lines := strings.Split(text, "\n")
	var heading []string
	flush := func() {
		if len(heading) > 0 {
			h.Strong = append(h.Strong, strings.Join(heading, " "))
			heading = nil
		}
	}
	for i, l := range lines {
		plain := boldRun.ReplaceAllString(l, "$1")
		t := strings.TrimSpace(strings.TrimPrefix(l, "\f"))
		switch m := boldRun.FindStringIndex(t); {
		case m != nil && m[0] == 0 && m[1] == len(t):
			heading = append(heading, boldRun.ReplaceAllString(t, "$1"))
		case m != nil && m[0] == 0:
			flush()
			h.Leads = append(h.Leads, boldRun.FindStringSubmatch(t)[1])
		default:
			flush()
		}
		lines[i] = plain
	}
	flush()
	return strings.Join(lines, "\n"), h
}
