// Package report reads the text of a notorious-markets report (the USTR reviews since 2017 and
// the EU Counterfeit and Piracy Watch List): its title, sections, and each market's name,
// domains, place and page, as the report's own structure gives them.
package report

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// Report is what was read from a report.
type Report struct {
	Publisher string // "ustr" or "eu"
	Year      int    // the year the title names
	Title     string
	Style     string // which layout it was read as
	Pages     int
	Markets   []Market
	// Unreadable lists headings that could not be read as a market, with their page.
	Unreadable []Note
	// Notes lists markets read with a field missing, for the reviewer.
	Notes []Note
	// Counts are the numbers of markets the report says it lists, or nil (counts.go).
	Counts *Counts
	// PageOffset is the number of PDF pages before printed page 1 (unnumbered front pages):
	// printed page N is the PDF's page N+PageOffset.
	PageOffset int
}

// Market is one market as a report lists it.
type Market struct {
	Heading     string // the heading as written
	Name        string
	Section     string // the report's own grouping: "Online Markets", "Physical Markets: China"
	Kind        string // dataset.Online or dataset.Physical
	Development bool   // named under positive developments, not listed
	Domains     []string
	Country     string // ISO code: a physical market's country heading, or where an online one is based
	City        string
	Page        int      // printed page the entry starts on
	Categories  []string // guessed from the section and the entry's words
	Text        string   // the entry's text, to read from; never written to data
}

// Note is a heading or market the reviewer must look at.
type Note struct {
	Heading string
	Page    int
	Why     string
}

func (n Note) String() string { return fmt.Sprintf("page %d: %q: %s", n.Page, n.Heading, n.Why) }

