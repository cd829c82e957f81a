// Package opendata renders the linked model as downloadable files: the whole dataset as JSON
// and CSV, one JSON file per edition, and a static look-up API with one JSON file per listed
// domain. Paths are relative to the site's root; page paths inside the files are too, so the
// files are the same whatever address the site is served from.
package opendata

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/gazetteer"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// SchemaVersion is the version of the file formats below. Raise it when a field is removed,
// renamed or changes meaning; adding a field keeps the version.
const SchemaVersion = 1

// Paths of the files, relative to the site's root.
const (
	DatasetJSON = "data/nmw.json"
	ListingsCSV = "data/listings.csv"
	EditionsDir = "data/editions/"
	DomainsJSON = "api/domains.json"
	DomainsDir  = "api/domains/"
	DataPage    = "data/"
)

// File is one file to publish, with a slash-separated path relative to the site's root; Write
// writes its content.
type File struct {
	Path  string
	Write func(w io.Writer) error
}

// Dataset is data/nmw.json: everything the site shows.
type Dataset struct {
	SchemaVersion int         `json:"schema_version"`
	Documentation string      `json:"documentation"`
	Updated       string      `json:"updated"`
	Publishers    []Publisher `json:"publishers"`
	Categories    []Category  `json:"categories"`
	Editions      []Edition   `json:"editions"`
	Markets       []Market    `json:"markets"`
}

// Publisher is an organisation that publishes a watchlist.
type Publisher struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Short string `json:"short"`
	List  string `json:"list"`
	URL   string `json:"url"`
}

