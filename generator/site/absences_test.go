package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestTaobaoAbsence: the sources say Taobao was taken off the USTR list in the 2012 review and
// put back in 2016. USTR 2012–2015 are only partly recorded, yet the built timeline, its SVG,
// the history, the year pages and the statistics show those editions as not listed, citing
// the sources, and 2016 as listed again after a gap (issue 26).
func TestTaobaoAbsence(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{})
	const cnbc = "http://www.cnbc.com/2016/12/21/us-puts-alibaba-taobao-website-back-in-its-list-of-notorious-marketplaces.html"
	page := site.Read(t, "markets/taobao/index.html")
	svg := site.Read(t, "markets/taobao/timeline.svg")
	for _, c := range []struct{ year, state string }{
		{"2011", "listed"}, {"2012", "dropped"}, {"2013", "absent"}, {"2014", "absent"}, {"2015", "absent"}, {"2016", "returning"},
	} {
		cell := `data-list="USTR" data-year="` + c.year + `" data-state="` + c.state + `"`
		sitetest.Contains(t, "Taobao page timeline", page, cell)
		sitetest.Contains(t, "Taobao timeline.svg", svg, cell)
	}
	sitetest.Contains(t, "Taobao page", page,
		`<ul class="tl-absences">`,
		`USTR Notorious Markets List, 2012–2015: not listed, as reported by <a href="`+cnbc+`" rel="nofollow noopener noreferrer">cnbc.com</a>`,
		`<h3 class="history-absent">2012–2015: USTR Notorious Markets List, not listed</h3>`,
		"Reported as taken off the USTR list in the 2012 review",
		`Read for this absence: <a href="`+cnbc+`"`)
	sitetest.Contains(t, "Taobao timeline.svg", svg,
		`data-absence="USTR 2012–2015">USTR Notorious Markets List, 2012–2015: not listed, as reported by cnbc.com, `)
	for _, year := range []string{"2012", "2013", "2014", "2015"} {
		if regexp.MustCompile(`data-list="USTR" data-year="` + year + `" data-state="unknown"`).MatchString(page) {
			t.Errorf("Taobao: USTR %s still drawn as not recorded", year)
		}
	}
	// the SVG is an image: its words are text, never links
	if strings.Contains(svg, "<a ") {
		t.Error("timeline.svg holds a link")
	}
	fr := site.Read(t, "fr/markets/taobao/index.html")
	sitetest.Contains(t, "Taobao page in French", fr, "2012–2015\u00a0: non inscrit, selon <a href=")

	y2013 := site.Read(t, "years/2013/index.html")
	sitetest.Contains(t, "2013 page", y2013, "Not listed in this edition, as sources report", `>Taobao</a>: not listed, as reported by <a href="`+cnbc+`"`)
	y2012 := site.Read(t, "years/2012/index.html")
	sitetest.Contains(t, "2012 page", y2012, `Dropped (1):`, `/markets/taobao/">Taobao</a>`)
	stats := site.Read(t, "statistics/index.html")
	sitetest.Contains(t, "statistics", stats, `<h2 id="absences">Absences reported by sources</h2>`, `<tr data-market="taobao">`)

	// USTR 2016: 21 headings counted, 30 sites recorded, four headings grouping several: the
	// coverage never shows more than 100%.
	cov := site.Read(t, "coverage/index.html")
	if strings.Contains(cov, "142") {
		t.Error("coverage page still shows USTR 2016 online above 100%")
	}
	sitetest.Contains(t, "coverage", cov, "24 of 21 (100%) (30 sites recorded under these headings)")

	// no source states NSW2U's category: the page says so instead of guessing
	nsw := site.Read(t, "markets/nsw2u/index.html")
	sitetest.Contains(t, "NSW2U page", nsw, "<dd>category not stated in the sources read</dd>")
}