var (
	ustrTitle = regexp.MustCompile(`(?i)\b((?:19|20)\d\d)\s+(out-of-cycle\s+)?review\s+of\s+notorious\s+markets(\s+for\s+counterfeiting\s+and\s+piracy)?`)
	euTitle   = regexp.MustCompile(`(?i)counterfeit\s+and\s+piracy\s+watch[\s-]+list`)
	yearRe    = regexp.MustCompile(`\b(20\d\d)\b`)
	swdYear   = regexp.MustCompile(`\bSWD\((20\d\d)\)|\bBrussels,\s+\d{1,2}\.\d{1,2}\.(20\d\d)\b`)
	numbered  = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\p{L}.*)$`)
)

// Parse reads a report's pages.
func Parse(pages []string) (*Report, error) { return ParseWith(pages, Hints{}) }

// ParseWith reads a report's pages with what its typography says.
func ParseWith(pages []string, h Hints) (*Report, error) {
	r := &Report{Pages: len(pages)}
	front := ligatures.Replace(strings.Join(pages[:min(3, len(pages))], "\n"))
	front = strings.Join(strings.Fields(front), " ")
	switch m := ustrTitle.FindStringSubmatch(front); {
	case m != nil:
		r.Publisher, r.Title = "ustr", titleCase(m[0])
		r.Year, _ = strconv.Atoi(m[1])
		switch {
		case r.Year <= 2013:
			r.Style = "USTR 2010–2013 (Out-of-Cycle Review of Notorious Markets)"
		case m[2] != "" || r.Year <= 2018:
			r.Style = "USTR 2014–2018 (Out-of-Cycle Review of Notorious Markets)"
		default:
			r.Style = "USTR 2019–2025 (Review of Notorious Markets for Counterfeiting and Piracy)"
		}
	case euTitle.MatchString(front):
		r.Publisher, r.Title = "eu", "Counterfeit and Piracy Watch List"
		r.Style = "EU Counterfeit and Piracy Watch List"
		if y := swdYear.FindStringSubmatch(front); y != nil {
			// "SWD(2020) 360 final", "Brussels, 14.12.2020": the year of the document itself
			r.Year, _ = strconv.Atoi(y[1] + y[2])
		} else if y := yearRe.FindString(front[euTitle.FindStringIndex(front)[0]:]); y != "" {
			r.Year, _ = strconv.Atoi(y)
		} else if y := yearRe.FindString(front); y != "" {
			r.Year, _ = strconv.Atoi(y)
		}
	default:
		return nil, fmt.Errorf("no report title found in the first pages: expected \"<year> Review of Notorious Markets ...\" (USTR) or \"Counterfeit and Piracy Watch List\" (EU)")
	}
	p := &parser{r: r, toc: map[string]*tocEntry{}, strong: map[string]bool{}}
	for _, s := range h.Strong {
		p.strong[key(s)] = true
	}
	for _, s := range h.Outline {
		// An outline's titles may have lost the spaces where their lines broke
		// ("Buenos Aires,Argentina)"): they are matched without spaces.
		p.strong[squeeze(key(s))] = true
	}
	for _, l := range h.Leads {
		if k := strings.TrimRight(strings.Join(strings.Fields(ligatures.Replace(l)), " "), ".:–— "); k != "" {
			p.leads = append(p.leads, k)
		}
	}
	slices.SortFunc(p.leads, func(a, b string) int { return len(b) - len(a) })
	// A PDF whose type marks a few lines only (its title, say) does not set its headings
	// apart: the text's own signs of a heading are read as well.
	p.typed = len(h.Strong)+len(h.Leads)+len(h.Outline) >= 5
	entries, skip := toc(pages)
	for _, e := range entries {
		if _, dup := p.toc[key(e.Text)]; !dup {
			p.toc[key(e.Text)] = e
		}
	}
	lines, footers, offset := clean(pages, skip, headingKeys(entries))
	p.footers = footers
	if r.PageOffset = offset; offset < 0 {
		r.PageOffset = 0
		r.Notes = append(r.Notes, Note{"(printed page numbers)", 1, "the printed page numbers do not follow the PDF's pages: links to the report at a page (#page=N) may land on the wrong page"})
	}
	r.Counts = readCounts(lines)
	for _, b := range blocks(lines) {
		p.block(b)
	}
	p.finish()
	p.closeSection(none, "", "")
	// Headings the table of contents places in a market section, never found in the text.
	tp := &parser{r: &Report{Publisher: r.Publisher}}
	for _, e := range entries {
		if tp.classify(e.Text) == marketHeading && !e.used && Country(unnumbered(e.Text)) == "" {
			r.Unreadable = append(r.Unreadable, Note{e.Text, e.Page, "in the table of contents but not found as a heading in the text"})
		}
	}
	return r, nil
}

func headingKeys(entries []*tocEntry) map[string]bool {
	keys := map[string]bool{}
	for _, e := range entries {
		keys[key(e.Text)] = true
	}
	return keys
}

// unnumbered is a heading without its number: "6.1. Argentina" is "Argentina".
func unnumbered(h string) string {
	if m := numbered.FindStringSubmatch(strings.TrimSpace(h)); m != nil {
		return m[2]
	}
	return h
}

// cutDash splits "Name – City" (an en or em dash between spaces) in two.
func cutDash(s string) (string, string, bool) {
	for _, d := range []string{" – ", " — "} {
		if n, c, ok := strings.Cut(s, d); ok && strings.TrimSpace(n) != "" && strings.TrimSpace(c) != "" {
			return strings.TrimSpace(n), strings.TrimSpace(c), true
		}
	}
	return "", "", false
}

// titleCase keeps a title as the report writes it, with single spaces and "Out-of-Cycle"
// capitalised as USTR does.
func titleCase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	words := strings.Fields(s)
	small := map[string]bool{"of": true, "for": true, "and": true}
	for i, w := range words {
		if small[strings.ToLower(w)] {
			words[i] = strings.ToLower(w)
			continue
		}
		parts := strings.Split(strings.ToLower(w), "-")
		for k, p := range parts {
			if p != "" && (k == 0 || !small[p]) {
				parts[k] = strings.ToUpper(p[:1]) + p[1:]
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

type sectionKind int

const (
	none sectionKind = iota
	developments
	online
	physical
)

type parser struct {
	r        *Report
	toc      map[string]*tocEntry
	footers  bool
	kind     sectionKind
	section  string            // the section's name for entries
	category string            // the category a numbered (EU) section implies
	country  string            // current country heading (physical)
	numbered map[string]string // EU section number → title
	cur      *Market
	curText  []string // the current market's paragraphs, joined when it is finished
	curNamed []string // the domains its paragraphs name so far
	lastBody string   // the last body paragraph, to tell a continuation from a heading
	parent   string   // the general section a kind of online market belongs to
	secNum   string   // the section's number, if it has one
	// The section or country being read, for the accounting: its heading, page and how many
	// markets (or unreadable headings) were found in it.
	secName  string
	secPage  int
	secFound int
	curPage  int
	strong   map[string]bool // headings by typography (Hints)
	leads    []string        // run-in names by typography, longest first
	typed    bool            // the typography sets the headings apart: trust it alone
}

func (p *parser) block(b block) {
	lines := b.lines
	// A heading in the table of contents starts a new paragraph even with no blank line
	// before it.
	for k := 1; k < len(lines); k++ {
		if p.startsHere(lines, k) {
			p.block(block{lines: lines[:k], page: b.page, broke: b.broke})
			lines, b.broke = lines[k:], false
			k = 0
		}
	}
	p.curPage = b.page
	for len(lines) > 0 {
		// A run-in name (on one or two lines): the heading, and the paragraph it opens.
		if lead := p.lead(joinLines(lines[:min(2, len(lines))])); lead != "" {
			p.onHeading(strings.TrimRight(lead, ".:–— "), b.page)
			if rest := strings.TrimLeft(joinLines(lines)[len(lead):], ".:–— "); rest != "" {
				p.body(rest, b.page)
			}
			return
		}
		h, n := p.heading(lines, b.broke)
		if n == 0 {
			p.body(joinLines(lines), b.page)
			return
		}
		p.onHeading(h, b.page)
		lines = lines[n:]
		b.broke = false
	}
}

// heading returns the heading the lines start with and how many lines it takes, or 0: a
// heading in the table of contents (also when broken over two lines), or a short line that
// reads as one.
func (p *parser) heading(lines []string, broke bool) (string, int) {
	for n := min(len(lines), maxHeadingLines); n >= 1; n-- {
		t := joinLines(lines[:n])
		if e := p.toc[key(t)]; e != nil {
			e.used = true
			return t, n
		}
		if p.isStrong(t) {
			return t, n
		}
	}
	// With the typography, headings are what it sets as headings; else a short paragraph
	// after a sentence cut by a page break or a column continues it.
	if p.typed || p.lastBody != "" && !endsSentence(p.lastBody) {
		return "", 0
	}
	if t := joinLines(lines); len(lines) <= 3 && looksLikeHeading(t) {
		return t, len(lines)
	}
	// A heading set right above its paragraph, with no blank line between: one or two lines
	// much shorter than the paragraph's.
	for n := min(2, len(lines)-1); n >= 1; n-- {
		widest := 0
		for _, l := range lines[n:] {
			widest = max(widest, utf8.RuneCountInString(l))
		}
		short := true
		for _, l := range lines[:n] {
			short = short && utf8.RuneCountInString(l)*10 <= widest*7
		}
		if t := joinLines(lines[:n]); short && looksLikeHeading(t) {
			return t, n
		}
	}
	return "", 0
}

// looksLikeHeading reports whether a paragraph reads as a heading: short, no final
// punctuation, starting with a capital or a digit.
func looksLikeHeading(t string) bool {
	if t == "" || len(strings.Fields(t)) > 12 || utf8.RuneCountInString(t) > 100 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	if !(unicode.IsUpper(first) || unicode.IsDigit(first)) || strings.ContainsRune(".,;:!?", last) {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	low := strings.ToLower(t)
	words := strings.Fields(low)
	if joining[words[len(words)-1]] || nominated.MatchString(t) && nominated.FindStringIndex(t)[0] == 0 {
		return false // a sentence cut short, or the start of an entry's text
	}
	for _, p := range []string{"figure", "table ", "source", "note", "page "} {
		if strings.HasPrefix(low, p) {
			return false
		}
	}
	return letters >= 2
}

// joining are words a heading does not end with, but a line cut in a sentence may.
var joining = map[string]bool{"and": true, "or": true, "of": true, "the": true, "as": true, "in": true,
	"from": true, "to": true, "with": true, "for": true, "by": true, "a": true, "an": true, "at": true,
	"on": true, "is": true, "are": true, "was": true, "that": true, "which": true}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’)`)
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:", last)
}

