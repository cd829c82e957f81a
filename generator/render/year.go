package render

import (
	"fmt"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/mdhtml"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

type yearPage struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Weight      int        `json:"weight"`
	Params      yearParams `json:"params"`
}

type yearParams struct {
	Year     int            `json:"year"`
	Editions []editionFront `json:"editions"`
	Listing  []yearEdition  `json:"listing"`
	// Translated are the languages into which every summary of the page is translated: the
	// page in them needs no notice that summaries are in English.
	Translated []string `json:"translated,omitempty"`
}

// yearEdition is what a year page lists of one edition: what changed since the publisher's
// previous edition, and its markets with what the report said. The template writes it in the
// reader's language around the names and summaries, which stay in English.
type yearEdition struct {
	ID            string      `json:"id"`
	Publisher     string      `json:"publisher"`
	PublisherName string      `json:"publisher_name"`
	List          string      `json:"list"`
	Title         string      `json:"title"`
	Published     string      `json:"published"`
	URL           string      `json:"url"`
	Previous      int         `json:"previous,omitempty,omitzero"`
	Partly        []int       `json:"partly,omitempty,omitzero"` // of Previous and this year, those only partly recorded
	New           []marketRef `json:"new"`
	FirstRecorded []marketRef `json:"first_recorded"` // listed, but earlier editions too partly recorded to call it new
	Returning     []marketRef `json:"returning"`
	Dropped       []marketRef `json:"dropped"`
	Unrecorded    []marketRef `json:"unrecorded"` // in the previous edition, not recorded in this partly recorded one
	Online        []yearEntry `json:"online"`
	Physical      []yearEntry `json:"physical"`
	Developments  []yearEntry `json:"developments"`
	// Absent are markets a source says the edition did not list, with those sources (issue 26).
	Absent []yearAbsence `json:"absent,omitempty,omitzero"`
	// Focus is the edition's issue focus; Responses, every response answering the edition,
	// for the page and the feed (issue 36).
	Focus     *focusFront     `json:"focus,omitempty,omitzero"`
	Responses []responseFront `json:"responses,omitempty,omitzero"`
}

// yearAbsence is a market a source says an edition did not list.
type yearAbsence struct {
	Name    string      `json:"name"`
	Slug    string      `json:"slug"`
	Sources []sourceRef `json:"sources"`
}

// marketRef names a market and its page.
type marketRef struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// yearEntry is a market an edition names, with where and what it said.
type yearEntry struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Section     string `json:"section,omitempty,omitzero"`
	Page        int    `json:"page,omitempty,omitzero"`
	Summary     string `json:"summary,omitempty,omitzero"`      // markdown, when only Hugo renders it as the site does
	SummaryHTML string `json:"summary_html,omitempty,omitzero"` // else the summary as Hugo renders it inline (mdhtml)
	Pending     string `json:"pending,omitempty,omitzero"`      // a listing-only entry: the report at its page (pending.go)
	// Tr are the summary's up-to-date translations, by language (translations.go).
	Tr map[string]trText `json:"tr,omitempty,omitzero"`
}

// newYearEntry is a yearEntry with its summary, and its translations, rendered where the
// generator can.
func newYearEntry(site *model.Site, r translation.Ref, name, section string, page int, summary string) yearEntry {
	t := rendered(summary, mdhtml.Inline)
	e := yearEntry{Name: name, Slug: r.Key, Section: section, Page: page, Summary: t.Summary, SummaryHTML: t.SummaryHTML}
	e.Tr = translations(site, r, summary, mdhtml.Inline)
	return e
}

// editionFront is an edition's facts, shared by the year pages and the home page.
type editionFront struct {
	ID            string `json:"id"`
	Publisher     string `json:"publisher"`
	PublisherName string `json:"publisher_name"`
	List          string `json:"list"`
	Year          int    `json:"year"`
	Title         string `json:"title"`
	Published     string `json:"published"`
	PublishedText string `json:"published_text"`
	URL           string `json:"url"`
	Online        int    `json:"online"`
	Physical      int    `json:"physical"`
	OfficialOnl   *int   `json:"official_online,omitempty,omitzero"`
	OfficialPhys  *int   `json:"official_physical,omitempty,omitzero"`
	OfficialTotal *int   `json:"official_total,omitempty,omitzero"`
	New           int    `json:"new"`
	FirstRecorded int    `json:"first_recorded"` // listed, but earlier editions too partly recorded to call it new
	Returning     int    `json:"returning"`
	Dropped       int    `json:"dropped"`
	Unrecorded    int    `json:"unrecorded"`                  // in the previous edition, not recorded in this partly recorded one
	Complete      bool   `json:"complete"`                    // every market of the edition is recorded (model.Complete)
	Recorded      int    `json:"recorded"`                    // online + physical recorded here
	OfficialKnown *int   `json:"official,omitempty,omitzero"` // the official total, given or summed from the sections
	Previous      int    `json:"previous,omitempty,omitzero"` // year of the publisher's previous edition
	Focus         string `json:"focus,omitempty,omitzero"`    // the title of the edition's issue focus (issue 36)
	// FocusTr are the focus title's up-to-date translations, by language (plain text).
	FocusTr map[string]string `json:"focus_translations,omitempty,omitzero"`
}

