package reportpdf

import "testing"

// PrintBooks prints many books into one PDF with one run of Chromium, and returns it with the
// range of PDF pages (1-based, inclusive) each book takes.
func PrintBooks(t testing.TB, name string, books []Book) (string, [][2]int) {
	t.Helper()
	var pages []Page
	var ranges [][2]int
	for _, b := range books {
		first := len(pages) + 1
		pages = append(pages, b.Pages...)
		ranges = append(ranges, [2]int{first, len(pages)})
	}
	return Print(t, name, pages), ranges
}

// Text is the book's text as a text copy of a report has it (Fixture.Text).
func (b Book) Text() string { return Fixture{Pages: b.Pages}.Text() }