func (p *parser) onHeading(h string, page int) {
	p.lastBody = ""
	p.finish()
	if p.classify(h) != marketHeading {
		return
	}
	if p.kind == physical && p.country != "" && Country(unnumbered(h)) == p.country {
		return // the country heading itself
	}
	p.secFound++
	if strings.ContainsRune(h, utf8.RuneError) || strings.IndexFunc(h, unicode.IsLetter) < 0 {
		p.r.Unreadable = append(p.r.Unreadable, Note{h, p.page(h, page), "has characters that could not be read"})
		return
	}
	m := &Market{Heading: h, Page: p.page(h, page), Section: p.section}
	m.Name = name(h)
	m.Domains = headingDomains(h)
	if p.category != "" {
		m.Categories = []string{p.category}
	}
	switch p.kind {
	case developments:
		m.Development, m.Kind = true, dataset.Online
	case online:
		m.Kind = dataset.Online
	case physical:
		m.Kind, m.Country = dataset.Physical, p.country
		// the report's own country heading names the section; a country read from the
		// market's name or text does not
		if p.country != "" && p.r.Publisher == "ustr" && !strings.Contains(m.Section, ":") {
			m.Section += ": " + place.CountryName(p.country)
		}
		if i := strings.Index(m.Name, ", "); i > 0 && !strings.Contains(m.Name[:i], "(") {
			// "Mercado Central, Lima" or "Mercado Central, Lima, Peru"
			m.Name, m.City = strings.TrimSpace(m.Name[:i]), strings.TrimSpace(m.Name[i+2:])
		} else if n, c, ok := cutDash(m.Name); ok {
			// "Mercado Central – Lima"
			m.Name, m.City = n, c
		} else if c := parenthesis.FindStringSubmatch(m.Name); c != nil {
			// "La Salada (Buenos Aires)", "Bahia Market (Guayaquil, Ecuador)"
			m.Name = strings.TrimSpace(strings.Replace(m.Name, c[0], "", 1))
			m.City = strings.TrimSpace(c[1])
		}
		// a city followed by its country, in any of the forms above
		if city, land, ok := strings.Cut(m.City, ", "); ok {
			if code := Country(land); code != "" && (m.Country == "" || m.Country == code) {
				m.City, m.Country = strings.TrimSpace(city), code
			}
		}
	}
	if m.Name == "" {
		p.r.Unreadable = append(p.r.Unreadable, Note{h, m.Page, "gives no name"})
		return
	}
	p.cur, p.curText, p.curNamed = m, nil, slices.Clone(m.Domains)
}