func editionFacts(site *model.Site, e *model.Edition) editionFront {
	f := editionFront{
		ID: e.ID(), Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
		Year: e.Year, Title: e.Title, Published: e.Published, PublishedText: e.PublishedText(), URL: e.URL,
		Online: len(e.Online), Physical: len(e.Physical),
		OfficialOnl: e.Counts.Online, OfficialPhys: e.Counts.Physical, OfficialTotal: e.Counts.Total,
		New: len(e.New), FirstRecorded: len(e.FirstRecorded), Returning: len(e.Returning), Dropped: len(e.Dropped),
		Unrecorded: len(e.Unrecorded), Complete: model.Complete(e), Recorded: len(e.Online) + len(e.Physical),
		OfficialKnown: model.EditionCount(e).Official,
	}
	if e.Previous != nil {
		f.Previous = e.Previous.Year
	}
	if e.Focus != nil {
		f.Focus, f.FocusTr = e.Focus.Title, focusTitles(site, e)
	}
	return f
}

func yearFront(site *model.Site, y *model.Year) yearPage {
	p := yearPage{Title: fmt.Sprint(y.Year), Weight: -y.Year, Params: yearParams{Year: y.Year}}
	var names []string
	for _, e := range y.Editions {
		p.Params.Editions = append(p.Params.Editions, editionFacts(site, e))
		p.Params.Listing = append(p.Params.Listing, yearListing(site, e))
		names = append(names, fmt.Sprintf("the %s %s (%s)", e.Publisher.Short, e.Publisher.List, recordedText(e)))
	}
	var summaries []map[string]trText
	for _, l := range p.Params.Listing {
		for _, group := range [][]yearEntry{l.Online, l.Physical, l.Developments} {
			for _, e := range group {
				if e.Pending == "" {
					summaries = append(summaries, e.Tr)
				}
			}
		}
		if f := l.Focus; f != nil {
			summaries = append(summaries, f.Tr, titleTr(f.TitleTr))
		}
		for _, r := range l.Responses {
			summaries = append(summaries, r.Tr)
		}
	}
	p.Params.Translated = translatedIn(summaries)
	p.Description = fmt.Sprintf("Markets reported for %d on %s.", y.Year, strings.Join(names, " and "))
	return p
}

// yearListing is an edition's markets, grouped online and physical, and what changed.
func yearListing(site *model.Site, e *model.Edition) yearEdition {
	refs := func(ms []*model.Market) []marketRef {
		out := []marketRef{}
		for _, m := range ms {
			out = append(out, marketRef{Name: m.Name, Slug: m.Slug})
		}
		return out
	}
	entries := func(ls []*model.Listing) []yearEntry {
		out := []yearEntry{}
		for _, l := range ls {
			if l.Pending() {
				out = append(out, yearEntry{Name: l.Market.Name, Slug: l.Market.Slug, Section: l.Section, Page: l.Page, Pending: pendingLink(l)})
				continue
			}
			out = append(out, newYearEntry(site, translation.Ref{Kind: translation.Entries, Edition: e.ID(), Key: l.Market.Slug}, l.Market.Name, l.Section, l.Page, l.Summary))
		}
		return out
	}
	y := yearEdition{
		ID: e.ID(), Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
		Title: e.Title, Published: e.Published, URL: linkURL(e.URL),
		New: refs(e.New), FirstRecorded: refs(e.FirstRecorded), Returning: refs(e.Returning), Dropped: refs(e.Dropped),
		Unrecorded: refs(e.Unrecorded),
		Online:     entries(e.Online), Physical: entries(e.Physical), Developments: []yearEntry{},
		Focus: newFocus(site, e), Responses: responses(site, e.Responses),
	}
	if e.Previous != nil {
		y.Previous = e.Previous.Year
		for _, ed := range []*model.Edition{e.Previous, e} {
			if !model.Complete(ed) {
				y.Partly = append(y.Partly, ed.Year)
			}
		}
	}
	for _, d := range e.Developments {
		y.Developments = append(y.Developments, newYearEntry(site, translation.Ref{Kind: translation.Developments, Edition: e.ID(), Key: d.Market.Slug}, d.Market.Name, "", 0, d.Summary))
	}
	for _, a := range e.Absences() {
		ya := yearAbsence{Name: a.Market.Name, Slug: a.Market.Slug}
		for _, s := range a.Sources {
			ya.Sources = append(ya.Sources, sourceRef{Name: sourceName(s), URL: linkURL(s)})
		}
		y.Absent = append(y.Absent, ya)
	}
	return y
}

// recordedText says how many of an edition's markets are recorded: "69 markets", "13 of 69
// markets recorded", or "16 markets recorded; official count not published".
func recordedText(e *model.Edition) string {
	c := model.EditionCount(e)
	switch {
	case model.Complete(e):
		return fmt.Sprintf("%d markets", c.Recorded)
	case c.Official == nil:
		return fmt.Sprintf("%d markets recorded; official count not published", c.Markets)
	}
	return fmt.Sprintf("%d of %d markets recorded", c.Recorded, *c.Official)
}
