// Package validate checks a data set against the schema's rules and reports every problem.
package validate

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gosimple/slug"
	"golang.org/x/text/language"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/internal/par"
)

// FirstYear is the earliest year an edition may review: USTR first named notorious markets in 2006.
const FirstYear = 2006

// Options adjust the rules that depend on the world outside the data.
type Options struct {
	Today time.Time // editions may not be published after this day
}

// Check returns every problem in the set, sorted by file and line.
func Check(set *dataset.Set, opt Options) []dataset.Problem {
	c := &checker{set: set, opt: opt, domains: map[string]*dataset.Market{}}
	c.publishers()
	c.categories()
	for _, m := range set.Markets {
		c.marketDomains(m)
	}
	// From here on c.domains is only read, so hosts can be remembered, and markets, then
	// editions, are checked on every processor.
	c.hosts = &sync.Map{}
	each(c, set.Markets, (*checker).market)
	c.uniqueNames()
	each(c, withEarlier(set.Editions), func(c *checker, e editionPair) { c.edition(e.edition, e.earlier) })
	c.absences()
	c.removalsAgree()
	c.responses()
	dataset.SortProblems(c.problems)
	return c.problems
}

type checker struct {
	set      *dataset.Set
	opt      Options
	problems []dataset.Problem
	domains  map[string]*dataset.Market // canonical domain → market
	hosts    *sync.Map                  // URL host → hostInfo; nil until domains is complete
}

func (c *checker) add(p dataset.Problem) { c.problems = append(c.problems, p) }

// each runs check on every item at the same time, each into a checker of its own, and adds
// their problems in the items' order, as a plain loop would. check must not change c.domains;
// c.hosts is safe to share.
func each[T any](c *checker, items []T, check func(*checker, T)) {
	for _, problems := range par.Map(items, func(item T) []dataset.Problem {
		sub := *c
		sub.problems = nil
		check(&sub, item)
		return sub.problems
	}) {
		c.problems = append(c.problems, problems...)
	}
}

// editionPair is an edition and the last edition before it in the set with the same publisher
// and year, if there is one.
type editionPair struct{ edition, earlier *dataset.Edition }

func withEarlier(editions []*dataset.Edition) []editionPair {
	pairs := make([]editionPair, len(editions))
	last := map[string]*dataset.Edition{}
	for i, e := range editions {
		pairs[i] = editionPair{e, last[e.ID()]}
		last[e.ID()] = e
	}
	return pairs
}

func (c *checker) publishers() {
	if len(c.set.Publishers) == 0 {
		c.add(dataset.Problem{File: filepath.Join(c.set.Dir, "publishers.yaml"), Message: "no publishers: add at least one"})
	}
	seen := map[string]bool{}
	for _, p := range c.set.Publishers {
		c.id(p.Pos, "id", p.ID, seen)
		c.required(p.Pos, "name", p.Name)
		c.required(p.Pos, "short", p.Short)
		c.required(p.Pos, "list", p.List)
		c.url(p.Pos, "url", p.URL)
	}
}

func (c *checker) categories() {
	if len(c.set.Categories) == 0 {
		c.add(dataset.Problem{File: filepath.Join(c.set.Dir, "categories.yaml"), Message: "no categories: add the vocabulary"})
	}
	seen := map[string]bool{}
	for _, cat := range c.set.Categories {
		c.id(cat.Pos, "id", cat.ID, seen)
		c.required(cat.Pos, "label", cat.Label)
		c.required(cat.Pos, "description", cat.Description)
	}
}

// id checks an identifier: present, a slug, unique in its file.
func (c *checker) id(pos dataset.Pos, field, id string, seen map[string]bool) {
	switch {
	case id == "":
		c.add(pos.Problem(field, "is required"))
	case !slug.IsSlug(id):
		c.add(pos.Problem(field, "%q must be lower case letters, digits and single hyphens", id))
	case seen[id]:
		c.add(pos.Problem(field, "%q is used twice", id))
	}
	seen[id] = true
}

func (c *checker) required(pos dataset.Pos, field, value string) bool {
	if strings.TrimSpace(value) == "" {
		c.add(pos.Problem(field, "is required"))
		return false
	}
	return true
}

// text checks a required one-line text field.
func (c *checker) text(pos dataset.Pos, field, value string) {
	if !c.required(pos, field, value) {
		return
	}
	c.oneLine(pos, field, value)
}

func (c *checker) oneLine(pos dataset.Pos, field, value string) {
	if value != strings.TrimSpace(value) {
		c.add(pos.Problem(field, "%q has leading or trailing spaces", value))
	}
	for _, r := range value {
		if unicode.IsControl(r) {
			c.add(pos.Problem(field, "must be one line of text without control characters"))
			return
		}
	}
	c.visible(pos, field, value)
}

