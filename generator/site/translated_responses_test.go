package site

import (
	"html"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// The fixture's responses to the USTR 2024 listing and the edition's issue focus, with their
// translations. The Pirate Bay's Chinese translation was made from an earlier English.
const (
	taobaoSaid   = `Example Group said it "strongly disagrees" with the listing & removes fakes daily.`
	taobaoSaidES = "Example Group dijo que «discrepa firmemente» de la inclusión y retira falsificaciones a diario."
	taobaoSaidZH = "Example Group 表示“强烈反对”此次列入，并称每天下架假货。"
	pirateSaid   = "The operators said the site hosts no files."
	pirateSaidES = "Los operadores dijeron que el sitio no aloja archivos."
	pirateOld    = "The operators said the site hosted no files."
	pirateOldZH  = "运营者表示该网站不托管任何文件。"
	focusTitle   = "Counterfeit medicines"
	focusText    = "The review opened with counterfeit medicines sold online."
)

var focusTr = map[string][2]string{ // lang -> title, summary
	"es":      {"Medicamentos falsificados", "La revisión comenzó con los medicamentos falsificados vendidos en línea."},
	"zh-hans": {"假药", "这次审查以网上销售的假药开篇。"},
}

// TestTranslatedResponses (issues 34 and 36): a response's and an issue focus's up-to-date
// translations are shown on the market and year pages without lang="en", count towards the
// pages' "in English" notice and the coverage page, and are the feed's text in its language; a
// response whose English changed after it was translated is a validate warning, and its
// market page shows the English, marked so, with the notice.
func TestTranslatedResponses(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := sitefiles.CopyTree("testdata/data", data); err != nil {
		t.Fatal(err)
	}
	appendTo(t, filepath.Join(data, "markets", "taobao.yaml"), response("Example Group", taobaoSaid))
	appendTo(t, filepath.Join(data, "markets", "pirate-bay.yaml"), response("The operators", pirateSaid))
	appendTo(t, filepath.Join(data, "editions", "ustr-2024.yaml"), "focus:\n  title: "+focusTitle+"\n  summary: "+focusText+
		"\n  sources:\n  - https://example.org/sources/ustr-2024-focus\n")

	type files = map[string]map[string]any // lang/edition -> kind -> ...
	tr := files{}
	put := func(lang, edition, kind string, v any) {
		key := lang + "/" + edition
		if tr[key] == nil {
			tr[key] = map[string]any{}
		}
		if kind == "entries" || kind == "responses" {
			if tr[key][kind] == nil {
				tr[key][kind] = map[string]any{}
			}
			m := v.(map[string]any)
			for k, x := range m {
				tr[key][kind].(map[string]any)[k] = x
			}
			return
		}
		tr[key][kind] = v
	}
	item := func(en, text string) translation.Item {
		return translation.Item{SHA256: translation.Hash(en), Text: text}
	}
	for _, s := range summariesFixture { // every entry of both markets translated: only responses decide the notice
		put("es", s.edition, "entries", map[string]any{s.market: item(s.en, s.es)})
		put("zh-hans", s.edition, "entries", map[string]any{s.market: item(s.en, s.zh)})
	}
	put("es", "ustr-2024", "responses", map[string]any{"taobao": []translation.Item{item(taobaoSaid, taobaoSaidES)}, "pirate-bay": []translation.Item{item(pirateSaid, pirateSaidES)}})
	put("zh-hans", "ustr-2024", "responses", map[string]any{"taobao": []translation.Item{item(taobaoSaid, taobaoSaidZH)}, "pirate-bay": []translation.Item{item(pirateOld, pirateOldZH)}})
	for lang, f := range focusTr {
		put(lang, "ustr-2024", "focus_title", item(focusTitle, f[0]))
		put(lang, "ustr-2024", "focus", item(focusText, f[1]))
	}
	for key, f := range tr {
		writeYAML(t, filepath.Join(data, "translations", key+".yaml"), f)
	}

	loaded, problems, err := pipeline.Load(data, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	if len(loaded.Warnings) != 1 || !strings.Contains(loaded.Warnings[0].String(), "translations/zh-hans/ustr-2024.yaml:") ||
		!strings.Contains(loaded.Warnings[0].String(), "responses.pirate-bay[0].sha256: is stale") {
		t.Errorf("warnings: %v, want the Chinese translation of the Pirate Bay's response as stale", loaded.Warnings)
	}

	s := sitetest.Build(t, sitetest.Options{Data: data})
	responseOf := func(page, id string) string {
		start := strings.Index(page, `<section class="response" data-response="`+id+`">`)
		if start < 0 {
			t.Fatalf("no response %s", id)
		}
		return page[start : start+strings.Index(page[start:], "</section>")]
	}
	for lang, want := range map[string]string{"es": taobaoSaidES, "zh-hans": taobaoSaidZH} {
		taobao := s.Read(t, lang+"/markets/taobao/index.html")
		r := responseOf(taobao, "ustr-2024-taobao-0")
		sitetest.Contains(t, lang+" Taobao response", r, "<p>"+html.EscapeString(want)+"</p>")
		if strings.Contains(r, `<div lang="en">`) || strings.Contains(r, "strongly disagrees") {
			t.Errorf("%s Taobao response: shows or marks the English:\n%s", lang, r)
		}
		if strings.Contains(taobao, "note-english") {
			t.Errorf("%s Taobao page: every summary and response is translated, yet it says summaries are in English", lang)
		}
		year := s.Read(t, lang+"/years/2024/index.html")
		sitetest.Contains(t, lang+" 2024 year page", year, focusTr[lang][0]+"</h3>\n<p>"+focusTr[lang][1]+"</p>", responseOf(year, "ustr-2024-taobao-0"))
		sitetest.Contains(t, lang+" statistics", s.Read(t, lang+"/statistics/index.html"), "<td>"+focusTr[lang][0]+"</td>")
	}
	sitetest.Contains(t, "es Pirate Bay response", responseOf(s.Read(t, "es/markets/pirate-bay/index.html"), "ustr-2024-pirate-bay-0"), "<p>"+pirateSaidES+"</p>")
	zhPirate := s.Read(t, "zh-hans/markets/pirate-bay/index.html")
	sitetest.Contains(t, "zh-hans Pirate Bay page (stale response translation)", zhPirate, "note-english")
	sitetest.Contains(t, "zh-hans Pirate Bay response", responseOf(zhPirate, "ustr-2024-pirate-bay-0"), `<div lang="en">`+"\n<p>"+pirateSaid+"</p>")
	if strings.Contains(zhPirate, pirateOldZH) {
		t.Error("zh-hans Pirate Bay page shows the stale translation")
	}

	// the feeds: each response's summary and the focus in the feed's language, escaped
	for lang, want := range map[string][]string{
		"":         {taobaoSaid, pirateSaid, focusTitle + ": " + focusText},
		"es/":      {taobaoSaidES, pirateSaidES, focusTr["es"][0] + ": " + focusTr["es"][1]},
		"zh-hans/": {taobaoSaidZH, pirateSaid, focusTr["zh-hans"][0] + "：" + focusTr["zh-hans"][1]},
	} {
		feed := s.Read(t, lang+"index.xml")
		for _, w := range want {
			sitetest.Contains(t, lang+"index.xml", feed, html.EscapeString(w)+"</description>")
		}
	}

	// coverage: 13 entry summaries, 2 responses, a focus and its title
	sitetest.Contains(t, "es coverage page", s.Read(t, "es/coverage/index.html"), `<span lang="es">Español</span>: 9 de 17 al día</li>`)
	sitetest.Contains(t, "nmw.json", s.Read(t, "data/nmw.json"),
		`"summary_translations":{"es":"`+taobaoSaidES+`","zh-hans":"`+taobaoSaidZH+`"}`,
		`"title_translations":{"es":"`+focusTr["es"][0]+`","zh-hans":"`+focusTr["zh-hans"][0]+`"}`)
}

// response is a market file's response to the USTR 2024 listing, disputing it.
func response(by, summary string) string {
	return "responses:\n- date: 2025-02-03\n  by: " + by + "\n  answers: ustr-2024\n  disputes: true\n  summary: '" +
		strings.ReplaceAll(summary, "'", "''") + "'\n  sources:\n  - https://example.org/sources/response\n"
}
