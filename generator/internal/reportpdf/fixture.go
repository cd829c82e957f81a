package reportpdf

import (
	"fmt"
	"html"
	"regexp"
	"strings"
)

// Layout says how a fixture report is set, among the ways real reports differ.
type Layout struct {
	Year            int
	NumberedHeads   bool // sections and country headings numbered: "2. Online Markets", "3.1. Argentina"
	NoPageNumbers   bool // no printed page numbers: pages are the PDF's
	StateCounts     bool // the overview says "identifies N online markets and M physical markets"
	OnlineMarkets   int  // how many online markets (the first is FXB TORRENTS, fixturebay.com)
	PhysicalPerLand int  // physical markets under each of six countries
}

// Market is a market as a fixture report lists it, as the importer should read it.
type Market struct {
	Heading string
	Name    string
	Kind    string // online or physical
	Domains []string
	Country string // ISO code
	City    string
	Page    int // the printed page, or the PDF's page without printed numbers
}

// Fixture is a printed-report fixture: its pages and the markets in it.
type Fixture struct {
	Title   string
	Pages   []Page
	Markets []Market
}

var countries = []struct{ name, code, city string }{
	{"Argentina", "AR", "Buenos Aires"}, {"Brazil", "BR", "São Paulo"}, {"China", "CN", "Guangzhou"},
	{"India", "IN", "Mumbai"}, {"Mexico", "MX", "Mexico City"}, {"Thailand", "TH", "Bangkok"},
}

// onlineWhere are the ways an entry says where a site is run from, with the country's code.
var onlineWhere = []struct{ text, code string }{
	{"The streaming site is reportedly operated from Vietnam and offers unlicensed films.", "VN"},
	{"This cyberlocker is based in Russia, according to right holders.", "RU"},
	{"The IPTV service is reportedly located in the Netherlands and carries live sports.", "NL"},
	{"The e-commerce platform reportedly ships counterfeit goods and parts from China to buyers abroad.", "CN"},
}