// visible refuses the invisible characters that can make text read differently from what it
// holds (dataset.Invisible).
func (c *checker) visible(pos dataset.Pos, field, value string) {
	for _, r := range value {
		if dataset.Invisible(r) {
			c.add(pos.Problem(field, "contains the invisible character U+%04X: remove it", r))
			return
		}
	}
}

func (c *checker) url(pos dataset.Pos, field, raw string) {
	if !c.required(pos, field, raw) {
		return
	}
	h, ok := c.web(raw)
	if !ok {
		c.add(pos.Problem(field, "%q is not an absolute http(s) URL", raw))
		return
	}
	if h.market != nil {
		c.add(pos.Problem(field, "%q is on %s, a domain listed for %s: cite a report or press page instead", raw, h.listed, h.market.Name))
	}
}

// hostInfo is what the checks need to know of a URL's host.
type hostInfo struct {
	valid  bool            // see validHost
	listed string          // the listed domain covering the host, if any (see listedFor)
	market *dataset.Market // the market whose domain that is
}

// web parses an absolute http(s) URL on a valid host and looks its host up; ok is false if raw
// is not such a URL.
func (c *checker) web(raw string) (h hostInfo, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return hostInfo{}, false
	}
	h = c.host(u.Hostname())
	return h, h.valid
}

// host looks a URL's host up. Most URLs are on a few hosts, so once the listed domains are
// all known (c.hosts is set), the answers are remembered.
func (c *checker) host(name string) hostInfo {
	if c.hosts != nil {
		if h, ok := c.hosts.Load(name); ok {
			return h.(hostInfo)
		}
	}
	h := hostInfo{valid: validHost(name)}
	if h.valid {
		h.listed, h.market = c.listedFor(name)
	}
	if c.hosts != nil {
		c.hosts.Store(name, h)
	}
	return h
}

// validHost reports whether a URL's host is a domain name under a known suffix or an IP address.
func validHost(host string) bool {
	if net.ParseIP(host) != nil {
		return true
	}
	_, err := domain.Canonical(strings.TrimSuffix(strings.ToLower(host), "."))
	return err == nil
}

func (c *checker) sources(pos dataset.Pos, field string, urls []string) {
	if len(urls) == 0 {
		c.add(pos.Problem(field, "is required: list the URLs you read"))
	}
	seen := map[string]bool{}
	for i, u := range urls {
		f := fmt.Sprintf("%s[%d]", field, i)
		if seen[u] {
			c.add(pos.Problem(f, "%q is listed twice", u))
		}
		seen[u] = true
		c.url(pos, f, u)
	}
}

func (c *checker) market(m *dataset.Market) {
	pos := m.Pos
	if !slug.IsSlug(m.Slug) {
		c.add(dataset.Problem{File: pos.File, Message: fmt.Sprintf("file name %q is not a slug: rename it to %s.yaml", m.Slug, slug.Make(strings.ReplaceAll(m.Slug, "_", "-")))})
	}
	c.text(pos, "name", m.Name)
	for i, a := range m.Aliases {
		c.text(pos, fmt.Sprintf("aliases[%d]", i), a)
	}
	for i, a := range m.FormerNames {
		c.text(pos, fmt.Sprintf("former_names[%d]", i), a)
	}
	switch m.Kind {
	case dataset.Online, dataset.Physical:
	case "":
		c.add(pos.Problem("kind", "is required: online or physical"))
	default:
		c.add(pos.Problem("kind", "%q is not a kind: use online or physical", m.Kind))
	}
	if len(m.Categories) == 0 && !c.categoriesNotStated(m) {
		c.add(pos.Problem("categories", "is required: at least one id from categories.yaml (or categories_not_stated: true where no source states one)"))
	} else if len(m.Categories) > 0 {
		c.categoriesNotStated(m)
	}
	seen := map[string]bool{}
	for i, id := range m.Categories {
		f := fmt.Sprintf("categories[%d]", i)
		if c.set.Category(id) == nil {
			c.add(pos.Problem(f, "%q is not in categories.yaml", id))
		}
		if seen[id] {
			c.add(pos.Problem(f, "%q is listed twice", id))
		}
		seen[id] = true
	}
	if m.Country == "" {
		if m.Kind == dataset.Physical {
			c.add(pos.Problem("country", "is required for a physical market (ISO 3166-1 alpha-2 code)"))
		}
	} else if !IsCountry(m.Country) {
		c.add(pos.Problem("country", "%q is not an ISO 3166-1 alpha-2 country code (e.g. CN, AR)", m.Country))
	}
	if m.City != "" {
		c.oneLine(pos, "city", m.City)
		if m.Kind == dataset.Online {
			c.add(pos.Problem("city", "is for physical markets; this market is online"))
		}
	}
	c.sources(pos, "sources", m.Sources)
}

