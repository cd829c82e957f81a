package report_test

import (
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
)

// BenchmarkLongEntry parses one entry of 15,000 paragraphs (1 MB), each naming domains: the
// time grows with the text's length, not its square (it took minutes when each paragraph was
// joined to the text before it, seconds after).
func BenchmarkLongEntry(b *testing.B) {
	text := "2023 Review of Notorious Markets for Counterfeiting and Piracy\n\nOnline Markets\n\nBIGSITE\n\n" +
		strings.Repeat("Nominated as bigsite.to. It is reportedly operated from Vietnam.\n\n", 15000)
	pages := pdftext.Split(text)
	for b.Loop() {
		if r, err := report.Parse(pages); err != nil || len(r.Markets) != 1 {
			b.Fatal(err)
		}
	}
}
