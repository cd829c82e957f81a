package site

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// summariesFixture is the English of the fixture's Taobao and Pirate Bay entries, by edition,
// with their Spanish and Chinese translations.
var summariesFixture = []struct{ market, edition, en, es, zh string }{
	{"taobao", "eu-2024", "Named for counterfeit goods offered by third-party sellers.",
		"Señalado por productos falsificados ofrecidos por vendedores externos.", "因第三方卖家提供假冒商品而被点名。"},
	{"taobao", "ustr-2024", "Reported for high volumes of counterfeit sneakers and handbags.",
		"Señalado por grandes volúmenes de zapatillas y bolsos falsificados.", "据报告，有大量假冒运动鞋和手袋。"},
	{"taobao", "ustr-2025", "Named again for counterfeit goods and slow takedowns.",
		"Nombrado de nuevo por productos falsificados y retiradas lentas.", "因假冒商品和下架缓慢再次被点名。"},
	{"pirate-bay", "eu-2024", "Named as a torrent index for pirated content.",
		"Nombrado como índice de torrents de contenido pirateado.", "作为盗版内容的种子索引被点名。"},
	{"pirate-bay", "ustr-2024", "Reported as a long-running torrent index for pirated films.",
		"Señalado como un índice de torrents veterano de películas pirateadas.", "据报告，是一个长期运营的盗版电影种子索引。"},
}

// changedEnglish is the Pirate Bay's USTR 2024 summary after its translations were made.
const changedEnglish = "Reported as a long-running torrent index for pirated films and series."

// TestTranslatedSummaries (issue 34): with every Taobao summary translated into Spanish and
// Chinese, those pages show the translations, not marked English, and no notice that
// summaries are in English; the year pages, the JSON and the CSV carry them. A summary whose
// English changed after it was translated (the Pirate Bay's USTR 2024) is a validate warning,
// not an error, and every page shows its new English, marked so, with the notice.
func TestTranslatedSummaries(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := sitefiles.CopyTree("testdata/data", data); err != nil {
		t.Fatal(err)
	}
	files := map[string]map[string]map[string]translation.Item{} // lang/edition -> entries
	for _, s := range summariesFixture {
		for lang, text := range map[string]string{"es": s.es, "zh-hans": s.zh} {
			key := lang + "/" + s.edition
			if files[key] == nil {
				files[key] = map[string]map[string]translation.Item{"entries": {}}
			}
			files[key]["entries"][s.market] = translation.Item{SHA256: translation.Hash(s.en), Text: text}
		}
	}
	for key, f := range files {
		writeYAML(t, filepath.Join(data, "translations", key+".yaml"), f)
	}
	edition := filepath.Join(data, "editions", "ustr-2024.yaml")
	replaceIn(t, edition, summariesFixture[4].en, changedEnglish)

	site, problems, err := pipeline.Load(data, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", err, problems)
	}
	var warned []string
	for _, w := range site.Warnings {
		warned = append(warned, w.String())
	}
	if len(warned) != 2 || !strings.Contains(warned[0], "translations/es/ustr-2024.yaml:") || !strings.Contains(warned[1], "translations/zh-hans/ustr-2024.yaml:") ||
		!strings.Contains(warned[0], "entries.pirate-bay.sha256: is stale") {
		t.Errorf("warnings: got %q, want the Spanish and Chinese translations of the Pirate Bay's USTR 2024 summary as stale", warned)
	}

	s := sitetest.Build(t, sitetest.Options{Data: data})
	for _, lang := range []string{"es", "zh-hans"} {
		taobao := s.Read(t, lang+"/markets/taobao/index.html")
		for _, f := range summariesFixture[:3] {
			want := map[string]string{"es": f.es, "zh-hans": f.zh}[lang]
			sitetest.Contains(t, lang+" Taobao page", taobao, "<p>"+want+"</p>")
			if strings.Contains(taobao, f.en) {
				t.Errorf("%s Taobao page still shows the English %q", lang, f.en)
			}
		}
		if strings.Contains(taobao, "note-english") {
			t.Errorf("%s Taobao page: every summary is translated, yet it says summaries are in English", lang)
		}

		pirate := s.Read(t, lang+"/markets/pirate-bay/index.html")
		sitetest.Contains(t, lang+" Pirate Bay page", pirate, `<div lang="en">`+"\n<p>"+changedEnglish+"</p>", "note-english",
			"<p>"+map[string]string{"es": summariesFixture[3].es, "zh-hans": summariesFixture[3].zh}[lang]+"</p>")
		if old := map[string]string{"es": summariesFixture[4].es, "zh-hans": summariesFixture[4].zh}[lang]; strings.Contains(pirate, old) {
			t.Errorf("%s Pirate Bay page shows the stale translation %q", lang, old)
		}

		year := s.Read(t, lang+"/years/2024/index.html")
		sitetest.Contains(t, lang+" 2024 page", year, map[string]string{"es": summariesFixture[1].es, "zh-hans": summariesFixture[1].zh}[lang],
			`<span lang="en">`+changedEnglish+`</span>`, "note-english")
	}
	fr := s.Read(t, "fr/markets/taobao/index.html")
	sitetest.Contains(t, "French Taobao page (no French translations)", fr, "note-english", `<div lang="en">`+"\n<p>"+summariesFixture[0].en+"</p>")
	en := s.Read(t, "markets/taobao/index.html")
	if strings.Contains(en, summariesFixture[0].es) || strings.Contains(en, "note-english") {
		t.Error("English Taobao page shows a translation or the notice")
	}

	// the open data: translations beside the English, only up-to-date ones
	var ds struct {
		Editions []struct {
			ID      string `json:"id"`
			Entries []struct {
				Market       string            `json:"market"`
				Summary      string            `json:"summary"`
				Translations map[string]string `json:"summary_translations"`
			} `json:"entries"`
		} `json:"editions"`
	}
	if err := json.Unmarshal([]byte(s.Read(t, "data/nmw.json")), &ds); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]string{}
	for _, e := range ds.Editions {
		for _, en := range e.Entries {
			got[en.Market+" "+e.ID] = en.Translations
		}
	}
	if tr := got["taobao ustr-2024"]; tr["es"] != summariesFixture[1].es || tr["zh-hans"] != summariesFixture[1].zh || len(tr) != 2 {
		t.Errorf("nmw.json: Taobao USTR 2024 summary_translations = %q", tr)
	}
	if tr := got["pirate-bay ustr-2024"]; tr != nil {
		t.Errorf("nmw.json: the stale translations of the Pirate Bay's USTR 2024 summary are published: %q", tr)
	}
	sitetest.Contains(t, "data/editions/eu-2024.json", s.Read(t, "data/editions/eu-2024.json"), `"summary_translations":{"es":"`+summariesFixture[0].es)
	csv := s.Read(t, "data/listings.csv")
	sitetest.Contains(t, "listings.csv", csv, ",summary_es,summary_fr,summary_de,summary_zh-hans\n", ","+summariesFixture[1].es+",,,"+summariesFixture[1].zh+"\n")
	// the check stays lean: it shows no summary, so it carries no translation
	if strings.Contains(s.Read(t, "es/check.json"), summariesFixture[0].es) {
		t.Error("es/check.json carries a translated summary")
	}
	sitetest.Contains(t, "es coverage page", s.Read(t, "es/coverage/index.html"), `<span lang="es">Español</span>: 4 de 13 al día; 1 desactualizada, no se muestra</li>`)
}