func (c *checker) marketDomains(m *dataset.Market) {
	lists := []struct {
		field string
		names []string
	}{{"domains.current", m.Domains.Current}, {"domains.former", m.Domains.Former}, {"domains.mirrors", m.Domains.Mirrors}}
	for _, l := range lists {
		for i, d := range l.names {
			f := fmt.Sprintf("%s[%d]", l.field, i)
			canon, err := domain.Canonical(d)
			if err != nil {
				c.add(m.Pos.Problem(f, "%v", err))
				continue
			}
			if canon != d && domain.Unicode(canon) != d {
				c.add(m.Pos.Problem(f, "%q must be written in lower case as %q", d, canon))
			}
			if other, ok := c.domains[canon]; ok {
				if other == m {
					c.add(m.Pos.Problem(f, "%q is listed twice", d))
				} else {
					c.add(m.Pos.Problem(f, "%q is already a domain of %s (markets/%s.yaml): a domain belongs to one market", d, other.Name, other.Slug))
				}
				continue
			}
			c.domains[canon] = m
		}
	}
	if m.Kind == dataset.Physical && len(m.Domains.All()) > 0 {
		c.add(m.Pos.Problem("domains", "a physical market has no domains; list the site as an online market"))
	}
}

// uniqueNames checks that no two markets' names or aliases make the same slug.
func (c *checker) uniqueNames() {
	slugs := par.Map(c.set.Markets, nameSlugs) // the slow part, done on every processor
	bySlug := map[string]*dataset.Market{}
	for k, m := range c.set.Markets {
		for i, s := range slugs[k] {
			if s == "" {
				continue
			}
			other, ok := bySlug[s]
			if ok && other != m {
				field, n := "name", m.Name
				if i > 0 {
					field, n = fmt.Sprintf("aliases[%d]", i-1), m.Aliases[i-1]
				}
				c.add(m.Pos.Problem(field, "%q has the same slug %q as %s (markets/%s.yaml): merge the two files or tell the names apart", n, s, other.Name, other.Slug))
				continue
			}
			bySlug[s] = m
		}
	}
}

// nameSlugs returns the slugs of a market's name and aliases, in that order.
func nameSlugs(m *dataset.Market) []string {
	slugs := make([]string, 0, 1+len(m.Aliases))
	for _, n := range append([]string{m.Name}, m.Aliases...) {
		slugs = append(slugs, NameSlug(n))
	}
	return slugs
}

// NameSlug is the slug a market's name or alias makes, without a leading "The": two names
// with the same slug name the same market.
func NameSlug(name string) string {
	return slug.Make(strings.TrimPrefix(name, "The "))
}

// edition checks an edition; earlier is another edition of the same publisher and year, or nil.
func (c *checker) edition(e, earlier *dataset.Edition) {
	pos := e.Pos
	if c.set.Publisher(e.Publisher) == nil {
		c.add(pos.Problem("publisher", "%q is not in publishers.yaml", e.Publisher))
	}
	last := time.Now().Year() + 1
	if !c.opt.Today.IsZero() {
		last = c.opt.Today.Year() + 1
	}
	if e.Year < FirstYear || e.Year > last {
		c.add(pos.Problem("year", "%d is out of range: editions review a year from %d to %d", e.Year, FirstYear, last))
	}
	if want := e.ID() + ".yaml"; filepath.Base(pos.File) != want && e.Publisher != "" && e.Year != 0 {
		c.add(dataset.Problem{File: pos.File, Message: fmt.Sprintf("file name must be %s, from its publisher and year", want)})
	}
	if earlier != nil {
		c.add(pos.Problem("year", "%s already has an edition for %d in %s", e.Publisher, e.Year, earlier.Pos.File))
	}
	c.text(pos, "title", e.Title)
	c.published(e)
	c.url(pos, "url", e.URL)
	c.report(e)
	c.counts(e)
	c.fullyRecorded(e)
	c.sources(pos, "sources", e.Sources)
	if len(e.Entries) == 0 {
		c.add(pos.Problem("entries", "is required: an edition lists at least one market"))
	}
	listed := map[string]int{}
	for i, en := range e.Entries {
		f := fmt.Sprintf("entries[%d]", i)
		m := c.marketRef(pos, f+".market", en.Market)
		if j, dup := listed[en.Market]; dup && en.Market != "" {
			c.add(pos.Problem(f+".market", "%q is already listed as entries[%d]", en.Market, j))
		}
		listed[en.Market] = i
		c.text(pos, f+".section", en.Section)
		if en.Page < 0 {
			c.add(pos.Problem(f+".page", "must be a page number (1 or more)"))
		}
		for k, d := range en.Domains {
			if m != nil && !contains(m.Domains.All(), d) {
				c.add(pos.Problem(fmt.Sprintf("%s.domains[%d]", f, k), "%q is not a domain of %s: add it to markets/%s.yaml first", d, m.Name, m.Slug))
			}
		}
		if en.Pending() {
			c.pending(pos, f, en)
		} else {
			c.summary(pos, f+".summary", en.Summary)
		}
		c.sources(pos, f+".sources", en.Sources)
	}
	c.headings(e)
	c.removals(e)
	c.focus(e)
	for i, d := range e.Developments {
		f := fmt.Sprintf("developments[%d]", i)
		c.marketRef(pos, f+".market", d.Market)
		c.summary(pos, f+".summary", d.Summary)
		c.sources(pos, f+".sources", d.Sources)
	}
}

