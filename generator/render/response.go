package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/mdhtml"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// responseFront is a public response to a listing (issue 36), as every page shows it: who,
// when, the edition it answers, what they said (our summary) and the pages read. The market
// page shows it beside the entry it answers, the year page under its edition, the feed and the
// check from the same fields; layouts/_partials/response.html writes it.
type responseFront struct {
	ID                string      `json:"id"` // unique on the site: the feed's guid
	Edition           string      `json:"edition"`
	EditionTitle      string      `json:"edition_title"`
	Year              int         `json:"year"`
	Publisher         string      `json:"publisher"`
	List              string      `json:"list"`
	By                string      `json:"by"`
	Date              string      `json:"date"`
	Disputes          bool        `json:"disputes,omitempty,omitzero"`
	BeforePublication bool        `json:"before_publication,omitempty,omitzero"`
	Markets           []marketRef `json:"markets"`

	// ByTr is who responded in other languages, where the up-to-date translation of the
	// summary gives a `by` (data/translations/): the pages show the English By elsewhere.
	ByTr map[string]string `json:"by_tr,omitempty,omitzero"`

	// Lang is the language of the summary, "en": the templates mark it so on other languages'
	// pages that have no translation of it (Tr).
	Lang        string `json:"lang"`
	Summary     string `json:"summary,omitempty,omitzero"`      // markdown, when only Hugo renders it as the site does
	SummaryHTML string `json:"summary_html,omitempty,omitzero"` // else the summary as Hugo renders it (mdhtml)
	// Tr are the summary's up-to-date translations, by language (translations.go).
	Tr      map[string]trText `json:"tr,omitempty,omitzero"`
	Sources []sourceRef       `json:"sources"`
}

// newResponse is the one place a response's summary is rendered, with its translations (issue
// 34), keyed as data/translations/<lang>/<edition>.yaml keys them (responseRef).
func newResponse(site *model.Site, r *model.Response) responseFront {
	e := r.Edition
	f := responseFront{
		ID: r.ID(), Edition: e.ID(), EditionTitle: e.Title, Year: e.Year,
		Publisher: e.Publisher.Short, List: e.Publisher.List, By: r.By, Date: r.Date,
		Disputes: r.Disputes, BeforePublication: r.BeforePublication,
		Markets: []marketRef{}, Lang: "en",
	}
	for _, m := range r.Markets {
		f.Markets = append(f.Markets, marketRef{Name: m.Name, Slug: m.Slug})
	}
	t := rendered(r.Summary, mdhtml.Block)
	f.Summary, f.SummaryHTML = t.Summary, t.SummaryHTML
	f.Tr = translations(site, responseRef(r), r.Summary, mdhtml.Block)
	f.ByTr = site.Translations.Bys(responseRef(r), r.Summary)
	f.Sources = sourceRefs(r.Sources)
	return f
}

// responseRef finds a response's translations: under `responses:` in the translation file of
// the edition it answers, by the key of the file that records it.
func responseRef(r *model.Response) translation.Ref {
	return translation.Ref{Kind: translation.Responses, Edition: r.Edition.ID(), Key: r.Key()}
}

// sourceRefs are the links to sources' pages, never nil.
func sourceRefs(sources []string) []sourceRef {
	out := []sourceRef{}
	for _, s := range sources {
		out = append(out, sourceRef{Name: sourceName(s), URL: linkURL(s)})
	}
	return out
}

// responses renders responses in the order given.
func responses(site *model.Site, rs []*model.Response) []responseFront {
	out := []responseFront{}
	for _, r := range rs {
		out = append(out, newResponse(site, r))
	}
	return out
}

// checkResponse is a response as the check says it: one line, "<by> disputes this listing"
// or "<by> responded", with its list, year and sources.
type checkResponse struct {
	By        string      `json:"by"`
	Disputes  bool        `json:"disputes"`
	Publisher string      `json:"publisher"` // the check names the list in its language from both
	List      string      `json:"list"`
	Year      int         `json:"year"`
	Sources   []sourceRef `json:"sources"`

	ByTr map[string]string `json:"by_tr,omitempty,omitzero"` // as responseFront.ByTr
}

