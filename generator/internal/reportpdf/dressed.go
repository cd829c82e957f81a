package reportpdf

import (
	"fmt"
	"html"
	"strings"
)

// Book is the roster's report set in one Dress: its pages and what an importer should read.
type Book struct {
	Dress        Dress
	Year         int
	Title        string
	Pages        []Page
	Markets      []Market // the listed markets; Heading and Page are not set
	Developments []string // names under positive developments
	Online       int      // the counts the report states
	Physical     int
}

// node is one heading or paragraph of a book's body, with the room it takes on a page.
type node struct {
	html   string
	weight int
	toc    string // the table of contents' line, or ""
	tocDep int
	note   string // a footnote the node's text refers to
}

// Dressed sets the roster's report in dress d.
func Dressed(d Dress) Book {
	b := Book{Dress: d, Year: []int{2012, 2016, 2021, 2018, 2022}[d.Style]}
	eu := d.Style == EU2018 || d.Style == EU2020
	switch d.Style {
	case USTR2010, USTR2014:
		b.Title = fmt.Sprintf("%d Out-of-Cycle Review of Notorious Markets", b.Year)
	case USTR2019:
		b.Title = fmt.Sprintf("%d Review of Notorious Markets for Counterfeiting and Piracy", b.Year)
	default:
		b.Title = "Counterfeit and Piracy Watch List"
	}
	online, groups, physical := roster()
	b.Online, b.Physical = len(online), len(physical)
	var body []node
	notes := 0
	// sup is a footnote marker after a word of running text, where the dress has footnotes.
	sup := func(n *node) string {
		if !d.Footnotes {
			return ""
		}
		notes++
		n.note = fmt.Sprintf("%d Public comments filed in the %d review, as summarised by the publisher.", notes, b.Year)
		return fmt.Sprintf("<sup>%d</sup>", notes)
	}
	num := []int{0}
	// head adds a heading at a depth (0 for a section), numbered where the dress numbers them.
	head := func(depth int, text string) {
		for len(num) <= depth {
			num = append(num, 0)
		}
		num = num[:depth+1]
		num[depth]++
		if d.Numbered {
			parts := make([]string, len(num))
			for i, n := range num {
				parts[i] = fmt.Sprint(n)
			}
			text = strings.Join(parts, ".") + ". " + text
		}
		if eu && depth == 0 {
			text = strings.ToUpper(text)
		}
		body = append(body, node{html: fmt.Sprintf("<h%d>%s</h%d>", depth+2, html.EscapeString(text), depth+2), weight: 1, toc: text, tocDep: depth})
	}
	para := func(text string) {
		n := node{weight: 2}
		n.html = "<p>" + strings.Replace(text, "{sup}", sup(&n), 1) + "</p>"
		body = append(body, n)
	}
	// entry adds a market's entry in the dress's form: name is the heading or lead as the form
	// writes it, nominated the sentence naming its domains (or "").
	entry := func(depth int, name, domains, lead, text string) {
		n := node{weight: 3}
		text = strings.Replace(html.EscapeString(text), "{sup}", sup(&n), 1)
		switch {
		case d.Entry == EntryHeading || d.Entry == EntryCaps:
			h := name
			if d.Entry == EntryCaps {
				h = strings.ToUpper(h)
			}
			n.html = fmt.Sprintf("<h%d>%s</h%d><p>%s%s</p>", depth+2, html.EscapeString(h), depth+2, lead, text)
			n.toc, n.tocDep = h, depth
		case d.Entry == EntryDomains && domains != "":
			n.html = fmt.Sprintf("<p>%s (%s) – %s</p>", html.EscapeString(name), domains, text)
		default:
			n.html = fmt.Sprintf("<p><b>%s.</b> %s%s</p>", html.EscapeString(name), lead, text)
		}
		body = append(body, n)
	}
	nominated := func(m Market) (string, string) {
		return strings.Join(m.Domains, ", "), "Nominated as " + strings.Join(m.Domains, " and ") + ". "
	}
	filler := "Right holders report{sup} that it offers unlicensed works and ignores notices."

	// The overview, with the counts.
	head(0, map[bool]string{false: "Overview of the Results of the Review", true: "Introduction"}[eu])
	counts := fmt.Sprintf("This year's review identifies %s online markets and %s physical markets.", countWord(d.Style, b.Online), countWord(d.Style, b.Physical))
	if eu {
		counts = fmt.Sprintf("This Watch List names %d online and %d physical marketplaces.", b.Online, b.Physical)
	}
	para("Commercial-scale piracy and counterfeiting{sup} cause harm to right holders. " + counts)
	// Positive developments, where the style has them.
	if d.Style != EU2018 {
		t := "Positive Developments"
		switch d.Style {
		case USTR2014, USTR2019:
			t = fmt.Sprintf("Positive Developments Since the %d Review", b.Year-1)
		case EU2020:
			t = fmt.Sprintf("Positive developments since the %d Watch List", b.Year-2)
		}
		head(0, t)
		for _, dv := range developments {
			entry(1, dv.name, dv.domain, "", fmt.Sprintf("Formerly at %s. %s", dv.domain, dv.text))
			b.Developments = append(b.Developments, dv.name)
		}
	}
	if d.Style == USTR2014 || d.Style == USTR2019 {
		head(0, "Issue Focus: Counterfeit Goods in Free Trade Zones")
		para("Free trade zones reportedly {sup}help move goods across borders. This section makes no listing.")
		head(0, fmt.Sprintf("Results of the %d Review of Notorious Markets", b.Year))
	}
	onlineEntry := func(depth int, i int) {
		m := online[i]
		doms, lead := nominated(m)
		where := rosterWhere[i%len(rosterWhere)].text
		entry(depth, m.Name, doms, lead, fmt.Sprintf("This %s is popular. %s %s", groupWords[groups[i]], where, filler))
		b.Markets = append(b.Markets, m)
	}
	depth := 0
	if d.Style == USTR2014 || d.Style == USTR2019 {
		depth = 1
	}
	switch d.Style {
	case EU2018:
		head(0, "Online marketplaces")
		for g, grp := range onlineGroups {
			head(1, grp.eu2018)
			for i := range online {
				if groups[i] == g {
					onlineEntry(2, i)
				}
			}
		}
	case EU2020:
		for g, grp := range onlineGroups {
			switch {
			case g == 0:
				head(0, "Online service providers offering or facilitating access to copyright-protected content")
			case grp.eu2020 == "" && g == 4:
				head(0, "E-commerce platforms")
			case grp.eu2020 == "":
				head(0, "Online pharmacies and service providers facilitating the sales of medicines")
			}
			dep := 1
			if grp.eu2020 != "" {
				head(1, grp.eu2020)
				dep = 2
			}
			for i := range online {
				if groups[i] == g {
					onlineEntry(dep, i)
				}
			}
		}
	default:
		head(depth, "Online Markets")
		for i := range online {
			onlineEntry(depth+1, i)
		}
	}
	// Physical markets.
	if eu {
		head(0, "Physical marketplaces")
	} else {
		head(depth, "Physical Markets")
	}
	pd := depth + 1
	for i, m := range physical {
		l := lands[i/2]
		if d.CountryHead && i%2 == 0 {
			c := l.name
			if d.Entry == EntryCaps {
				c = strings.ToUpper(c)
			}
			head(pd, c)
		}
		md := pd
		if d.CountryHead {
			md++
		}
		var h string
		switch d.Physical {
		case PhysComma:
			h = m.Name + ", " + m.City
		case PhysParen:
			h = m.Name + " (" + m.City + ", " + l.name + ")"
		default:
			h = m.Name + " – " + m.City
		}
		text := "Vendors reportedly sell counterfeit clothing and footwear, right holders say."
		if !d.CountryHead && d.Physical != PhysParen {
			text = fmt.Sprintf("Vendors at this market in %s, %s reportedly sell counterfeit clothing and footwear.", m.City, l.name)
		}
		entry(md, h, "", "", text)
		b.Markets = append(b.Markets, m)
	}
	if !eu {
		head(depth, "Public Information")
		para("The review is published on the agency's website.")
	}
	b.Pages = b.paginate(body)
	return b
}