// USTR returns a review in the 2019–2025 layout with the markets the layout asks for:
// online entries with their domains in a "Nominated as" line or in brackets in the heading,
// places given four ways, physical entries written "Name, City", "Name (City)" and "Name –
// City", a table of contents, and words hyphenated at a line end that are hyphenated words.
// Every name and domain is made up.
func USTR(l Layout) Fixture {
	title := fmt.Sprintf("%d Review of Notorious Markets for Counterfeiting and Piracy", l.Year)
	f := Fixture{Title: title}
	num := func(n, s string) string {
		if l.NumberedHeads {
			return n + ". " + s
		}
		return s
	}
	var tocl []string
	type section struct {
		body    strings.Builder
		markets []Market
	}
	var pages []*section
	cur := &section{}
	pages = append(pages, cur)
	newPage := func() { cur = &section{}; pages = append(pages, cur) }
	head := func(tag, text string) {
		fmt.Fprintf(&cur.body, "<%s>%s</%s>", tag, html.EscapeString(text), tag)
		tocl = append(tocl, fmt.Sprintf("%s|%%d", html.EscapeString(text)))
	}
	filler := strings.Repeat("Right holders report that it offers unlicensed films and series and ignores notices. ", 3)
	head("h2", num("1", "Overview of the Results of the Review"))
	cur.body.WriteString("<p>The review names online and physical markets that right holders reported. It makes no finding of law.")
	if l.StateCounts {
		fmt.Fprintf(&cur.body, " This year's review identifies %d online markets and %d physical markets.", l.OnlineMarkets, 6*l.PhysicalPerLand)
	}
	cur.body.WriteString("</p>")
	head("h2", num("2", "Online Markets"))
	for i := 0; i < l.OnlineMarkets; i++ {
		m := Market{Kind: "online"}
		where := onlineWhere[i%len(onlineWhere)]
		m.Country = where.code
		var text string
		switch {
		case i == 0:
			m.Heading, m.Name, m.Domains = "FXB TORRENTS", "FXB TORRENTS", []string{"fixturebay.com"}
			text = "Nominated as fixturebay.com. " + where.text
		case i%2 == 1:
			d := fmt.Sprintf("tessera%02d.cc", i)
			m.Name = fmt.Sprintf("Tessera Locker %02d", i)
			m.Heading, m.Domains = fmt.Sprintf("%s (%s)", m.Name, d), []string{d}
			text = where.text
		default:
			m.Name = fmt.Sprintf("QUILLON %02d", i)
			m.Heading = m.Name
			m.Domains = []string{fmt.Sprintf("quillon%02d.to", i), fmt.Sprintf("quillon%02d.net", i)}
			text = fmt.Sprintf("Nominated as %s and %s. %s", m.Domains[0], m.Domains[1], where.text)
		}
		head("h3", m.Heading)
		fmt.Fprintf(&cur.body, "<p>%s It hosts copyright-<br>protected works without licences. %s</p>", html.EscapeString(text), filler)
		cur.markets = append(cur.markets, m)
		if i%2 == 1 {
			newPage()
		}
	}
	newPage()
	head("h2", num("3", "Physical Markets"))
	for c, land := range countries {
		head("h3", num(fmt.Sprintf("3.%d", c+1), land.name))
		for k := 0; k < l.PhysicalPerLand; k++ {
			m := Market{Kind: "physical", Country: land.code, City: land.city, Name: fmt.Sprintf("Feria Ventana %d-%d", c, k)}
			switch k % 3 {
			case 0:
				m.Heading = m.Name + ", " + m.City
			case 1:
				m.Heading = m.Name + " (" + m.City + ")"
			default:
				m.Heading = m.Name + " – " + m.City
			}
			head("h4", m.Heading)
			fmt.Fprintf(&cur.body, "<p>%s</p>", strings.Repeat("Vendors reportedly sell counterfeit clothing and trade-mark-infringing goods. ", 4))
			cur.markets = append(cur.markets, m)
		}
		newPage()
	}
	head("h2", num("4", "Public Information"))
	cur.body.WriteString("<p>The review is published on the agency's website.</p>")

	// Front matter: the title page and two pages of contents, unnumbered; then the body's pages.
	front := 3
	f.Pages = append(f.Pages, Page{Body: "<h1>" + html.EscapeString(title) + "</h1><p>Office of the United States Trade Representative</p>"})
	// The table of contents needs each heading's page: count them first.
	var filled []string
	k := 0
	for n, s := range pages {
		printed := n + 1
		if l.NoPageNumbers {
			printed = front + n + 1
		}
		heads := strings.Count(s.body.String(), "</h2>") + strings.Count(s.body.String(), "</h3>") + strings.Count(s.body.String(), "</h4>")
		for range heads {
			filled = append(filled, fmt.Sprintf(tocl[k], printed))
			k++
		}
		for _, m := range s.markets {
			m.Page = printed
			f.Markets = append(f.Markets, m)
		}
	}
	half := len(filled) / 2
	f.Pages = append(f.Pages, Page{Body: TOC(filled[:half]...)}, Page{Body: TOC(filled[half:]...)})
	for n, s := range pages {
		p := Page{Header: html.EscapeString(title), Body: s.body.String()}
		if !l.NoPageNumbers {
			p.Footer = fmt.Sprint(n + 1)
		}
		f.Pages = append(f.Pages, p)
	}
	return f
}

var tag = regexp.MustCompile(`<br>|</?(?:h\d|p|div)[^>]*>|<[^>]+>`)

// Text is the fixture's text as a text copy of a report has it, pages separated by form
// feeds: for tests and fuzzing without Chromium.
func (f Fixture) Text() string {
	var b strings.Builder
	for i, p := range f.Pages {
		if i > 0 {
			b.WriteString("\f")
		}
		if p.Header != "" {
			b.WriteString(html.UnescapeString(p.Header) + "\n\n")
		}
		body := tag.ReplaceAllStringFunc(p.Body, func(s string) string {
			if s == "<br>" {
				return "\n"
			}
			if strings.HasPrefix(s, "</") {
				return "\n\n"
			}
			return ""
		})
		b.WriteString(html.UnescapeString(body))
		if p.Footer != "" {
			b.WriteString("\n" + p.Footer + "\n")
		}
	}
	return b.String()
}
