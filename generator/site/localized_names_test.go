package site

import (
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestLocalizedNamesInCharts reads the places, publishers and list names that the map table,
// the charts, the timeline, the feed and a market's history print on translated pages (issue
// 33 reviews): each in the page's language, English only where it is marked lang="en", and
// the timeline's title saying nothing a development-only market's record does not.
func TestLocalizedNamesInCharts(t *testing.T) {
	s := realSite(t)
	home := s.Read(t, "es/index.html")
	// the map table: cities by their Spanish names, joined as a list; one without stays English, marked
	sitetest.Contains(t, "es/index.html", home,
		`<a href="/es/cities/ru-moscow/">Moscú</a>, <a href="/es/cities/ru-yekaterinburg/">Ekaterimburgo</a>`,
		`<a href="/es/cities/ph-san-juan/" lang="en">San Juan</a>`)
	zh := s.Read(t, "zh-hans/index.html")
	sitetest.Contains(t, "zh-hans/index.html", zh,
		`<a href="/zh-hans/cities/ru-moscow/">莫斯科</a>、<a href="/zh-hans/cities/ru-yekaterinburg/">叶卡捷琳堡</a>`)
	for page, bad := range map[string]string{"es/index.html": home, "zh-hans/index.html": zh} {
		if strings.Contains(bad, `>Moscow</a>`) {
			t.Errorf("%s: the map table names Moscow in English", page)
		}
	}
	// the longest-listed chart and the timeline's row labels: the publisher's short name in Spanish, French
	stats := s.Read(t, "es/statistics/index.html")
	sitetest.Contains(t, "es/statistics/index.html", stats, `vKontakte: 15 ediciones (USTR 13, UE 2), de 2010 a 2025`)
	if strings.Contains(stats, "EU 2") {
		t.Errorf("es/statistics/: the publisher %q in English", "EU")
	}
	sitetest.Contains(t, "zh-hans/statistics/index.html", s.Read(t, "zh-hans/statistics/index.html"),
		`vKontakte：15 版（美国贸易代表办公室 13、欧盟 2），2010–2025 年`)
	taobao := s.Read(t, "fr/markets/taobao/index.html")
	if !strings.Contains(taobao, `">UE</text>`) || strings.Contains(taobao, `">EU</text>`) {
		t.Errorf("fr/markets/taobao/: the timeline's row label is not %q", "UE")
	}
	// the feed's response titles: the list named in the language's order
	sitetest.Contains(t, "es/index.xml", s.Read(t, "es/index.xml"),
		`respuesta a la inclusión de Mangga Dua Market en la lista (Notorious Markets List del USTR, 2024)`)
	sitetest.Contains(t, "zh-hans/index.xml", s.Read(t, "zh-hans/index.xml"), `：对美国贸易代表办公室 Notorious Markets List 2024 年版的回应`)
	// a sourced absence: the list's English name marked as English in the heading and the timeline
	de := s.Read(t, "de/markets/taobao/index.html")
	sitetest.Contains(t, "de/markets/taobao/index.html", de,
		`<h3 class="history-absent">2012–2015: <span lang="en">Notorious Markets List</span> des USTR, nicht gelistet</h3>`,
		`<li><span lang="en">Notorious Markets List</span> des USTR, 2012–2015: nicht gelistet`)
	// a market only named as a positive development is not called listed by its timeline
	for _, p := range []string{"markets/dragon-mart/index.html", "markets/dragon-mart/timeline.svg"} {
		page := s.Read(t, p)
		sitetest.Contains(t, p, page, `Dragon Mart in the editions of the lists, 2010 to 2025`)
		if strings.Contains(strings.ToLower(page), "editions listing") {
			t.Errorf("%s: the timeline says the editions list Dragon Mart", p)
		}
	}
	// Open Graph's locale as language_TERRITORY
	sitetest.Contains(t, "zh-hans/index.html", zh, `<meta property="og:locale" content="zh_CN">`, `<meta property="og:locale:alternate" content="en_US">`)
}
