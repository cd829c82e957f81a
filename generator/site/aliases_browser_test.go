package site

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestNativeNamesInBrowser asks the check of the site built from data/, in every language, for
// markets by the names their own script gives them (data/markets/*.yaml aliases, issue 33.4)
// and for cities by their names in the page's language (data/place-names.yaml, issue 33.3).
func TestNativeNamesInBrowser(t *testing.T) {
	s := sitetest.Shared(t, sitetest.Options{})
	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	// each alias answers with its market, what the reports said about it (i18n js_what_reports_said),
	// not a choice among similar names
	said := map[string]string{
		"":        "What the reports said about %s",
		"es":      "Lo que dijeron los informes sobre %s",
		"fr":      "Ce que les rapports ont dit de %s",
		"de":      "Was die Berichte über %s sagten",
		"zh-hans": "报告对 %s 的说法",
	}
	aliases := []struct{ alias, market string }{
		{"百度", "Baidu"},
		{"秀水街", "Silk Market"},
		{"海盗湾", "The Pirate Bay"},
		{"微信", "WeChat e-commerce ecosystem"},
		{"迅雷", "Xunlei"},
		{"네이버", "Naver"},
		{"淘宝", "Taobao"},
		{"拼多多", "Pinduoduo"},
		{"ВКонтакте", "vKontakte"},
		{"Горбушкин двор", "Gorbushkin Dvor"},
		{"동대문 관광특구", "Dongdaemun Special Tourist Zone"},
		{"Chợ Bến Thành", "Ben Thanh Market"},
	}
	for lang, format := range said {
		var cases []askCase
		for _, a := range aliases {
			cases = append(cases, askCase{a.alias, a.alias, []string{fmt.Sprintf(format, a.market)}, nil})
		}
		switch lang {
		case "zh-hans":
			cases = append(cases, askCase{"city 北京", "北京", []string{"本站收录的北京实体市场：", "Silk Market"}, nil},
				askCase{"city 曼谷", "曼谷", []string{"本站收录的曼谷实体市场：", "MBK Center"}, nil})
		case "es":
			cases = append(cases, askCase{"city Moscú", "Moscú", []string{"Mercados físicos registrados aquí en Moscú:", "Gorbushkin Dvor"}, nil})
		case "de":
			cases = append(cases, askCase{"city Peking", "Peking", []string{"Hier erfasste physische Märkte in Peking:", "Silk Market"}, nil})
		}
		t.Run("lang="+lang, func(t *testing.T) {
			page := base + "/"
			if lang != "" {
				page += lang + "/"
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
				t.Fatal(err)
			}
			run(t, ctx, "#check-q", "#check-answer", cases)
		})
	}
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}
