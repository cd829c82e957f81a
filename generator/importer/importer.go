// Package importer turns a report into a draft of its edition: an edition file and files for
// the markets new to data/, written under a folder of their own for a person to review.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/importer/fetch"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
	"github.com/notorious-markets-watch/nmw/generator/namekey"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// Options say what to import and where to write the draft.
type Options struct {
	Edition   string // the edition's id, "ustr-2025"
	Report    string // the report's PDF or .txt
	DataDir   string // data/, read for matching and never written
	OutDir    string // where the draft tree goes
	URL       string // the report's official URL; by default the edition's url in data/
	Published string // the publication date; by default the edition's in data/
	// ListingOnly writes the pending marker (dataset.SummaryPending) instead of the placeholder
	// where no summary is written yet, and leaves out positive developments without one.
	ListingOnly bool
	// Merge adds to DataDir what its edition lacks (merged.go) instead of writing a draft.
	Merge bool
	// KeepProblems (with Merge) writes the merge even where the merged data does not validate
	// (a new market without a category, a domain of two markets), and returns the problems in
	// Result.Problems for a person to settle: import-pr opens a draft pull request with them.
	KeepProblems bool
	// ReportURL is the report's official address, recorded as report.url, when Report is the
	// PDF itself or a copy of it at another address (one the maintainer downloaded).
	ReportURL string
	Fetch     fetch.Options // for a report given by its https address
}

// Result is what an import read and wrote.
type Result struct {
	Report       *report.Report
	Sections     []Count // markets per section, in report order
	Matched, New int     // entries (and developments) whose market is in data/, or new
	Placeholders int     // summaries left as the placeholder
	Reused       int     // summaries taken from the edition already in data/
	Pending      int     // entries written with the pending marker (ListingOnly)
	Skipped      int     // markets read and left out (developments without a summary, ListingOnly), each with a note
	Notes        []string
	Written      []string          // files written, in order
	Added        []string          // with Merge: what was added to data/, one line each
	Changed      []string          // with Merge: markets in data/ given the report's new domains, one line each
	Problems     []dataset.Problem // with KeepProblems: what the merged data still has wrong
	ReportURL    string            // the report's address: downloaded from, or given (Options.ReportURL) for a copy
	ReportSHA256 string            // the SHA-256 of the report's PDF
}

// ToCheck is everything the reviewer must look at, each with its page where it has one:
// headings the parser could not place, markets read with a field missing, and the import's
// own notes (counts read, categories guessed, domains to add).
func (r *Result) ToCheck() []string {
	var out []string
	for _, n := range r.Report.Unreadable {
		out = append(out, n.String()+": not imported; add it by hand")
	}
	for _, n := range r.Report.Notes {
		out = append(out, n.String())
	}
	return append(out, r.Notes...)
}

// Count is a number of markets in one section.
type Count struct {
	Section string
	N       int
}

var editionID = regexp.MustCompile(`^([a-z][a-z0-9-]*)-(\d{4})$`)

// Run reads the report, matches its markets against data/ and writes the draft.
func Run(opt Options) (*Result, error) {
	m := editionID.FindStringSubmatch(opt.Edition)
	if m == nil {
		return nil, fmt.Errorf("-edition %q: give the edition's id as <publisher>-<year>, e.g. ustr-2025", opt.Edition)
	}
	publisher := m[1]
	year, _ := strconv.Atoi(m[2])
	if opt.Merge {
		if opt.OutDir != "" {
			return nil, errors.New("-merge writes into the data folder: give -o only without -merge")
		}
	} else if err := outsideData(opt.OutDir, opt.DataDir); err != nil {
		return nil, err
	}
	set, _, err := dataset.Load(opt.DataDir)
	if err != nil {
		return nil, err
	}
	path, sum, from, err := readable(set, opt)
	if err != nil {
		return nil, err
	}
	pages, hints, err := readReport(path)
	if err != nil {
		return nil, err
	}
	rep, err := report.ParseWith(pages, hints)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", opt.Report, err)
	}
	if rep.Publisher != publisher || rep.Year != year {
		return nil, fmt.Errorf("%s reads as the %s %d report (%q), not %s: check the file and -edition", opt.Report, rep.Publisher, rep.Year, rep.Title, opt.Edition)
	}
	if set.Publisher(publisher) == nil {
		return nil, fmt.Errorf("publisher %q is not in %s/publishers.yaml", publisher, opt.DataDir)
	}
	d := newDraft(set, rep, opt)
	d.res.ReportURL, d.res.ReportSHA256 = from, sum
	if err := d.build(); err != nil {
		return nil, err
	}
	if opt.Merge {
		err = d.merge()
	} else {
		err = d.write()
	}
	if err != nil {
		return nil, err
	}
	return d.res, nil
}

