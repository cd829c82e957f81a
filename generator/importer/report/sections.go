package report

import (
	"strings"
)

// What a heading is.
const (
	sectionHeading = iota + 1 // starts a section (of markets or not)
	marketHeading             // a market, or a country over physical markets
	otherHeading              // neither, outside any market section
)

// nonMarket are headings that start sections holding no markets.
var nonMarket = []string{"overview", "results of", "issue focus", "public information", "introduction",
	"background", "conclusion", "annex", "contents", "table of contents", "methodology", "executive summary",
	"disclaimer", "acknowledg", "summary", "scope", "objective", "purpose", "next steps", "follow-up"}

// plurals are the words a section's title names its markets by; a market's own name does not
// end in one.
var plurals = map[string]bool{"markets": true, "marketplaces": true, "websites": true, "sites": true,
	"platforms": true, "cyberlockers": true, "providers": true, "pharmacies": true, "services": true,
	"apps": true, "applications": true, "networks": true, "libraries": true, "registrars": true,
	"servers": true, "indexes": true, "medicines": true, "content": true}

// sectionOf reads a heading as a section by its meaning: positive developments, online markets
// (by any kind of service), physical markets, or a section of no markets. ok is false for a
// heading that is none of these.
func sectionOf(title string) (kind sectionKind, category string, ok bool) {
	low := strings.ToLower(strings.Join(strings.Fields(title), " "))
	words := strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == ':' || r == ',' })
	named := false // the title names markets by a plural
	for _, w := range words {
		named = named || plurals[w]
	}
	switch {
	case strings.Contains(low, "positive development"):
		return developments, "", true
	case strings.Contains(low, "physical") && named:
		return physical, "physical-market", true
	}
	for _, n := range nonMarket {
		if strings.HasPrefix(low, n) {
			return none, "", true
		}
	}
	cat := sectionCategory(title)
	switch {
	case named && (strings.Contains(low, "online") || strings.Contains(low, "internet")):
		if cat == "" || strings.Contains(low, "copyright") {
			cat = sectionCategory(strings.ReplaceAll(low, "copyright-protected content", ""))
		}
		return online, cat, true
	case named && cat != "":
		return online, cat, true
	}
	return none, "", false
}

// classify says what a heading is, and updates the parser's section for a section heading.
func (p *parser) classify(h string) int {
	num, title := "", strings.TrimSpace(h)
	if m := numbered.FindStringSubmatch(title); m != nil {
		num, title = m[1], strings.TrimSpace(m[2])
	}
	kind, cat, ok := sectionOf(title)
	if ok && num == "" && p.secNum != "" && p.kind != none && kind != none && kind != developments {
		// In a report that numbers its sections, an unnumbered heading in a market section is
		// one of its markets, whatever words its name has ("... for Online Video Platforms").
		ok = false
	}
	set := func(kind sectionKind, name, category string) int {
		p.closeSection(kind, num, name)
		p.kind, p.section, p.category, p.country, p.secNum = kind, name, category, "", num
		if cat == "" || kind != online {
			p.parent = name
		}
		return sectionHeading
	}
	if num != "" {
		if p.numbered == nil {
			p.numbered = map[string]string{}
		}
		p.numbered[num] = sectionName(title)
	}
	if ok {
		name := sectionName(title)
		if kind == developments {
			name = "Positive Developments"
		}
		// A kind of online market under a general online section: "Online service providers:
		// Cyberlockers".
		if num != "" {
			if i := strings.LastIndexByte(num, '.'); i > 0 && p.numbered[num[:i]] != "" {
				name = p.numbered[num[:i]] + ": " + name
			}
		} else if kind == online && p.kind == online && cat != "" && p.parent != "" && p.parent != name {
			name = p.parent + ": " + name
		}
		return set(kind, name, cat)
	}
	if p.kind == physical {
		if code := Country(title); code != "" {
			p.closeSection(physical, num, title)
			p.country, p.secFound = code, 0
			p.secName, p.secPage = title, p.curPage
			return marketHeading
		}
	}
	// A numbered heading no deeper than the section's own is a new section of no markets.
	if num != "" && p.secNum != "" && strings.Count(num, ".") <= strings.Count(p.secNum, ".") {
		return set(none, "", "")
	}
	if p.kind == none {
		return otherHeading
	}
	return marketHeading
}

// sectionName is the name entries give their section: "Online Markets", "Physical
// marketplaces", as the report writes it, capitals aside.
func sectionName(title string) string {
	if strings.ToUpper(title) != title {
		return title
	}
	low := strings.ToLower(title)
	return strings.ToUpper(low[:1]) + low[1:]
}

// closeSection ends the current section or country before a new heading: a market section (or
// country) in which nothing was found is a note for the reviewer, unless the new heading opens
// a part of it (a kind of online market, a country).
func (p *parser) closeSection(next sectionKind, num, title string) {
	if p.kind == none || p.secFound > 0 || p.secName == "" {
		p.openSection(title)
		return
	}
	child := false
	switch {
	case num != "" && p.secNum != "" && strings.HasPrefix(num, p.secNum+"."):
		child = true
	case p.country == "" && next == p.kind && (p.kind == physical || p.category == ""):
		child = true // a country under physical markets, or a kind of online market
	}
	if !child {
		p.r.Unreadable = append(p.r.Unreadable, Note{p.secName, p.secPage, "a market section in which no market was found: check the report"})
	}
	p.openSection(title)
}

func (p *parser) openSection(title string) {
	p.secName, p.secPage, p.secFound = title, p.curPage, 0
}