// Category is one term of the category vocabulary.
type Category struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Edition is one edition of a list with its entries.
type Edition struct {
	ID        string   `json:"id"`
	Publisher string   `json:"publisher"`
	Year      int      `json:"year"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	URL       string   `json:"url"`
	Page      string   `json:"page"`
	Counts    *Counts  `json:"official_counts"`
	Sources   []string `json:"sources"`
	// Recorded says which sections are recorded in full; where one is not, a market missing from
	// the entries may still be listed, and the changes below are computed only where the data can tell.
	Recorded      Recorded      `json:"recorded_in_full"`
	New           []string      `json:"new"`            // every earlier edition known not to list it
	FirstRecorded []string      `json:"first_recorded"` // in no earlier entries, but an earlier edition is partly recorded
	Returning     []string      `json:"returning"`
	Dropped       []string      `json:"dropped"`    // in the previous edition, known not listed in this one
	Unrecorded    []string      `json:"unrecorded"` // in the previous edition, not recorded in this partly recorded one
	Entries       []Entry       `json:"entries"`
	Developments  []Development `json:"developments"`
	// Focus and Responses are optional fields of schema v1 (issue 36).
	Focus     *Focus     `json:"focus,omitempty"`
	Responses []Response `json:"responses,omitempty"`
}

// Recorded says whether each section of an edition is recorded in full (its official count
// reached, or stated in data/ with a source).
type Recorded struct {
	Online   bool   `json:"online"`
	Physical bool   `json:"physical"`
	Source   string `json:"source,omitempty"` // where data/ states a section full without an official count
}

// Counts are an edition's official numbers of markets, where a source gives them.
type Counts struct {
	Online   *int   `json:"online"`
	Physical *int   `json:"physical"`
	Total    *int   `json:"total"`
	Source   string `json:"source"`
}

// Entry is one market as listed in one edition.
type Entry struct {
	Market  string   `json:"market"`
	Section string   `json:"section"`
	Page    *int     `json:"report_page"`
	Domains []string `json:"domains"`
	Summary string   `json:"summary"`
	// Translations are the summary's up-to-date translations, by language (issue 34).
	Translations map[string]string `json:"summary_translations,omitempty"`
	Pending      bool              `json:"summary_pending,omitempty"` // listing-only: Summary says where the report names it (pending.go)
	Sources      []string          `json:"sources"`
	Heading      string            `json:"heading,omitempty"` // where the report's heading groups several markets (issue 26)
}

// Development is a market an edition names as a positive development.
type Development struct {
	Market  string `json:"market"`
	Summary string `json:"summary"`
	// Translations are the summary's up-to-date translations, by language (issue 34).
	Translations map[string]string `json:"summary_translations,omitempty"`
	Sources      []string          `json:"sources"`
	Removed      bool              `json:"removed,omitempty"` // the sources report the market taken off the list (issue 26)
}

// Market is one market with where it stands on each list.
type Market struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	FormerNames []string `json:"former_names"`
	Kind        string   `json:"kind"`
	Categories  []string `json:"categories"`
	Country     string   `json:"country"`
	City        string   `json:"city"`
	Place       *Place   `json:"place,omitempty"` // where the city is, if places.yaml places it
	Domains     Domains  `json:"domains"`
	Page        string   `json:"page"`
	Current     bool     `json:"on_a_current_list"`
	Statuses    []Status `json:"statuses"`
	Sources     []string `json:"sources"`
	// CategoriesNotStated and Absences are optional fields of schema v1 (issue 26).
	CategoriesNotStated bool      `json:"categories_not_stated,omitempty"`
	Absences            []Absence `json:"absences,omitempty"`
	// Responses are an optional field of schema v1 (issue 36): those recorded in the market's file.
	Responses []Response `json:"responses,omitempty"`
}

// Absence is an edition that sources say did not list a market.
type Absence struct {
	Edition string `json:"edition"`
	Note    string `json:"note"`
	// Translations are the note's up-to-date translations, by language (issue 34).
	Translations map[string]string `json:"note_translations,omitempty"`
	Sources      []string          `json:"sources"`
}

// Place is where a market's city is, from GeoNames (CC BY 4.0) through data/places.yaml.
type Place struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	GeoNames  int     `json:"geonames"`
	Source    string  `json:"source"`
}

// Domains are a market's registrable domains, in lower-case ASCII (punycode).
type Domains struct {
	Current []string `json:"current"`
	Former  []string `json:"former"`
	Mirrors []string `json:"mirrors"`
}

// Status is where a market stands on one publisher's list.
type Status struct {
	Publisher string `json:"publisher"`
	Years     []int  `json:"years"`
	Last      int    `json:"last"`
	Current   bool   `json:"current"`
}

// EditionFile is data/editions/<id>.json: one edition and the markets it names.
type EditionFile struct {
	SchemaVersion int       `json:"schema_version"`
	Documentation string    `json:"documentation"`
	Publisher     Publisher `json:"publisher"`
	Edition       Edition   `json:"edition"`
	Markets       []Market  `json:"markets"`
}

// DomainIndex is api/domains.json: every listed domain and the path of its look-up file.
type DomainIndex struct {
	SchemaVersion int           `json:"schema_version"`
	Documentation string        `json:"documentation"`
	Domains       []DomainEntry `json:"domains"`
}

// DomainEntry names one look-up file.
type DomainEntry struct {
	Domain string `json:"domain"`
	Path   string `json:"path"`
}

// DomainFile is api/domains/<domain>.json: the markets that use or used one domain.
type DomainFile struct {
	SchemaVersion int            `json:"schema_version"`
	Documentation string         `json:"documentation"`
	Domain        string         `json:"domain"`
	Unicode       string         `json:"unicode"`
	Current       bool           `json:"on_a_current_list"`
	Markets       []DomainMarket `json:"markets"`
}

// DomainMarket is a market as seen from one of its domains.
type DomainMarket struct {
	Slug     string   `json:"slug"`
	Name     string   `json:"name"`
	Relation string   `json:"relation"`
	Page     string   `json:"page"`
	Current  bool     `json:"on_a_current_list"`
	Statuses []Status `json:"statuses"`
}

// CSVField is one column of data/listings.csv, as datapackage.json declares it (a Frictionless
// Table Schema field).
type CSVField struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Description string       `json:"description"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints are the rules a column's values follow.
type Constraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Minimum  *int     `json:"minimum,omitempty"`
}

