package opendata

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// ResponsesCSV is data/responses.csv: one row per public response (issue 36) and market it
// concerns.
const ResponsesCSV = "data/responses.csv"

// Response is a public response to an edition's listing (optional fields of schema v1, since
// issue 36): in a market's record, answering Edition; in an edition's record, answering the
// edition as a whole and naming Markets.
type Response struct {
	Edition           string   `json:"edition,omitempty"`
	Markets           []string `json:"markets,omitempty"`
	By                string   `json:"by"`
	Date              string   `json:"date"`
	Disputes          bool     `json:"disputes"`
	BeforePublication bool     `json:"before_publication"`
	Summary           string   `json:"summary"`
	// Translations are the summary's up-to-date translations, by language (issue 34).
	Translations map[string]string `json:"summary_translations,omitempty"`
	Sources      []string          `json:"sources"`
}

// Focus is an edition's issue focus (an optional field of schema v1, since issue 36).
type Focus struct {
	Title string `json:"title"`
	// TitleTranslations and Translations are the title's and the summary's up-to-date
	// translations, by language (issue 34).
	TitleTranslations map[string]string `json:"title_translations,omitempty"`
	Summary           string            `json:"summary"`
	Translations      map[string]string `json:"summary_translations,omitempty"`
	Sources           []string          `json:"sources"`
}

func focus(site *model.Site, e *model.Edition) *Focus {
	if e.Focus == nil {
		return nil
	}
	return &Focus{Title: e.Focus.Title, Summary: strings.TrimSpace(e.Focus.Summary), Sources: list(e.Focus.Sources),
		TitleTranslations: translated(site, translation.Ref{Kind: translation.FocusTitle, Edition: e.ID()}, e.Focus.Title),
		Translations:      translated(site, translation.Ref{Kind: translation.Focus, Edition: e.ID()}, e.Focus.Summary)}
}

func response(site *model.Site, r *model.Response) Response {
	out := Response{By: r.By, Date: r.Date, Disputes: r.Disputes, BeforePublication: r.BeforePublication,
		Summary: strings.TrimSpace(r.Summary), Sources: list(r.Sources)}
	if r.Market != nil {
		out.Edition = r.Edition.ID()
	} else {
		out.Markets = slugs(r.Markets)
	}
	out.Translations = translated(site, translation.Ref{Kind: translation.Responses, Edition: r.Edition.ID(), Key: r.Key()}, r.Summary)
	return out
}

// marketResponses are the responses recorded in a market's own file.
func marketResponses(site *model.Site, m *model.Market) []Response {
	var out []Response
	for _, r := range m.Responses {
		if r.Market == m {
			out = append(out, response(site, r))
		}
	}
	return out
}

// editionResponses are the responses recorded in an edition's file.
func editionResponses(site *model.Site, e *model.Edition) []Response {
	var out []Response
	for _, r := range e.Responses {
		if r.Market == nil {
			out = append(out, response(site, r))
		}
	}
	return out
}

// ResponseFields are the columns of data/responses.csv, in order, for the writer and
// datapackage.json alike.
var ResponseFields = []CSVField{
	required(CSVField{Name: "id", Type: "string", Description: "the response's id: the edition it answers, the market whose file records it (or the edition, for a response to the edition as a whole) and its number among that file's responses to the edition, as in ustr-2016-taobao-0"}),
	required(CSVField{Name: "edition", Type: "string", Description: "the id of the edition the response answers, such as ustr-2016"}),
	required(CSVField{Name: "market", Type: "string", Description: "the slug of a market the response concerns; a response to an edition as a whole has a row per market it names"}),
	required(CSVField{Name: "by", Type: "string", Description: "who responded: the market's operator, its parent company, a government body"}),
	pattern(CSVField{Name: "date", Type: "string", Description: "the date of the response as its source gives it, YYYY-MM-DD or YYYY-MM"}, `[0-9]{4}-[0-9]{2}(-[0-9]{2})?`),
	enum(CSVField{Name: "disputes", Type: "string", Description: "true where the responder disputed or rejected the listing, else false"}, "true", "false"),
	enum(CSVField{Name: "before_publication", Type: "string", Description: "true where the source says the response came before the edition was published, else false"}, "true", "false"),
	enum(CSVField{Name: "recorded_in", Type: "string", Description: "market: recorded in the market's file, answering its listing; edition: a response to the edition as a whole"}, "market", "edition"),
	{Name: "summary", Type: "string", Description: "what the responder said, in our own words (markdown, on one line); short quotes marked as quotes"},
	{Name: "sources", Type: "string", Description: "addresses of the sources, separated by single spaces"},
	{Name: "market_page", Type: "string", Description: "the market's page, relative to the site's root"},
}

// responsesCSV writes data/responses.csv: by edition, then each edition's responses by date.
func responsesCSV(out io.Writer, site *model.Site) error {
	w := csv.NewWriter(out)
	if err := w.Write(header(ResponseFields)); err != nil {
		return err
	}
	for _, e := range site.Editions {
		for _, r := range e.Responses {
			in := "edition"
			if r.Market != nil {
				in = "market"
			}
			for _, m := range r.Markets {
				row := []string{r.ID(), e.ID(), m.Slug, r.By, r.Date, strconv.FormatBool(r.Disputes), strconv.FormatBool(r.BeforePublication), in,
					oneLine(r.Summary), strings.Join(r.Sources, " "), MarketPage(m.Slug)}
				if err := writeRow(w, "responses.csv", row, ResponseFields); err != nil {
					return err
				}
			}
		}
	}
	w.Flush()
	return w.Error()
}
