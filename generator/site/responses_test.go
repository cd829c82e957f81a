package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// The sources data/markets/taobao.yaml cites for Alibaba's response to the 2016 listing.
var alibaba2016 = []string{
	"http://www.taiwannews.com.tw/en/news/3056185",
	"http://ecns.cn/business/2016/12-23/238723.shtml",
	"http://ecns.cn/business/2016/12-22/238709.shtml",
}

// TestTaobaoResponse: Alibaba's public response to Taobao's return to the USTR list in 2016 is
// shown on Taobao's page beside the 2016 entry (after its sources, before the next item), with
// who, when, that it disputes the listing and the sources, in every language, its summary in
// the page's language (data/translations/, issue 34), not marked English; the timeline's table
// has a column for it; and the year page, the feed, check.json and the open data carry it
// (issue 36). Its id is ustr-2016-taobao-0: the first of Taobao's file to answer the 2016 edition.
func TestTaobaoResponse(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{})
	for _, c := range []struct{ lang, heading, stance, column, summary string }{
		{"", "Response: Alibaba Group, 22 December 2016", "Alibaba Group disputes this listing.", "Responses",
			`<p>Alibaba's president, Michael Evans, said the company was &quot;very disappointed&quot;`},
		{"es/", `Respuesta: <span lang="en">Alibaba Group</span>, 22 de diciembre de 2016`, `<span lang="en">Alibaba Group</span> cuestiona esta inclusión en la lista.`, "Respuestas",
			"<p>El presidente de Alibaba, Michael Evans, dijo que la empresa estaba «muy decepcionada»"},
		{"fr/", "Réponse\u00a0: <span lang=\"en\">Alibaba Group</span>, 22 décembre 2016", `<span lang="en">Alibaba Group</span> conteste cette inscription sur la liste.`, "Réponses",
			"<p>Le président d’Alibaba, Michael Evans, a déclaré que l’entreprise était"},
		{"de/", `Stellungnahme: <span lang="en">Alibaba Group</span>, 22. Dezember 2016`, `<span lang="en">Alibaba Group</span> bestreitet diesen Listeneintrag.`, "Stellungnahmen",
			"<p>Alibabas Präsident Michael Evans sagte, das Unternehmen sei „sehr enttäuscht“"},
		{"zh-hans/", `回应：<span lang="en">Alibaba Group</span>，2016 年 12 月 22 日`, `<span lang="en">Alibaba Group</span> 对此次列入名单提出异议。`, "回应",
			"<p>Alibaba 总裁 Michael Evans 表示，公司对 Taobao 重新被列入名单“非常失望”。"},
	} {
		page := site.Read(t, c.lang+"markets/taobao/index.html")
		// the 2016 entry is the one citing this source; the response follows its sources
		entry := strings.Index(page, `href="http://www.paulrparadise.com/2016/12/22/"`)
		if entry < 0 {
			t.Fatalf("%s Taobao page: no 2016 entry", c.lang)
		}
		rest := page[entry:]
		start := strings.Index(rest, `<section class="response" data-response="ustr-2016-taobao-0">`)
		if start < 0 || strings.Contains(rest[:start], "<h3") {
			t.Fatalf("%s Taobao page: the response does not follow the 2016 entry (at %d)", c.lang, start)
		}
		response := rest[start : start+strings.Index(rest[start:], "</section>")]
		sitetest.Contains(t, c.lang+" Taobao response", response,
			`<h4 class="response-heading">`+c.heading+`</h4>`, `<p class="response-stance">`+c.stance+`</p>`, c.summary)
		for _, src := range alibaba2016 {
			sitetest.Contains(t, c.lang+" Taobao response", response, `<a href="`+src+`" rel="nofollow noopener noreferrer">`)
		}
		if strings.Contains(response, `<div lang="en">`) {
			t.Errorf("%s Taobao response: the summary is marked English, not translated:\n%s", c.lang, response)
		}
		sitetest.Contains(t, c.lang+" Taobao timeline table", page, `<th scope="col">`+c.column+`</th></tr></thead>`)
		if !regexp.MustCompile(`<td>(\d{4}(, |、))*2016((, |、)\d{4})*</td></tr>`).MatchString(page) {
			t.Errorf("%s Taobao timeline table: no USTR row whose responses cell names 2016", c.lang)
		}
	}

	year := site.Read(t, "years/2016/index.html")
	sitetest.Contains(t, "2016 year page", year, "<h3>1 public response to this edition</h3>", `<p>Concerns: <a href="/markets/taobao/">Taobao</a></p>`)
	feed := site.Read(t, "index.xml")
	sitetest.Contains(t, "feed", feed, "<title>Alibaba Group: response to the USTR Notorious Markets List 2016 (Taobao)</title>",
		`<guid isPermaLink="false">nmw-response-ustr-2016-taobao-0</guid>`, "<pubDate>Thu, 22 Dec 2016 00:00:00 +0000</pubDate>")
	sitetest.Contains(t, "check.json", site.Read(t, "check.json"), `{"by":"Alibaba Group","disputes":true,"list":"USTR Notorious Markets List","sources":[{"name":"taiwannews.com.tw"`)
	sitetest.Contains(t, "nmw.json", site.Read(t, "data/nmw.json"), `{"edition":"ustr-2016","by":"Alibaba Group","date":"2016-12-22","disputes":true,"before_publication":false,`)
	sitetest.Contains(t, "responses.csv", site.Read(t, "data/responses.csv"), "\nustr-2016-taobao-0,ustr-2016,taobao,Alibaba Group,2016-12-22,true,false,market,")
	// a response never changes the status: Taobao's 2016 cell is still "listed again"
	sitetest.Contains(t, "Taobao page", site.Read(t, "markets/taobao/index.html"), `data-list="USTR" data-year="2016" data-state="returning"`)
}