// CSVFields are the columns of data/listings.csv, in order: the CSV writer and datapackage.json
// both use this list, so the file and its description cannot drift apart.
var CSVFields = []CSVField{
	required(CSVField{Name: "edition", Type: "string", Description: "the edition's id, such as ustr-2024"}),
	required(CSVField{Name: "publisher", Type: "string", Description: "the publisher's id: ustr or eu"}),
	required(CSVField{Name: "year", Type: "integer", Description: "the year the edition reviews"}),
	pattern(CSVField{Name: "published", Type: "string", Description: "publication date, YYYY-MM-DD, or YYYY-MM when only the month is known"}, `[0-9]{4}-[0-9]{2}(-[0-9]{2})?`),
	{Name: "edition_title", Type: "string", Description: "the edition's title"},
	{Name: "edition_url", Type: "string", Format: "uri", Description: "the official report"},
	required(CSVField{Name: "market", Type: "string", Description: "the market's slug; with edition, the row's key"}),
	{Name: "market_name", Type: "string", Description: "the market's name"},
	enum(CSVField{Name: "kind", Type: "string", Description: "online or physical"}, "online", "physical"),
	{Name: "country", Type: "string", Description: "ISO 3166-1 alpha-2 code, or empty"},
	{Name: "city", Type: "string", Description: "city of a physical market, or empty"},
	{Name: "categories", Type: "string", Description: "category ids, separated by single spaces"},
	{Name: "section", Type: "string", Description: "the report's heading the market appears under"},
	minimum(CSVField{Name: "report_page", Type: "integer", Description: "page number in the report, or empty"}, 1),
	{Name: "domains", Type: "string", Description: "the domains this edition names, separated by single spaces"},
	{Name: "summary", Type: "string", Description: "what the edition reported, in our own words (markdown, on one line); empty where not yet recorded"},
	{Name: "sources", Type: "string", Description: "addresses of the sources, separated by single spaces"},
	{Name: "market_page", Type: "string", Description: "the market's page, relative to the site's root"},
	// issue 29: where the city is, when data/places.yaml places it (GeoNames, CC BY 4.0)
	{Name: "latitude", Type: "number", Description: "latitude of the market's city in degrees (GeoNames), or empty"},
	{Name: "longitude", Type: "number", Description: "longitude of the market's city in degrees (GeoNames), or empty"},
	{Name: "geonames", Type: "string", Format: "uri", Description: "the GeoNames page of the market's city (the source of its coordinates; CC BY 4.0, credit GeoNames), or empty"},
	// issue 34: the summary's up-to-date translations (translations.go), one column per language
	{Name: "summary_es", Type: "string", Description: "the summary in Spanish (markdown, on one line), translated from the current English; empty where there is no up-to-date translation"},
	{Name: "summary_fr", Type: "string", Description: "the summary in French, as summary_es"},
	{Name: "summary_de", Type: "string", Description: "the summary in German, as summary_es"},
	{Name: "summary_zh-hans", Type: "string", Description: "the summary in Simplified Chinese, as summary_es"},
}

func required(f CSVField) CSVField {
	f.constraints().Required = true
	return f
}

func pattern(f CSVField, p string) CSVField {
	f.constraints().Pattern = p
	return f
}

func enum(f CSVField, values ...string) CSVField {
	f.constraints().Enum = values
	return f
}

func minimum(f CSVField, n int) CSVField {
	f.constraints().Minimum = &n
	return f
}

func (f *CSVField) constraints() *Constraints {
	if f.Constraints == nil {
		f.Constraints = &Constraints{}
	}
	return f.Constraints
}

// CSVHeader is the first row of data/listings.csv: the names of CSVFields.
var CSVHeader = header(CSVFields)