// outsideData refuses an output folder that is data/ or inside it.
func outsideData(out, data string) error {
	if out == "" {
		return errors.New("give -o DIR: the folder to write the draft into (never data/)")
	}
	ao, err1 := filepath.Abs(out)
	ad, err2 := filepath.Abs(data)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if rel, err := filepath.Rel(ad, ao); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("-o %s is inside %s: the draft is written elsewhere, reviewed, then moved into data/", out, data)
	}
	return nil
}

type draft struct {
	set     *dataset.Set
	rep     *report.Report
	opt     Options
	res     *Result
	domains map[string]*dataset.Market // canonical domain → market
	names   map[string]*dataset.Market // name key (nameKeys) → market
	newBy   map[string]*newMarket      // slug → market new to data/
	newList []*newMarket
	edition edition
	url     string // the report's URL, cited by every entry
	files   []file
	// newDomains are, per market in data/, the domains the report names for it that its file
	// lacks: a merge adds them (domains.go).
	newDomains map[string]*newDomains
}

type newMarket struct {
	slug string
	m    market
}

type file struct {
	path string
	v    any
}

func newDraft(set *dataset.Set, rep *report.Report, opt Options) *draft {
	d := &draft{set: set, rep: rep, opt: opt, res: &Result{Report: rep},
		domains: map[string]*dataset.Market{}, names: map[string]*dataset.Market{}, newBy: map[string]*newMarket{}}
	for _, m := range set.Markets {
		for _, dom := range m.Domains.All() {
			if c, err := domain.Canonical(dom); err == nil {
				d.domains[c] = m
			}
		}
		for _, n := range slices.Concat([]string{m.Name}, m.Aliases, m.FormerNames) {
			for _, k := range nameKeys(n) {
				if _, dup := d.names[k]; !dup {
					d.names[k] = m
				}
			}
		}
	}
	return d
}

// nameKeys are the keys a name matches by: its slug, the rule validation uses to keep names
// apart, and its folded form, as the site's check compares names. A name whose slug or folded
// form is empty (only punctuation, say) has no key of that kind.
func nameKeys(n string) []string {
	var keys []string
	if s := validate.NameSlug(n); s != "" {
		keys = append(keys, "slug:"+s)
	}
	if f := namekey.Fold(n); f != "" {
		keys = append(keys, "fold:"+f)
	}
	return keys
}

// match finds the market in data/ that a report's market is: by domain first (whole labels
// from the right, as the check matches), then by name, alias or former name (nameKeys).
func (d *draft) match(rm report.Market) *dataset.Market {
	for _, dom := range rm.Domains {
		if _, m, ok := domain.Find(d.domains, dom); ok {
			return m
		}
	}
	for _, n := range []string{rm.Name, rm.Name + " " + rm.City} {
		var m *dataset.Market
		for _, k := range nameKeys(n) {
			if m == nil {
				m = d.names[k]
			}
		}
		if m == nil || m.Kind != rm.Kind && !rm.Development {
			continue
		}
		// Two physical markets of one name in different cities are two markets.
		if m.Kind == dataset.Physical && m.City != "" && rm.City != "" && !strings.EqualFold(m.City, rm.City) {
			continue
		}
		return m
	}
	return nil
}

