package importer_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
)

// TestPDFLargeReport reads a report of a real one's size (29 pages, 70 markets) whose market
// names hold digits, as 1337X and 1FICHIER do, and where a heading opens most pages, right
// under the running header: none of them may be taken for a running header.
func TestPDFLargeReport(t *testing.T) {
	title := "2024 Review of Notorious Markets for Counterfeiting and Piracy"
	var tocl []string
	var pages []page
	pages = append(pages, page{Body: "<h1>" + title + "</h1>"})
	countries := []string{"Argentina", "Brazil", "China", "India", "Mexico", "Thailand"}
	n := 1
	var body strings.Builder
	flush := func() {
		pages = append(pages, page{Header: title, Footer: fmt.Sprint(n), Body: body.String()})
		body.Reset()
		n++
	}
	body.WriteString("<h2>Online Markets</h2>")
	tocl = append(tocl, fmt.Sprintf("Online Markets|%d", n))
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("MARKET%02d", i)
		tocl = append(tocl, fmt.Sprintf("%s|%d", name, n))
		fmt.Fprintf(&body, "<h3>%s</h3><p>Nominated as market%02d.to and market%02d.net. The site is reportedly operated from Vietnam. %s</p>", name, i, i, strings.Repeat("Right holders report that it offers unlicensed films and series and ignores notices. ", 4))
		if i%2 == 1 {
			flush()
		}
	}
	body.WriteString("<h2>Physical Markets</h2>")
	tocl = append(tocl, fmt.Sprintf("Physical Markets|%d", n))
	for c, country := range countries {
		tocl = append(tocl, fmt.Sprintf("%s|%d", country, n))
		fmt.Fprintf(&body, "<h3>%s</h3>", country)
		for k := 0; k < 5; k++ {
			name := fmt.Sprintf("Market %d-%d, City%d", c, k, c)
			tocl = append(tocl, fmt.Sprintf("%s|%d", name, n))
			fmt.Fprintf(&body, "<h3>%s</h3><p>%s</p>", name, strings.Repeat("Vendors reportedly sell counterfeit goods. ", 5))
		}
		flush()
	}
	pages = append(pages[:1], append([]page{{Body: toc(tocl[:len(tocl)/2]...)}, {Body: toc(tocl[len(tocl)/2:]...)}}, pages[1:]...)...)
	start := time.Now()
	pdf := printPDF(t, "big", pages)
	t.Logf("printed %d pages in %s", len(pages), time.Since(start))
	start = time.Now()
	ps, err := pdftext.Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	read := time.Since(start)
	r, err := report.Parse(ps)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pdftotext %s, parse %s", read, time.Since(start)-read)
	if len(r.Markets) != 70 || len(r.Unreadable) != 0 || len(r.Notes) != 0 {
		t.Fatalf("%d markets, unreadable %v, notes %v; want 70 markets", len(r.Markets), r.Unreadable, r.Notes)
	}
	for i, m := range r.Markets[:40] {
		w := want{fmt.Sprintf("MARKET%02d", i), "Online Markets", "online", false,
			strs(fmt.Sprintf("market%02d.to", i), fmt.Sprintf("market%02d.net", i)), "VN", "", i/2 + 1, nil}
		if !reflect.DeepEqual(got(m), w) {
			t.Errorf("market %d:\n got %+v\nwant %+v", i, got(m), w)
		}
	}
	codes := []string{"AR", "BR", "CN", "IN", "MX", "TH"}
	for i, m := range r.Markets[40:] {
		c, k := i/5, i%5
		w := want{fmt.Sprintf("Market %d-%d", c, k), "Physical Markets: " + countries[c], "physical", false, nil,
			codes[c], fmt.Sprintf("City%d", c), 21 + c, strs("physical-market")}
		if !reflect.DeepEqual(got(m), w) {
			t.Errorf("market %d:\n got %+v\nwant %+v", 40+i, got(m), w)
		}
	}
}
