// Package dataset holds the watchlist data as read from data/: publishers, categories,
// markets and editions, each remembering where in which file its fields were written.
package dataset

import (
	"fmt"
	"time"
)

// Set is everything read from one data/ folder.
type Set struct {
	Dir        string
	Publishers []*Publisher
	Categories []*Category
	Markets    []*Market       // sorted by slug
	Editions   []*Edition      // sorted by year, then publisher
	Unread     map[string]bool // slugs of market files that exist but could not be read
}

// Publisher is an organisation that publishes a watchlist.
type Publisher struct {
	ID    string `yaml:"id"`
	Name  string `yaml:"name"`
	Short string `yaml:"short"`
	List  string `yaml:"list"`
	URL   string `yaml:"url"`
	Pos   `yaml:"-"`
}

// Category is one term of the fixed category vocabulary.
type Category struct {
	ID          string `yaml:"id"`
	Label       string `yaml:"label"`
	Description string `yaml:"description"`
	Pos         `yaml:"-"`
}

// Market is one online or physical market, shared by every edition that lists it.
type Market struct {
	Slug        string   `yaml:"-"`
	Name        string   `yaml:"name"`
	Aliases     []string `yaml:"aliases"`
	FormerNames []string `yaml:"former_names"`
	Kind        string   `yaml:"kind"`
	Categories  []string `yaml:"categories"`
	Country     string   `yaml:"country"`
	City        string   `yaml:"city"`
	Domains     Domains  `yaml:"domains"`
	Sources     []string `yaml:"sources"`
	// CategoriesNotStated says that no source read states the market's category; categories
	// is then empty (issue 26).
	CategoriesNotStated bool `yaml:"categories_not_stated"`
	// Absences are editions a source says did not list the market (issue 26).
	Absences []Absence `yaml:"absences"`
	// Responses are what the market's operator or others said of its listings (issue 36).
	Responses []Response `yaml:"responses"`
	Pos       `yaml:"-"`
}

// Absence is a statement, by the sources it cites, that editions of a list did not name the
// market: a removal, a return "after four years", "no longer on the list".
type Absence struct {
	Editions []string `yaml:"editions"` // edition ids, as their files are named: ustr-2013
	Note     string   `yaml:"note"`     // what the sources say, in our own words
	Sources  []string `yaml:"sources"`
}

// Domains are a market's registrable domain names.
type Domains struct {
	Current []string `yaml:"current"`
	Former  []string `yaml:"former"`
	Mirrors []string `yaml:"mirrors"`
}

// All returns every domain of the market: current, then former, then mirrors.
func (d Domains) All() []string {
	all := make([]string, 0, len(d.Current)+len(d.Former)+len(d.Mirrors))
	all = append(all, d.Current...)
	all = append(all, d.Former...)
	return append(all, d.Mirrors...)
}

// Kinds of market.
const (
	Online   = "online"
	Physical = "physical"
)

// Edition is one published edition of a publisher's watchlist.
type Edition struct {
	Publisher     string        `yaml:"publisher"`
	Year          int           `yaml:"year"`
	Title         string        `yaml:"title"`
	Published     string        `yaml:"published"`
	URL           string        `yaml:"url"`
	Report        Report        `yaml:"report"`
	Counts        Counts        `yaml:"counts"`
	FullyRecorded FullyRecorded `yaml:"fully_recorded"`
	Sources       []string      `yaml:"sources"`
	Entries       []Entry       `yaml:"entries"`
	Developments  []Development `yaml:"developments"`
	// Focus is the edition's issue focus, if a source names one (issue 36).
	Focus *Focus `yaml:"focus"`
	// Responses answer the edition as a whole, each naming the markets it concerns (issue 36).
	Responses []Response `yaml:"responses"`
	Pos       `yaml:"-"`
}

// ID names the edition as its file does: "ustr-2016".
func (e *Edition) ID() string { return editionID(e.Publisher, e.Year) }

// Counts are the official numbers of markets an edition lists, where a source gives them.
type Counts struct {
	Online   *int   `yaml:"online"`
	Physical *int   `yaml:"physical"`
	Total    *int   `yaml:"total"`
	Source   string `yaml:"source"`
}

// FullyRecorded names the sections (online, physical) of an edition whose official count is
// unknown but that are recorded in full, with the source that shows it.
type FullyRecorded struct {
	Sections []string `yaml:"sections"`
	Source   string   `yaml:"source"`
}

// Declares reports whether the edition's data says the section of the given kind is recorded in full.
func (f FullyRecorded) Declares(kind string) bool {
	for _, s := range f.Sections {
		if s == kind {
			return true
		}
	}
	return false
}

// Entry is one market as listed in one edition.
type Entry struct {
	Market  string   `yaml:"market"`
	Section string   `yaml:"section"`
	Heading string   `yaml:"heading"` // the report's heading when it groups several markets (issue 26)
	Page    int      `yaml:"page"`
	Domains []string `yaml:"domains"`
	Summary string   `yaml:"summary"`
	Sources []string `yaml:"sources"`
}

// Development is a market an edition names as a positive development (closed, removed, cooperating).
type Development struct {
	Market  string   `yaml:"market"`
	Summary string   `yaml:"summary"`
	Sources []string `yaml:"sources"`
	// Removed says the sources report the market taken off the list in this edition, so the
	// edition does not list it (issue 26). A development without it says nothing of the list.
	Removed bool `yaml:"removed"`
}

// Market returns the market with the given slug, or nil.
func (s *Set) Market(slug string) *Market {
	for lo, hi := 0, len(s.Markets); lo < hi; {
		mid := (lo + hi) / 2
		switch m := s.Markets[mid]; {
		case m.Slug == slug:
			return m
		case m.Slug < slug:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return nil
}

// Edition returns the edition with the given id (ustr-2016), or nil.
func (s *Set) Edition(id string) *Edition {
	for _, e := range s.Editions {
		if e.ID() == id {
			return e
		}
	}
	return nil
}

// Publisher returns the publisher with the given id, or nil.
func (s *Set) Publisher(id string) *Publisher {
	for _, p := range s.Publishers {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Category returns the category with the given id, or nil.
func (s *Set) Category(id string) *Category {
	for _, c := range s.Categories {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func editionID(publisher string, year int) string { return fmt.Sprintf("%s-%d", publisher, year) }

// PublishedDate parses the publication date, written as YYYY-MM-DD or, where only the month
// is known, YYYY-MM. It reports whether the day is known.
func (e *Edition) PublishedDate() (date time.Time, dayKnown bool, err error) {
	return parseDate(e.Published)
}

// parseDate parses a date written YYYY-MM-DD or YYYY-MM, reporting whether the day is known.
func parseDate(s string) (date time.Time, dayKnown bool, err error) {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, true, nil
	}
	d, err := time.Parse("2006-01", s)
	return d, false, err
}

// PublishedText is the publication date for readers: "21 December 2016" or "December 2015".
func (e *Edition) PublishedText() string {
	d, day, err := e.PublishedDate()
	switch {
	case err != nil:
		return e.Published
	case day:
		return d.Format("2 January 2006")
	}
	return d.Format("January 2006")
}

// SummaryPlaceholder marks a summary not yet written: `generator import` leaves it in every
// entry it drafts, and validation rejects it, so that a person writes each summary.
const SummaryPlaceholder = "TODO(import): write this summary in your own words"