// header is the first row of a CSV file: its fields' names.
func header(fields []CSVField) []string {
	h := make([]string, len(fields))
	for i, f := range fields {
		h[i] = f.Name
	}
	return h
}

// writeRow writes a row of the CSV file named file, which must have a value per field.
func writeRow(w *csv.Writer, file string, row []string, fields []CSVField) error {
	if len(row) != len(fields) {
		return fmt.Errorf("%s: a row of %d values for %d columns", file, len(row), len(fields))
	}
	return w.Write(row)
}

// Each hands every open-data file (and the files' schemas and datapackage.json) to yield, in a stable order. A file's content is made only
// as it is written, a record at a time, so the data set is never held in memory as text.
func Each(site *model.Site, yield func(File) error) error {
	ms, err := newMarkets(site)
	if err != nil {
		return err
	}
	lookups := domainFiles(site, ms)
	index := make([]DomainEntry, len(lookups))
	for i, d := range lookups {
		index[i] = DomainEntry{Domain: d.Domain, Path: DomainsDir + d.Domain + ".json"}
	}
	if err := yield(jsonFile(DomainsJSON, func(d *doc) {
		d.header()
		d.list("domains", len(index), func(i int) (any, error) { return index[i], nil })
	})); err != nil {
		return err
	}
	for i := range lookups {
		f := lookups[i].file(ms)
		if err := yield(File{Path: index[i].Path, Write: func(w io.Writer) error {
			b, err := json.Marshal(f)
			if err != nil {
				return fmt.Errorf("open data %s: %w", index[i].Path, err)
			}
			_, err = w.Write(append(b, '\n'))
			return err
		}}); err != nil {
			return err
		}
	}
	for _, e := range site.Editions {
		if err := yield(jsonFile(EditionsDir+e.ID()+".json", func(d *doc) {
			d.header()
			d.field("publisher", publisher(e.Publisher), nil)
			d.field("edition", edition(site, e), nil)
			named := editionMarkets(e)
			d.list("markets", len(named), func(i int) (any, error) { return ms.rec[named[i]], nil })
		})); err != nil {
			return err
		}
	}
	if err := yield(File{Path: ListingsCSV, Write: func(w io.Writer) error { return listingsCSV(w, site) }}); err != nil {
		return err
	}
	if err := yield(File{Path: ResponsesCSV, Write: func(w io.Writer) error { return responsesCSV(w, site) }}); err != nil {
		return err
	}
	if err := yield(jsonFile(DatasetJSON, func(d *doc) {
		d.header()
		updated := ""
		for _, e := range site.Editions {
			updated = max(updated, e.Published)
		}
		d.field("updated", updated, nil)
		d.list("publishers", len(site.Publishers), func(i int) (any, error) { return publisher(site.Publishers[i]), nil })
		d.list("categories", len(site.Set.Categories), func(i int) (any, error) {
			c := site.Set.Categories[i]
			return Category{ID: c.ID, Label: c.Label}, nil
		})
		d.list("editions", len(site.Editions), func(i int) (any, error) { return edition(site, site.Editions[i]), nil })
		d.list("markets", len(site.Markets), func(i int) (any, error) { return ms.rec[site.Markets[i]], nil })
	})); err != nil {
		return err
	}
	if err := schemaFiles(yield); err != nil {
		return err
	}
	return yield(dataPackageFile(site))
}

// markets holds each market's record, which several files repeat.
type markets struct {
	rec map[*model.Market]*Market
}

func newMarkets(site *model.Site) (markets, error) {
	ms := markets{rec: make(map[*model.Market]*Market, len(site.Markets))}
	for _, m := range site.Markets {
		mm, err := market(site, m)
		if err != nil {
			return ms, err
		}
		ms.rec[m] = &mm
	}
	return ms, nil
}