// page is the printed page a heading is on; without page footers, the table of contents'.
func (p *parser) page(h string, page int) int {
	if e := p.toc[key(h)]; e != nil && !p.footers {
		return e.Page
	}
	return page
}

// removed is an entry saying its market is off the list.
var removed = regexp.MustCompile(`(?i)\b(?:removed|deleted|dropped)\s+from\s+(?:the|this)\s+(?:\w+\s+)?list\b|\bno\s+longer\s+(?:included|listed|appears?)\s+(?:in|on)\s+(?:the|this)\s+(?:\w+\s+)?list\b`)

var parenthesis = regexp.MustCompile(`\s*\(([^)]*)\)`)

// name is a heading without the domains and parentheses in it: "Baidu Wangpan
// (pan.baidu.com)" is "Baidu Wangpan".
func name(h string) string {
	n := parenthesis.ReplaceAllStringFunc(h, func(s string) string {
		if len(headingDomains(s)) > 0 {
			return ""
		}
		return s
	})
	// "Zeta Streams — zetastreams.to": a dash followed only by domains
	if before, after, ok := cutDash(n); ok && onlyDomains(after) {
		n = before
	}
	n = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(n), "–—-:"))
	if n == "" && len(headingDomains(h)) > 0 {
		return strings.TrimSpace(h)
	}
	return n
}

// leadIn is a paragraph that opens with a market's name and domains, as EU lists may set
// an entry: "Rapidlocker (rapidlocker.net) – The cyberlocker ...".
var leadIn = regexp.MustCompile(`^(\p{Lu}[^()]{0,60}?\s*\([^)]*\))\s*[–—:-]?\s+(\S.*)$`)

// startsEntry reports whether a paragraph's lead-in names a market of its own: a name in
// capitalised words, with domains the current entry has not named.
func (p *parser) startsEntry(lead string) bool {
	domains := headingDomains(lead)
	if len(domains) == 0 || p.cur != nil && len(p.curText) == 0 {
		return false
	}
	for _, w := range strings.Fields(name(lead)) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !joining[w] {
			return false
		}
	}
	if p.cur != nil {
		named := p.curNamed
		for _, d := range domains {
			if slices.Contains(named, d) {
				return false
			}
		}
	}
	return true
}

