package importer

import (
	"path/filepath"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
)

// readReport reads a report's pages and, for a PDF, what its typography says about its
// structure (headings, run-in names, outline). Without pdftohtml the text alone is read.
func readReport(path string) ([]string, report.Hints, error) {
	pages, err := pdftext.Read(path)
	if err != nil || strings.EqualFold(filepath.Ext(path), ".txt") {
		return pages, report.Hints{}, err
	}
	t, err := pdftext.ReadTypography(path, 0, 0)
	if err != nil || t == nil {
		return pages, report.Hints{}, err
	}
	return pages, report.Hints{Strong: t.Strong, Leads: t.Leads, Outline: t.Outline}, nil
}