// editionMarkets lists the markets an edition names, listed ones first, each once.
func editionMarkets(e *model.Edition) []*model.Market {
	var out []*model.Market
	seen := map[*model.Market]bool{}
	for _, l := range editionListings(e) {
		if !seen[l.Market] {
			seen[l.Market] = true
			out = append(out, l.Market)
		}
	}
	for _, d := range e.Developments {
		if !seen[d.Market] {
			seen[d.Market] = true
			out = append(out, d.Market)
		}
	}
	return out
}

// jsonFile is a file holding one JSON object that body writes.
func jsonFile(path string, body func(d *doc)) File {
	return File{Path: path, Write: func(w io.Writer) error {
		d := &doc{w: w}
		body(d)
		if d.err == nil {
			_, d.err = io.WriteString(w, "}\n")
		}
		if d.err != nil {
			return fmt.Errorf("open data %s: %w", path, d.err)
		}
		return nil
	}}
}

// doc writes a JSON object a field at a time: each field on its own line and each element of a
// list on its own line, so the files are compact yet easy to diff and grep.
type doc struct {
	w      io.Writer
	err    error
	fields int
}

// header writes the fields every file starts with.
func (d *doc) header() {
	d.field("schema_version", SchemaVersion, nil)
	d.field("documentation", DataPage, nil)
}

func (d *doc) key(name string) {
	sep := ",\n"
	if d.fields == 0 {
		sep = "{"
	}
	d.fields++
	d.write(sep + strconv.Quote(name) + ":")
}

// field writes a field whose value is v, unless err says v could not be made.
func (d *doc) field(name string, v any, err error) {
	d.key(name)
	d.value(v, err)
}

// list writes a list field of n elements, elem(i) giving each.
func (d *doc) list(name string, n int, elem func(i int) (any, error)) {
	d.key(name)
	if n == 0 {
		d.write("[]")
		return
	}
	d.write("[\n")
	for i := 0; i < n && d.err == nil; i++ {
		if i > 0 {
			d.write(",\n")
		}
		d.value(elem(i))
	}
	d.write("\n]")
}

// value writes v as JSON; a func(*doc) writes an object field by field.
func (d *doc) value(v any, err error) {
	if d.err == nil {
		d.err = err
	}
	if d.err != nil {
		return
	}
	if body, ok := v.(func(*doc)); ok {
		inner := &doc{w: d.w}
		body(inner)
		if d.err = inner.err; inner.fields == 0 {
			d.write("{")
		}
		d.write("}")
		return
	}
	b, err := json.Marshal(v)
	if d.err = err; err == nil {
		_, d.err = d.w.Write(b)
	}
}

func (d *doc) write(s string) {
	if d.err == nil {
		_, d.err = io.WriteString(d.w, s)
	}
}

// MarketPage is the path of a market's page, relative to the site's root.
func MarketPage(slug string) string { return "markets/" + slug + "/" }

// YearPage is the path of a year's page, relative to the site's root.
func YearPage(year int) string { return fmt.Sprintf("years/%d/", year) }

func publisher(p *model.Publisher) Publisher {
	return Publisher{ID: p.ID, Name: p.Name, Short: p.Short, List: p.List, URL: p.URL}
}

func editionListings(e *model.Edition) []*model.Listing {
	// entries in data order, as the report lists them
	var out []*model.Listing
	byEntry := map[*dataset.Entry]*model.Listing{}
	for _, l := range append(append([]*model.Listing{}, e.Online...), e.Physical...) {
		byEntry[l.Entry] = l
	}
	for i := range e.Entries {
		out = append(out, byEntry[&e.Entries[i]])
	}
	return out
}