func (c *checker) marketRef(pos dataset.Pos, field, s string) *dataset.Market {
	if !c.required(pos, field, s) {
		return nil
	}
	m := c.set.Market(s)
	if m == nil && !c.set.Unread[s] {
		c.add(pos.Problem(field, "%q has no file markets/%s.yaml", s, s))
	}
	return m
}

func (c *checker) published(e *dataset.Edition) {
	if !c.required(e.Pos, "published", e.Published) {
		return
	}
	d, _, err := e.PublishedDate()
	if err != nil {
		c.add(e.Pos.Problem("published", "%q is not an ISO date (YYYY-MM-DD, or YYYY-MM when the day is unknown)", e.Published))
		return
	}
	if !c.opt.Today.IsZero() && d.After(c.opt.Today) {
		c.add(e.Pos.Problem("published", "%s is in the future", e.Published))
	}
	if e.Year != 0 && (d.Year() < e.Year || d.Year() > e.Year+2) {
		c.add(e.Pos.Problem("published", "%s does not fit year %d: an edition is published in the year it reviews or within two years after", e.Published, e.Year))
	}
}

// fullyRecorded checks an edition's explicit statement that sections are recorded in full: only
// for a section without an official count (where there is one, the count decides), with a source.
func (c *checker) fullyRecorded(e *dataset.Edition) {
	f := e.FullyRecorded
	if len(f.Sections) == 0 {
		if f.Source != "" {
			c.add(e.Pos.Problem("fully_recorded.source", "names a source but no section: list the sections (online, physical) the source shows fully recorded"))
		}
		return
	}
	seen := map[string]bool{}
	for i, s := range f.Sections {
		field := fmt.Sprintf("fully_recorded.sections[%d]", i)
		switch {
		case s != dataset.Online && s != dataset.Physical:
			c.add(e.Pos.Problem(field, "%q is not a section: use online or physical", s))
		case seen[s]:
			c.add(e.Pos.Problem(field, "%q is named twice", s))
		case s == dataset.Online && e.Counts.Online != nil:
			c.add(e.Pos.Problem(field, "online has an official count (counts.online): the count decides whether the section is complete, remove this"))
		case s == dataset.Physical && e.Counts.Physical != nil:
			c.add(e.Pos.Problem(field, "physical has an official count (counts.physical): the count decides whether the section is complete, remove this"))
		}
		seen[s] = true
	}
	c.url(e.Pos, "fully_recorded.source", f.Source)
}

func (c *checker) counts(e *dataset.Edition) {
	n := e.Counts
	any := false
	for _, v := range []struct {
		field string
		n     *int
	}{{"counts.online", n.Online}, {"counts.physical", n.Physical}, {"counts.total", n.Total}} {
		if v.n == nil {
			continue
		}
		any = true
		if *v.n < 0 {
			c.add(e.Pos.Problem(v.field, "must not be negative"))
		}
	}
	if n.Online != nil && n.Physical != nil && n.Total != nil && *n.Online+*n.Physical != *n.Total {
		c.add(e.Pos.Problem("counts.total", "%d is not online %d + physical %d", *n.Total, *n.Online, *n.Physical))
	}
	if any {
		c.url(e.Pos, "counts.source", n.Source)
	} else if n.Source != "" {
		c.add(e.Pos.Problem("counts.source", "names a source but no count is given"))
	}
}

// reserved are codes the language package accepts as regions that ISO 3166-1 only reserves
// (UK is GB, EU and UN are not countries) or has withdrawn without a single successor.
var reserved = map[string]bool{"AC": true, "CP": true, "DG": true, "EA": true, "EU": true, "EZ": true,
	"FX": true, "IC": true, "SU": true, "TA": true, "UK": true, "UN": true, "AN": true, "CS": true, "YU": true, "NT": true}

// IsCountry reports whether code is an assigned ISO 3166-1 alpha-2 country code. Withdrawn codes
// (YU, ZR, AN) are refused; XK, the code the EU and others use for Kosovo, is accepted.
func IsCountry(code string) bool {
	if len(code) != 2 || strings.ToUpper(code) != code || reserved[code] {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.String() == code && r.Canonicalize().String() == code && r.IsCountry()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