// checkResponses takes only what the check says from each response: its summary is neither
// rendered nor translated here.
func checkResponses(site *model.Site, m *model.Market) []checkResponse {
	var out []checkResponse
	for _, r := range m.Responses {
		e := r.Edition
		out = append(out, checkResponse{By: r.By, ByTr: site.Translations.Bys(responseRef(r), r.Summary), Disputes: r.Disputes,
			Publisher: e.Publisher.Short, List: e.Publisher.List, Year: e.Year, Sources: sourceRefs(r.Sources)})
	}
	return out
}

// focusFront is an edition's issue focus (issue 36): its title and summary in English, with
// their up-to-date translations.
type focusFront struct {
	Title       string            `json:"title"`
	TitleTr     map[string]string `json:"title_tr,omitempty,omitzero"` // plain text, by language
	Lang        string            `json:"lang"`                        // as responseFront.Lang
	Summary     string            `json:"summary,omitempty,omitzero"`
	SummaryHTML string            `json:"summary_html,omitempty,omitzero"`
	Tr          map[string]trText `json:"tr,omitempty,omitzero"`
	Sources     []sourceRef       `json:"sources"`
}

// newFocus is the one place an edition's focus is rendered, or nil where none is recorded.
func newFocus(site *model.Site, e *model.Edition) *focusFront {
	if e.Focus == nil {
		return nil
	}
	f := &focusFront{Title: e.Focus.Title, TitleTr: focusTitles(site, e), Lang: "en", Sources: sourceRefs(e.Focus.Sources)}
	t := rendered(e.Focus.Summary, mdhtml.Block)
	f.Summary, f.SummaryHTML = t.Summary, t.SummaryHTML
	f.Tr = translations(site, translation.Ref{Kind: translation.Focus, Edition: e.ID()}, e.Focus.Summary, mdhtml.Block)
	return f
}

// focusTitles are the up-to-date translations of an edition's focus title, by language (plain
// text, as the English is shown), or nil.
func focusTitles(site *model.Site, e *model.Edition) map[string]string {
	if e.Focus == nil {
		return nil
	}
	return trimmed(site.Translations.Texts(translation.Ref{Kind: translation.FocusTitle, Edition: e.ID()}, e.Focus.Title))
}

// titleTr are a title's translations as translatedIn counts them.
func titleTr(texts map[string]string) map[string]trText {
	out := map[string]trText{}
	for lang, t := range texts {
		out[lang] = trText{Summary: t}
	}
	return out
}

// withResponses puts each of the market's responses beside the item of the edition it answers:
// its listing, else its development, else an item of its own at the edition's year.
func withResponses(site *model.Site, items []historyItem, m *model.Market) []historyItem {
	for _, r := range m.Responses {
		at := -1
		for i, h := range items {
			if h.edition == r.Edition && (at < 0 || !h.Development) {
				at = i
			}
		}
		if at < 0 {
			e := r.Edition
			items = append(items, historyItem{
				Year: e.Year, Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
				Edition: e.Title, URL: linkURL(e.URL), Published: e.Published, Sources: []sourceRef{},
				Response: true, edition: e,
			})
			at = len(items) - 1
		}
		items[at].Responses = append(items[at].Responses, newResponse(site, r))
	}
	return items
}

// respondedYears are the years of a list's editions that the market's responses answer, for its
// timeline's table: "2016", "–" where none does, or "" where the market has no response at all.
func respondedYears(m *model.Market, p *model.Publisher) string {
	if len(m.Responses) == 0 {
		return ""
	}
	var years []string
	for _, r := range m.Responses {
		y := strconv.Itoa(r.Edition.Year)
		if r.Edition.Publisher == p && !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	return cmp.Or(strings.Join(years, ", "), "–")
}
