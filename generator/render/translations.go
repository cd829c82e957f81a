package render

import (
	"slices"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// trText is a summary's up-to-date translation into one language (data/translations/, issue
// 34), held as the English is: markdown where only Hugo renders it as the site does, else HTML.
type trText struct {
	Summary     string `json:"summary,omitempty,omitzero"`
	SummaryHTML string `json:"summary_html,omitempty,omitzero"`
}

// translations are the up-to-date translations of an English text, by language, rendered by
// mdhtml.Block or mdhtml.Inline as its English is; nil where there are none.
func translations(site *model.Site, r translation.Ref, english string, render func(string) (string, bool)) map[string]trText {
	var out map[string]trText
	for lang, text := range site.Translations.Texts(r, english) {
		if out == nil {
			out = map[string]trText{}
		}
		out[lang] = rendered(text, render)
	}
	return out
}

// rendered is a summary as the pages hold it, trimmed: markdown where only Hugo renders it as
// the site does, else the HTML of render (mdhtml.Block or mdhtml.Inline).
func rendered(text string, render func(string) (string, bool)) trText {
	t := trText{Summary: strings.TrimSpace(text)}
	if html, ok := render(t.Summary); ok {
		t.Summary, t.SummaryHTML = "", html
	}
	return t
}

// translatedIn are the languages into which every one of a page's summaries is translated, so
// that the page in them needs no notice that summaries are in English. summaries hold, for each
// summary, its translations; pending summaries are left out by the caller.
func translatedIn(summaries []map[string]trText) []string {
	out := []string{}
	for _, lang := range translation.Langs {
		all := len(summaries) > 0
		for _, tr := range summaries {
			if _, ok := tr[lang]; !ok {
				all = false
				break
			}
		}
		if all {
			out = append(out, lang)
		}
	}
	return slices.Clip(out)
}