// paginate sets the body on pages, a title page and the table of contents first.
func (b *Book) paginate(body []node) []Page {
	d := b.Dress
	room := 10
	if d.Columns {
		room = 16
	}
	type sheet struct {
		nodes []node
		used  int
	}
	sheets := []*sheet{{}}
	for _, n := range body {
		cur := sheets[len(sheets)-1]
		// A heading is not left alone at a page's foot.
		if cur.used+n.weight > room || n.weight == 1 && cur.used+n.weight+3 > room {
			cur = &sheet{}
			sheets = append(sheets, cur)
		}
		cur.nodes = append(cur.nodes, n)
		cur.used += n.weight
	}
	eu := d.Style == EU2018 || d.Style == EU2020
	title := "<h1>" + html.EscapeString(b.Title) + "</h1><p>Office of the United States Trade Representative</p>"
	if eu {
		title = fmt.Sprintf("<p>EUROPEAN COMMISSION</p><p>Brussels, 1.12.%d</p><p>SWD(%d) 399 final</p><p>COMMISSION STAFF WORKING DOCUMENT</p><h1>%s</h1>", b.Year, b.Year, html.EscapeString(b.Title))
	}
	pages := []Page{{Body: title}}
	var toc []string
	for _, s := range sheets {
		for _, n := range s.nodes {
			if n.toc == "" || d.TOC == NoTOC || d.TOC == TOCSections && n.weight != 1 {
				continue
			}
			toc = append(toc, fmt.Sprintf("%s%s|%%d", strings.Repeat("&#160;&#160;", n.tocDep), html.EscapeString(n.toc)))
		}
	}
	front := 1 + (len(toc)+39)/40
	for k := 0; k < len(toc); k += 40 {
		pages = append(pages, Page{Body: "<div class=tocbox>" + TOC(toc[k:min(k+40, len(toc))]...) + "</div>"})
	}
	// The table of contents' page numbers: printed ones, or the PDF's.
	k := 0
	for i, s := range sheets {
		n := i + 1
		if !d.PageNumbers {
			n = front + i + 1
		}
		for _, nd := range s.nodes {
			if nd.toc == "" || d.TOC == NoTOC || d.TOC == TOCSections && nd.weight != 1 {
				continue
			}
			pi := 1 + k/40
			pages[pi].Body = strings.Replace(pages[pi].Body, "%d", fmt.Sprint(n), 1)
			k++
		}
	}
	header := html.EscapeString(b.Title)
	if eu {
		header = ""
	}
	for i, s := range sheets {
		p := Page{Header: header, Columns: d.Columns}
		var foot []string
		for _, n := range s.nodes {
			p.Body += n.html
			if n.note != "" {
				foot = append(foot, n.note)
			}
		}
		if len(foot) > 0 {
			p.Foot = "<p>" + strings.Join(foot, "</p><p>") + "</p>"
		}
		if d.PageNumbers {
			p.Footer = fmt.Sprint(i + 1)
			if eu {
				p.Footer = fmt.Sprintf("EN %d EN", i+1)
			}
		}
		pages = append(pages, p)
	}
	return pages
}
