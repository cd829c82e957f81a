package opendata

import (
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// translated returns the up-to-date translations of an English text, trimmed as the English
// is, by language; nil where there are none (issue 34).
func translated(site *model.Site, r translation.Ref, english string) map[string]string {
	texts := site.Translations.Texts(r, english)
	for lang, t := range texts {
		texts[lang] = strings.TrimSpace(t)
	}
	return texts
}

// absenceRef names the English of an absence: a market's absence note is translated under the
// first edition of its editions, a removal under its development.
func absenceRef(a *model.Absence) translation.Ref {
	if a.Development != nil {
		return translation.Ref{Kind: translation.Developments, Edition: a.Edition.ID(), Key: a.Market.Slug}
	}
	return translation.Ref{Kind: translation.Absences, Edition: a.Absence.Editions[0], Key: a.Market.Slug}
}

// translationColumns are a listings.csv row's summary_<lang> columns, in translation.Langs
// order: the entry's up-to-date translations, on one line, or empty.
func translationColumns(site *model.Site, e *model.Edition, l *model.Listing) []string {
	cols := make([]string, len(translation.Langs))
	if l.Pending() {
		return cols
	}
	texts := site.Translations.Texts(translation.Ref{Kind: translation.Entries, Edition: e.ID(), Key: l.Market.Slug}, l.Summary)
	for i, lang := range translation.Langs {
		cols[i] = oneLine(texts[lang])
	}
	return cols
}