func (p *parser) body(t string, page int) {
	if !p.typed && p.kind != none && (p.lastBody == "" || endsSentence(p.lastBody)) {
		if name, rest := textRunIn(t); name != "" {
			p.onHeading(name, page)
			t = rest
		}
	}
	if m := leadIn.FindStringSubmatch(t); m != nil && (p.kind == online || p.kind == developments) && p.startsEntry(m[1]) {
		p.onHeading(m[1], page)
		t = m[2]
	}
	p.lastBody = t
	if p.cur == nil {
		return
	}
	// Paragraphs are kept apart and joined once, at the end: joining each to the text so far
	// would take time quadratic in the entry's length.
	p.curText = append(p.curText, t)
	p.curNamed = appendNew(p.curNamed, nominatedDomains(t)...)
}

// finish completes the current market from its text and adds it to the report.
func (p *parser) finish() {
	m := p.cur
	p.cur = nil
	if m == nil {
		return
	}
	m.Text = strings.TrimSpace(joinLines(p.curText))
	p.curText, p.curNamed = nil, nil
	m.Domains = appendNew(m.Domains, nominatedDomains(m.Text)...)
	if m.Country == "" {
		m.Country, _ = basedCountry(m.Text)
	}
	if !m.Development && removed.MatchString(m.Text) {
		// Said to be off the list: a development, never a listing.
		m.Development = true
		p.r.Notes = append(p.r.Notes, Note{m.Heading, m.Page, "its entry says it was removed from (or is no longer on) the list: read as a development, check it"})
	}
	if m.Development && len(m.Domains) == 0 {
		// A development's text names the site it is about; its domains serve to match it.
		for _, w := range strings.Fields(m.Text) {
			if d := hostOf(w); d != "" {
				m.Domains = appendNew(m.Domains, d)
			}
		}
	}
	switch {
	case m.Kind == dataset.Physical:
		m.Categories = []string{"physical-market"}
	case len(m.Categories) == 0:
		if c := textCategory(m.Text); c != "" {
			m.Categories = []string{c}
		}
	}
	if !m.Development {
		switch {
		case m.Kind == dataset.Online && len(m.Domains) == 0:
			p.r.Notes = append(p.r.Notes, Note{m.Heading, m.Page, "no domain found in the entry"})
		case m.Kind == dataset.Physical && m.Country == "":
			p.r.Notes = append(p.r.Notes, Note{m.Heading, m.Page, "no country heading above it, and none named in its text"})
		}
	}
	p.r.Markets = append(p.r.Markets, *m)
}

// categoryWords map words of a section title or an entry to a category id, in order of
// preference.
var categoryWords = []struct{ word, id string }{
	{"stream-ripping", "stream-ripping"}, {"stream ripping", "stream-ripping"},
	{"cyberlocker", "cyberlocker"}, {"iptv", "iptv"}, {"torrent", "torrent-index"},
	{"social media", "social-commerce"}, {"social commerce", "social-commerce"},
	{"e-commerce", "e-commerce-platform"}, {"ecommerce", "e-commerce-platform"},
	{"pharmac", "online-pharmacy"}, {"piracy app", "piracy-app"}, {"pirate app", "piracy-app"},
	{"hosting provider", "hosting-provider"}, {"hosting", "hosting-provider"},
	{"registrar", "domain-registrar"}, {"payment", "payment-service"}, {"advertis", "ad-network"},
	{"shadow librar", "shadow-library"}, {"game server", "game-server"},
	{"linking", "streaming-linking"}, {"streaming", "streaming-linking"},
	{"direct download", "download-site"}, {"download", "download-site"},
}

func sectionCategory(title string) string {
	low := strings.ToLower(title)
	for _, c := range categoryWords {
		if strings.Contains(low, c.word) {
			return c.id
		}
	}
	return ""
}

// textCategory is the category whose word comes first in an entry's text.
func textCategory(text string) string {
	low := strings.ToLower(text)
	best, at := "", len(low)
	for _, c := range categoryWords {
		if i := strings.Index(low, c.word); i >= 0 && i < at {
			best, at = c.id, i
		}
	}
	return best
}