// TestIssueFocus2016: the 2016 review's issue focus, stream ripping, is on the 2016 year page
// in every language, title and summary translated (issue 34), with its sources, in the USTR row
// of 2016 on the statistics page, and in the open data (issue 36).
func TestIssueFocus2016(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{})
	const billboard = "https://www.billboard.com/articles/news/7632451/us-trade-representative-stream-ripping-notorious-markets-report"
	for _, c := range []struct{ lang, heading, title, summary string }{
		{"", "Issue focus: ", "Stream ripping", "<p>The review opened with stream ripping"},
		{"es/", "Tema destacado: ", "Extracción de streams (stream ripping)", "<p>La revisión se abrió con la extracción de streams"},
		{"fr/", "Thème mis en avant\u00a0: ", "Extraction de flux (stream ripping)", "<p>L’examen s’ouvrait sur l’extraction de flux"},
		{"de/", "Schwerpunktthema: ", "Stream-Ripping", "<p>Die Überprüfung begann mit dem Stream-Ripping"},
		{"zh-hans/", "重点议题：", "流媒体翻录", "<p>这次审查以流媒体翻录开篇"},
	} {
		page := site.Read(t, c.lang+"years/2016/index.html")
		sitetest.Contains(t, c.lang+"2016 year page", page, `<section class="focus">`+"\n<h3>"+c.heading+c.title+"</h3>\n"+c.summary,
			`<a href="`+billboard+`" rel="nofollow noopener noreferrer">billboard.com</a>`)
		stats := site.Read(t, c.lang+"statistics/index.html")
		if !regexp.MustCompile(`<tr[^>]* data-edition="ustr-2016"><th scope="row">[^\n]*<td>` + regexp.QuoteMeta(c.title) + `</td></tr>`).MatchString(stats) {
			t.Errorf("%sstatistics: no USTR 2016 row with its issue focus %q", c.lang, c.title)
		}
	}
	sitetest.Contains(t, "statistics", site.Read(t, "statistics/index.html"), `<th scope="col">Issue focus</th>`)
	sitetest.Contains(t, "ustr-2016.json", site.Read(t, "data/editions/ustr-2016.json"), `"focus":{"title":"Stream ripping","title_translations":{"de":"Stream-Ripping","es":"Extracción de streams (stream ripping)",`)
}