// edition writes an edition (the Edition type) field by field, an entry at a time: an edition
// of a large list is too big to build whole.
func edition(site *model.Site, e *model.Edition) func(d *doc) {
	return func(d *doc) {
		d.field("id", e.ID(), nil)
		d.field("publisher", e.Publisher.ID, nil)
		d.field("year", e.Year, nil)
		d.field("title", e.Title, nil)
		d.field("published", e.Published, nil)
		d.field("url", e.URL, nil)
		d.field("page", YearPage(e.Year), nil)
		var counts *Counts
		if c := e.Counts; c.Online != nil || c.Physical != nil || c.Total != nil {
			counts = &Counts{Online: c.Online, Physical: c.Physical, Total: c.Total, Source: c.Source}
		}
		d.field("official_counts", counts, nil)
		d.field("sources", list(e.Sources), nil)
		d.field("recorded_in_full", Recorded{
			Online: model.SectionComplete(e, dataset.Online), Physical: model.SectionComplete(e, dataset.Physical),
			Source: e.FullyRecorded.Source,
		}, nil)
		d.field("new", slugs(e.New), nil)
		d.field("first_recorded", slugs(e.FirstRecorded), nil)
		d.field("returning", slugs(e.Returning), nil)
		d.field("dropped", slugs(e.Dropped), nil)
		d.field("unrecorded", slugs(e.Unrecorded), nil)
		listings := editionListings(e)
		d.list("entries", len(listings), func(i int) (any, error) {
			l := listings[i]
			doms, err := canonical(l.Domains)
			if err != nil {
				return nil, fmt.Errorf("edition %s, market %s: %w", e.ID(), l.Market.Slug, err)
			}
			en := Entry{Market: l.Market.Slug, Section: l.Section, Domains: doms, Summary: summary(l), Pending: l.Pending(), Sources: list(l.Sources), Heading: l.Heading}
			if !l.Pending() {
				en.Translations = translated(site, translation.Ref{Kind: translation.Entries, Edition: e.ID(), Key: l.Market.Slug}, l.Summary)
			}
			if l.Page > 0 {
				en.Page = &l.Page
			}
			return en, nil
		})
		d.list("developments", len(e.Developments), func(i int) (any, error) {
			dev := e.Developments[i]
			return Development{Market: dev.Market.Slug, Summary: strings.TrimSpace(dev.Summary), Sources: list(dev.Sources), Removed: dev.Removed,
				Translations: translated(site, translation.Ref{Kind: translation.Developments, Edition: e.ID(), Key: dev.Market.Slug}, dev.Summary)}, nil
		})
		if f := focus(site, e); f != nil {
			d.field("focus", f, nil)
		}
		if rs := editionResponses(site, e); len(rs) > 0 {
			d.field("responses", rs, nil)
		}
	}
}

func market(site *model.Site, m *model.Market) (Market, error) {
	mm := Market{
		Slug: m.Slug, Name: m.Name, Aliases: list(m.Aliases), FormerNames: list(m.FormerNames),
		Kind: m.Kind, Categories: list(m.Categories), Country: m.Country, City: m.City,
		Page: MarketPage(m.Slug), Current: m.Current(), Statuses: statuses(m), Sources: list(m.Sources),
		CategoriesNotStated: m.CategoriesNotStated, Responses: marketResponses(site, m),
	}
	for _, a := range m.Absences {
		mm.Absences = append(mm.Absences, Absence{Edition: a.Edition.ID(), Note: strings.TrimSpace(a.Note), Sources: list(a.Sources),
			Translations: translated(site, absenceRef(a), a.Note)})
	}
	if p := site.Places[gazetteer.Key(m.Country, m.City)]; p != nil && m.City != "" {
		mm.Place = &Place{Latitude: p.Lat, Longitude: p.Lon, GeoNames: p.GeoNames, Source: p.Source}
	}
	var err error
	if mm.Domains.Current, err = canonical(m.Domains.Current); err != nil {
		return mm, fmt.Errorf("market %s: %w", m.Slug, err)
	}
	if mm.Domains.Former, err = canonical(m.Domains.Former); err != nil {
		return mm, fmt.Errorf("market %s: %w", m.Slug, err)
	}
	if mm.Domains.Mirrors, err = canonical(m.Domains.Mirrors); err != nil {
		return mm, fmt.Errorf("market %s: %w", m.Slug, err)
	}
	return mm, nil
}