func (d *draft) build() error {
	rep, opt := d.rep, d.opt
	old := d.existing()
	e := edition{Publisher: rep.Publisher, Year: rep.Year, Title: rep.Title, Published: opt.Published, URL: opt.URL}
	if old != nil {
		e.Title = old.Title
		if e.Published == "" {
			e.Published = old.Published
		}
		if e.URL == "" {
			e.URL = old.URL
		}
		e.Counts = counts{old.Counts.Online, old.Counts.Physical, old.Counts.Total, old.Counts.Source}
		e.FullyRecorded = fullyRecorded{slices.Clone(old.FullyRecorded.Sections), old.FullyRecorded.Source}
		e.Sources = slices.Clone(old.Sources)
	}
	if e.URL == "" {
		e.URL = d.res.ReportURL
	}
	e.Report = d.reportRef(old)
	d.counts(&e, old)
	if e.URL == "" {
		return fmt.Errorf("no URL for the report: give -url, the report's official address (every entry cites it); data/ has no %s to take it from", opt.Edition)
	}
	d.url = e.URL
	if !slices.Contains(e.Sources, e.URL) {
		e.Sources = append(e.Sources, e.URL)
	}
	if e.Published == "" {
		d.note("edition: published is not known: add the publication date (-published, or by hand)")
	}
	if old != nil && rep.Title != old.Title {
		d.note(fmt.Sprintf("edition: the report's title reads %q; data/ has %q (kept)", rep.Title, old.Title))
	}
	counts := map[string]int{}
	var order []string
	listed := map[string]bool{}
	developed := map[string]bool{}
	for _, rm := range rep.Markets {
		if rm.Development && opt.ListingOnly && !d.summarised(old, rm) {
			d.note(fmt.Sprintf("page %d: %q is named under positive developments: not imported in listing-only mode (a development needs a summary); add it by hand if it belongs", rm.Page, rm.Heading))
			d.res.Skipped++
			continue
		}
		slug, dm := d.slugFor(rm)
		if rm.Development {
			if developed[slug] {
				continue
			}
			developed[slug] = true
			summary, sources := d.carry(old, slug, true)
			e.Developments = append(e.Developments, development{Market: slug, Summary: summary, Sources: d.cite(sources)})
		} else {
			if listed[slug] {
				d.note(fmt.Sprintf("page %d: %q is %s again: listed once", rm.Page, rm.Heading, slug))
				continue
			}
			listed[slug] = true
			summary, sources := d.carry(old, slug, false)
			if summary == dataset.SummaryPlaceholder && opt.ListingOnly {
				d.res.Placeholders--
				d.res.Pending++
				summary = dataset.SummaryPending
				if rm.Page < 1 {
					d.note(fmt.Sprintf("%q: no page found for it: add entries' page by hand (a pending summary needs it)", rm.Heading))
				}
			}
			en := entry{Market: slug, Section: rm.Section, Page: rm.Page, Summary: summary, Sources: d.cite(sources)}
			for _, dom := range rm.Domains {
				en.Domains = append(en.Domains, domain.Unicode(dom))
			}
			e.Entries = append(e.Entries, en)
			if dm != nil && opt.Merge {
				d.addDomains(dm, rm)
			} else if dm != nil {
				d.missingDomains(dm, rm)
			}
		}
		if _, ok := counts[rm.Section]; !ok {
			order = append(order, rm.Section)
		}
		counts[rm.Section]++
		if dm != nil {
			d.res.Matched++
		} else {
			d.res.New++
		}
	}
	for _, s := range order {
		d.res.Sections = append(d.res.Sections, Count{s, counts[s]})
	}
	if len(e.Entries) == 0 {
		var b strings.Builder
		for _, n := range rep.Unreadable {
			fmt.Fprintf(&b, "\n  %s", n)
		}
		return fmt.Errorf("%s: no markets found under the report's market sections: is it the whole %s report? %d to check:%s", opt.Report, rep.Publisher, len(rep.Unreadable), b.String())
	}
	d.edition = e
	d.files = append(d.files, file{filepath.Join(opt.OutDir, "editions", opt.Edition+".yaml"), e})
	for _, n := range d.newList {
		d.files = append(d.files, file{filepath.Join(opt.OutDir, "markets", n.slug+".yaml"), n.m})
	}
	return nil
}

func (d *draft) note(s string) { d.res.Notes = append(d.res.Notes, s) }

// existing returns the edition in data/ with the draft's id, or nil.
func (d *draft) existing() *dataset.Edition {
	for _, e := range d.set.Editions {
		if e.ID() == d.opt.Edition {
			return e
		}
	}
	return nil
}

// carry returns the summary and sources of the market's entry (or development) in the
// edition already in data/: summaries written there are our own words and stay; any other
// summary is the placeholder.
func (d *draft) carry(old *dataset.Edition, slug string, dev bool) (string, []string) {
	if old != nil {
		if dev {
			for _, x := range old.Developments {
				if x.Market == slug && x.Summary != "" {
					d.res.Reused++
					return x.Summary, x.Sources
				}
			}
		} else {
			for _, x := range old.Entries {
				if x.Market == slug && x.Summary != "" {
					d.res.Reused++
					return x.Summary, x.Sources
				}
			}
		}
	}
	d.res.Placeholders++
	return dataset.SummaryPlaceholder, nil
}

