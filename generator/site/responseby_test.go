package site

import (
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestResponseByTranslated: who gave a response is shown in the page's language where the
// translation of the response gives a `by` (data/translations/): China's Ministry of Commerce's
// response to the 2017 review, on Taobao's page and the 2017 year page in Chinese and Spanish,
// begins its sentence with the ministry's name in that language, not marked English, and with
// no English name left; the Chinese feed and check.json carry the Chinese name, with no space
// between it and the Chinese sentence. A company (Alibaba Group) keeps its English name.
func TestResponseByTranslated(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{})
	const english = "China&#39;s Ministry of Commerce"
	for _, c := range []struct{ lang, heading, stance string }{
		{"zh-hans/", `回应：中国商务部，2018 年 1 月 18 日`, `中国商务部对此次列入名单提出异议。`},
		{"es/", `Respuesta: el Ministerio de Comercio de China, 18 de enero de 2018`, `El Ministerio de Comercio de China cuestiona esta inclusión en la lista.`},
	} {
		for _, path := range []string{"markets/taobao/index.html", "years/2017/index.html"} {
			page := site.Read(t, c.lang+path)
			start := strings.Index(page, `<section class="response" data-response="ustr-2017-ustr-2017-0">`)
			if start < 0 {
				t.Fatalf("%s%s: no MOFCOM 2017 response", c.lang, path)
			}
			response := page[start : start+strings.Index(page[start:], "</section>")]
			sitetest.Contains(t, c.lang+path+" MOFCOM response", response,
				`class="response-heading">`+c.heading+`</h`, `<p class="response-stance">`+c.stance+`</p>`)
			if strings.Contains(response, english) || strings.Contains(response, "China's Ministry") {
				t.Errorf("%s%s: the MOFCOM response still names the ministry in English:\n%s", c.lang, path, response)
			}
		}
	}
	// Alibaba Group's translations give no `by`: the company keeps its name, marked English
	sitetest.Contains(t, "es Taobao page", site.Read(t, "es/markets/taobao/index.html"), `<span lang="en">Alibaba Group</span> cuestiona esta inclusión en la lista.`)

	feed := site.Read(t, "zh-hans/index.xml")
	sitetest.Contains(t, "zh feed", feed, "<title>中国商务部：对", "<description>中国商务部对此次列入名单提出异议。")
	check := site.Read(t, "zh-hans/check.json")
	sitetest.Contains(t, "zh check.json", check, `{"by":"中国商务部","disputes":true,`)
	for what, s := range map[string]string{"zh feed": feed, "zh check.json": check} {
		if strings.Contains(s, "China's Ministry") || strings.Contains(s, english) {
			t.Errorf("%s names China's Ministry of Commerce in English", what)
		}
	}
	sitetest.Contains(t, "es check.json", site.Read(t, "es/check.json"), `{"by":"El Ministerio de Comercio de China","disputes":true,`)
}