func statuses(m *model.Market) []Status {
	out := []Status{}
	for _, s := range m.Statuses {
		out = append(out, Status{Publisher: s.Publisher.ID, Years: s.Years, Last: s.Last.Year, Current: s.Current})
	}
	return out
}

// Relations of a domain to a market, in the order a look-up file lists them.
const (
	RelationCurrent = "current"
	RelationFormer  = "former"
	RelationMirror  = "mirror"
)

// lookup is one listed domain and the markets that use or used it.
type lookup struct {
	Domain string
	uses   []use
}

type use struct {
	market   *model.Market
	relation string
}

func domainFiles(site *model.Site, ms markets) []lookup {
	byDomain := map[string]*lookup{}
	for _, m := range site.Markets {
		mm := ms.rec[m]
		for _, g := range []struct {
			relation string
			domains  []string
		}{{RelationCurrent, mm.Domains.Current}, {RelationFormer, mm.Domains.Former}, {RelationMirror, mm.Domains.Mirrors}} {
			for _, d := range g.domains {
				l := byDomain[d]
				if l == nil {
					l = &lookup{Domain: d}
					byDomain[d] = l
				}
				l.uses = append(l.uses, use{m, g.relation})
			}
		}
	}
	out := make([]lookup, 0, len(byDomain))
	for _, l := range byDomain {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Domain < out[j].Domain })
	return out
}

// file is the look-up file of a domain.
func (l lookup) file(ms markets) DomainFile {
	f := DomainFile{SchemaVersion: SchemaVersion, Documentation: DataPage, Domain: l.Domain, Unicode: domain.Unicode(l.Domain)}
	for _, u := range l.uses {
		mm := ms.rec[u.market]
		f.Markets = append(f.Markets, DomainMarket{Slug: mm.Slug, Name: mm.Name, Relation: u.relation, Page: mm.Page, Current: mm.Current, Statuses: mm.Statuses})
		f.Current = f.Current || mm.Current
	}
	return f
}

func listingsCSV(out io.Writer, site *model.Site) error {
	w := csv.NewWriter(out)
	if err := w.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range site.Editions {
		for _, l := range editionListings(e) {
			m := l.Market
			doms, err := canonical(l.Domains)
			if err != nil {
				return err
			}
			page := ""
			if l.Page > 0 {
				page = strconv.Itoa(l.Page)
			}
			row := []string{
				e.ID(), e.Publisher.ID, strconv.Itoa(e.Year), e.Published, e.Title, e.URL,
				m.Slug, m.Name, m.Kind, m.Country, m.City, strings.Join(m.Categories, " "),
				l.Section, page, strings.Join(doms, " "), oneLine(summary(l)), strings.Join(l.Sources, " "), MarketPage(m.Slug),
			}
			row = append(row, placeColumns(site, m.Market)...)
			row = append(row, translationColumns(site, e, l)...)
			if err := writeRow(w, "listings.csv", row, CSVFields); err != nil {
				return err
			}
		}
	}
	w.Flush()
	return w.Error()
}

// oneLine joins a summary's lines so each CSV row is one line of text.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func canonical(domains []string) ([]string, error) {
	out := []string{}
	for _, d := range domains {
		c, err := domain.Canonical(d)
		if err != nil {
			return nil, fmt.Errorf("domain %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

func slugs(ms []*model.Market) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Slug)
	}
	return out
}

// list returns a non-nil copy, so that JSON always has an array where the schema says list.
func list[T any](xs []T) []T {
	return append([]T{}, xs...)
}

// placeColumns are a listing's latitude, longitude and geonames columns (issue 29): empty
// unless data/places.yaml places the market's city.
func placeColumns(site *model.Site, m *dataset.Market) []string {
	p := site.Places[gazetteer.Key(m.Country, m.City)]
	if p == nil || m.City == "" {
		return []string{"", "", ""}
	}
	return []string{strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64), p.Source}
}