// cite puts the report's URL first among an entry's sources.
func (d *draft) cite(sources []string) []string {
	out := []string{d.url}
	for _, s := range sources {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// slugFor returns the slug of a report's market: its market in data/ (returned too), or a
// new market's, made from its name (and city, for a physical market whose name is taken).
func (d *draft) slugFor(rm report.Market) (string, *dataset.Market) {
	if m := d.match(rm); m != nil {
		return m.Slug, m
	}
	for _, n := range d.newList {
		if n.m.Name == rm.Name && n.m.City == rm.City && n.m.Kind == rm.Kind {
			return n.slug, nil
		}
	}
	base := validate.NameSlug(rm.Name)
	if base == "" {
		base = "market"
	}
	s := base
	taken := func(s string) bool { return d.set.Market(s) != nil || d.set.Unread[s] || d.newBy[s] != nil }
	if taken(s) && rm.City != "" {
		s = validate.NameSlug(rm.Name + " " + rm.City)
	}
	for i := 2; taken(s); i++ {
		s = fmt.Sprintf("%s-%d", base, i)
	}
	nm := &newMarket{slug: s, m: market{Name: rm.Name, Kind: rm.Kind, Categories: rm.Categories,
		Country: rm.Country, City: rm.City, Sources: []string{d.cite(nil)[0]}}}
	if rm.Kind == dataset.Online {
		for _, dom := range rm.Domains {
			nm.m.Domains.Current = append(nm.m.Domains.Current, domain.Unicode(dom))
		}
	}
	if rm.Development {
		d.note(fmt.Sprintf("markets/%s.yaml: named under positive developments and new to data/: kind online is assumed, check it", s))
	}
	if len(rm.Categories) == 0 {
		d.note(fmt.Sprintf("markets/%s.yaml: no category found in the report's words: choose one from categories.yaml", s))
	} else if rm.Kind == dataset.Online && !strings.Contains(rm.Section, ":") {
		d.note(fmt.Sprintf("markets/%s.yaml: category %s guessed from the entry's words: check it", s, rm.Categories[0]))
	}
	d.newBy[s] = nm
	d.newList = append(d.newList, nm)
	return s, nil
}

// missingDomains notes domains the report names for a market in data/ that its file lacks:
// an entry's domains must be among its market's.
func (d *draft) missingDomains(m *dataset.Market, rm report.Market) {
	if missing := lacking(m, rm); len(missing) > 0 {
		d.note(fmt.Sprintf("markets/%s.yaml: add %s (named on page %d) to its domains, or drop them from the entry", m.Slug, strings.Join(missing, ", "), rm.Page))
	}
}

// write writes the draft's files, after checking that none of them exists: an import never
// overwrites a file.
func (d *draft) write() error {
	var exist []string
	for _, f := range d.files {
		if _, err := os.Lstat(f.path); err == nil || !errors.Is(err, fs.ErrNotExist) {
			exist = append(exist, f.path)
		}
	}
	if len(exist) > 0 {
		return fmt.Errorf("not overwriting %s: remove them or choose another -o", strings.Join(exist, ", "))
	}
	for _, f := range d.files {
		b, err := Marshal(f.v)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return err
		}
		w, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		if err := errors.Join(err, w.Close()); err != nil {
			return fmt.Errorf("writing %s: %w", f.path, err)
		}
		d.res.Written = append(d.res.Written, f.path)
	}
	return nil
}

// Marshal writes a draft file as YAML in the data's style: two-space indents, fields in the
// schema's order, empty optional fields left out.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// The draft's files, with the schema's field names and order (data/README.md).
type (
	market struct {
		Name       string   `yaml:"name"`
		Kind       string   `yaml:"kind"`
		Categories []string `yaml:"categories,omitempty"`
		Country    string   `yaml:"country,omitempty"`
		City       string   `yaml:"city,omitempty"`
		Domains    domains  `yaml:"domains,omitempty"`
		Sources    []string `yaml:"sources"`
	}
	domains struct {
		Current []string `yaml:"current,omitempty"`
	}
	edition struct {
		Publisher     string        `yaml:"publisher"`
		Year          int           `yaml:"year"`
		Title         string        `yaml:"title"`
		Published     string        `yaml:"published"`
		URL           string        `yaml:"url"`
		Report        *reportRef    `yaml:"report,omitempty"`
		Counts        counts        `yaml:"counts,omitempty"`
		FullyRecorded fullyRecorded `yaml:"fully_recorded,omitempty"`
		Sources       []string      `yaml:"sources"`
		Entries       []entry       `yaml:"entries"`
		Developments  []development `yaml:"developments,omitempty"`
	}
	reportRef struct {
		URL        string `yaml:"url"`
		SHA256     string `yaml:"sha256,omitempty"`
		Pages      int    `yaml:"pages,omitempty"`
		PageOffset int    `yaml:"page_offset,omitempty"`
	}
	counts struct {
		Online   *int   `yaml:"online,omitempty"`
		Physical *int   `yaml:"physical,omitempty"`
		Total    *int   `yaml:"total,omitempty"`
		Source   string `yaml:"source,omitempty"`
	}
	fullyRecorded struct {
		Sections []string `yaml:"sections,omitempty"`
		Source   string   `yaml:"source,omitempty"`
	}
	entry struct {
		Market  string   `yaml:"market"`
		Section string   `yaml:"section"`
		Page    int      `yaml:"page,omitempty"`
		Domains []string `yaml:"domains,omitempty"`
		Summary string   `yaml:"summary"`
		Sources []string `yaml:"sources"`
	}
	development struct {
		Market  string   `yaml:"market"`
		Summary string   `yaml:"summary"`
		Sources []string `yaml:"sources"`
	}
)
