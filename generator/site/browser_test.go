package site

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
)

// ask types text into the box and returns the answer's text once it is for that text.
func ask(t *testing.T, ctx context.Context, box, answer, text string, typed bool) string {
	t.Helper()
	q, _ := json.Marshal(text)
	set := chromedp.SendKeys(chromedp.CSS(box), text)
	if !typed { // too long to type key by key: set it and fire the input event as typing does
		set = chromedp.Steps(chromedp.SetValue(chromedp.CSS(box), text),
			chromedp.Evaluate[chromedp.Void](`document.querySelector("`+box+`").dispatchEvent(new Event("input"))`))
	}
	err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("`+box+`").value = ""`),
		set,
		chromedp.Poll[chromedp.Void](`document.querySelector("`+box+`").value === document.querySelector("`+answer+`").dataset.query`, chromedp.WithPollingTimeout(5*time.Second)),
	)
	if err != nil {
		t.Fatalf("typing %s: %v", q, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("`+answer+`").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(got), " ")
}

type askCase struct {
	name, text string
	want, not  []string
}

func run(t *testing.T, ctx context.Context, box, answer string, cases []askCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ask(t, ctx, box, answer, c.text, len(c.text) < 200)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer for %q is %q\nwant it to contain %q", c.text, got, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("answer for %q is %q\nwant it not to contain %q", c.text, got, n)
				}
			}
		})
	}
}

const (
	listedTaobao = "On a current list: Taobao"
	notCovered   = "Not among the markets recorded here"
	noGuarantee  = "Even a complete answer would be no guarantee the shop is safe"
	// the fixture's editions give no official counts: every latest edition is partly recorded
	partlyUSTR = "2025 USTR list: 6 markets recorded so far; its official count is not published in what we could read"
)

func TestCheckInBrowser(t *testing.T) {
	s := fixture(t)
	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "#check-q", "#check-answer", []askCase{
		{"full URL", "https://user:secret@item.taobao.com:8443/item.htm?id=123#reviews",
			[]string{listedTaobao, "item.taobao.com belongs to taobao.com, which is a domain of Taobao.",
				"USTR Notorious Markets List: editions 2024–2025. Listed in the latest USTR edition (2025).",
				"EU Counterfeit and Piracy Watch List: editions 2024. Listed in the latest EU edition (2024).",
				"What the reports said about Taobao"}, nil},
		{"case and trailing dot", "TAOBAO.COM.", []string{listedTaobao, "taobao.com is a domain of Taobao."}, nil},
		{"subdomain", "shop.taobao.com", []string{listedTaobao, "shop.taobao.com belongs to taobao.com"}, nil},
		{"mirror domain", "http://tpb-proxy.net/search?q=film", []string{"On a current list: The Pirate Bay", "tpb-proxy.net is a mirror domain of The Pirate Bay.",
			"USTR Notorious Markets List: editions 2024. Last listed by USTR in 2024 as far as recorded here; the latest edition (2025) is only partly recorded, so it may still be on the list."}, nil},
		{"mirror subdomain", "www.taobao-mirror.net", []string{listedTaobao, "which is a mirror domain of Taobao"}, nil},
		{"former domain", "www.piratebay.se/", []string{"On a current list: The Pirate Bay", "which is a former domain of The Pirate Bay"}, nil},
		{"IDN in Unicode", "https://WWW.BÜCHER-PIRATEN.DE/buch", []string{"Listed before: Bücherpiraten", "belongs to bücher-piraten.de, which is a domain of Bücherpiraten", "We cannot tell whether Bücherpiraten is still listed"}, []string{"Formerly listed"}},
		{"IDN in punycode", "xn--bcher-piraten-wob.de", []string{"Listed before: Bücherpiraten", "bücher-piraten.de is a domain of Bücherpiraten"}, nil},
		{"multi-label suffix", "https://www.shopmart.co.uk/perfume", []string{"On a current list: Shopmart", "which is a domain of Shopmart"}, nil},
		{"public suffix alone", "co.uk", []string{notCovered, "co.uk is not among the 8 markets recorded here"}, []string{"listed:", "Listed before"}},
		{"other domain under the same suffix", "othermart.co.uk", []string{notCovered}, []string{"listed:", "Listed before"}},
		{"not listed", "https://www.example-shop.net/deal", []string{notCovered,
			"www.example-shop.net is not among the 8 markets recorded here from the USTR Notorious Markets List (editions 2024–2025) and the EU Counterfeit and Piracy Watch List (edition 2024).",
			partlyUSTR, "See how complete the data is, the official 2025 USTR report",
			noGuarantee, "Before you buy, check:"}, []string{"listed:", "Listed before", "Careful"}},
		{"look-alike", "taobao.com.evil.net", []string{notCovered, noGuarantee, "Careful: this address contains taobao.com, a listed domain, but it is a different site."}, []string{listedTaobao}},
		{"look-alike prefix", "https://mytaobao.com/", []string{notCovered}, []string{listedTaobao}},
		{"userinfo is not the host", "https://taobao.com@evil.net/", []string{notCovered, "evil.net is not among the"}, []string{listedTaobao}},
		{"name", "taobao", []string{listedTaobao, "What the reports said about Taobao"}, nil},
		{"name in other script", "淘宝", []string{listedTaobao}, nil},
		{"name case", "LA SALADA", []string{"On a current list: La Salada", "USTR Notorious Markets List: editions 2024–2025. Listed in the latest USTR edition (2025)."}, nil},
		{"name accents", "rua 25 de marco", []string{"On a current list: Rua 25 de Março"}, nil},
		{"name without article", "pirate bay", []string{"On a current list: The Pirate Bay"}, nil},
		{"former name", "pirate-bay classic", []string{"On a current list: The Pirate Bay"}, nil},
		{"name prefix", "bücherp", []string{"Listed before: Bücherpiraten"}, nil},
		{"name typo", "toabao", []string{listedTaobao}, nil},
		{"ambiguous name", "silk", []string{"Markets with similar names: which one do you mean?", "Silk Market physical, Beijing, China", "Silk Road Bazaar physical, Istanbul, Turkey"}, []string{"On a current list:", "Formerly listed:", "Listed before:"}},
		{"unknown name", "Zalando", []string{notCovered, "“Zalando” is not among the 8 markets recorded here", noGuarantee}, nil},
		{"punctuation only", "!!! ???", []string{"Type a shop's web address"}, []string{notCovered}},
		{"too long", strings.Repeat("a", 5000), []string{"That is too long to be a web address or a name."}, nil},
		{"script injection", `<script>window.pwned=1</script><img src=x onerror="window.pwned=2">`,
			[]string{notCovered, `“<script>window.pwned=1</script><img src=x onerror="window.pwned=2">” is not among the`}, nil},
	})
	t.Run("blank", func(t *testing.T) {
		if got := ask(t, ctx, "#check-q", "#check-answer", "   ", true); got != "" {
			t.Errorf("answer for blanks is %q, want none", got)
		}
	})
	t.Run("nothing injected runs", func(t *testing.T) {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#check-answer script, #check-answer img").length + (window.pwned ? 100 : 0)`))
		if err != nil || n != 0 {
			t.Errorf("injected elements or effects: %d, %v", n, err)
		}
	})
	t.Run("favicon", func(t *testing.T) {
		// every page names its icon; a missing one logs a 404 in the console
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch(document.querySelector('link[rel="icon"]').href).then((r) => r.ok && r.headers.get("content-type").startsWith("image/svg") ? r.status : -r.status)`, chromedp.EvalAwaitPromise))
		if err != nil || status != 200 {
			t.Errorf("favicon: status %d, %v", status, err)
		}
	})
	t.Run("from another page", func(t *testing.T) {
		// the header's box on every other page sends its text to the home page
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/markets/"),
			chromedp.SendKeys(chromedp.CSS("#check-q-small"), "https://shop.taobao.com/x"),
			chromedp.Evaluate[chromedp.Void](`setTimeout(() => document.querySelector("form.check-small").requestSubmit(), 0)`),
			chromedp.WaitVisible(chromedp.CSS("#check-answer[data-query]")),
		)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#check-answer").innerText`))
		if !strings.Contains(got, listedTaobao) {
			t.Errorf("answer = %q", got)
		}
	})
	t.Run("injection in the address", func(t *testing.T) {
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/?q="+url.QueryEscape(`<img src=x onerror="window.pwned=3">`)),
			chromedp.WaitVisible(chromedp.CSS("#check-answer[data-query]")),
		)
		if err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#check-answer img").length + (window.pwned ? 100 : 0)`))
		if err != nil || n != 0 {
			t.Errorf("injected elements or effects: %d, %v", n, err)
		}
	})
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}

func TestSearchInBrowser(t *testing.T) {
	s := fixture(t)
	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/"), chromedp.WaitVisible(chromedp.CSS("form.search.ready"))); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "#search-q", "#search-results", []askCase{
		{"summary word", "sneakers", []string{"1 market found", "Taobao"}, []string{"Shopmart"}},
		{"summary words together", "counterfeit luxury", []string{"Silk Market"}, []string{"Taobao", "La Salada"}},
		{"word prefix", "perfu", []string{"Shopmart"}, []string{"Taobao"}},
		{"name", "pirate bay", []string{"The Pirate Bay"}, []string{"Taobao"}},
		{"domain", "tpb-proxy.net", []string{"The Pirate Bay"}, nil},
		{"alias", "淘宝", []string{"Taobao"}, nil},
		{"category", "shadow library", []string{"1 market found", "Bücherpiraten"}, nil},
		{"nothing", "zebra", []string{notCovered}, nil},
	})
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}

// TestCheckInOtherLanguages asks the check on the Spanish and Chinese home pages: it answers
// in the page's language, from the same data, with country names from CLDR.
func TestCheckInOtherLanguages(t *testing.T) {
	s := fixture(t)
	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	for _, c := range []struct {
		lang  string
		cases []askCase
	}{
		{"es", []askCase{
			{"listed", "https://item.taobao.com/x", []string{"En una lista vigente: Taobao",
				"item.taobao.com pertenece a taobao.com, que es un dominio de Taobao.",
				"Notorious Markets List del USTR: ediciones 2024–2025. Figura en la última edición del USTR (2025).",
				"Lo que dijeron los informes sobre Taobao"}, []string{"On a current list", "Listed in"}},
			{"not found", "https://www.example-shop.net/deal", []string{"No está entre los mercados registrados aquí",
				"www.example-shop.net no está entre los 8 mercados registrados aquí a partir de la Notorious Markets List del USTR (ediciones 2024–2025) y la Counterfeit and Piracy Watch List de la UE (edición 2024).",
				"lista del USTR de 2025: 6 mercados registrados por ahora; su recuento oficial no está publicado en lo que pudimos leer.",
				"Vea hasta qué punto están completos los datos, el informe oficial del USTR de 2025",
				"Ni siquiera una respuesta completa garantizaría que la tienda sea segura", "Antes de comprar, compruebe:"}, []string{"Not among", "Before you buy"}},
			{"listed before", "xn--bcher-piraten-wob.de", []string{"En la lista en ediciones anteriores: Bücherpiraten", "bücher-piraten.de es un dominio de Bücherpiraten.",
				"No podemos saber si Bücherpiraten sigue en la lista"}, []string{"Listed before"}},
			{"unknown name", "Zalando", []string{"«Zalando» no está entre los 8 mercados registrados aquí", "Ningún mercado registrado aquí tiene un nombre así."}, nil},
			{"ambiguous name", "silk", []string{"Mercados con nombres parecidos: ¿a cuál se refiere?", "Silk Market físico, Pekín, China", "Silk Road Bazaar físico, Estambul, Turquía"}, nil},
			// a city by its name in the reader's language (data/place-names.yaml)
			{"city in Spanish", "Pekín", []string{"Mercados físicos registrados aquí en Pekín:", "Silk Market"}, []string{"Taobao", "Silk Road Bazaar"}},
			{"garbage", "!!! ???", []string{"Escriba la dirección web de una tienda (como tienda.example.com) o su nombre."}, []string{"No está entre"}},
			{"too long", strings.Repeat("a", 5000), []string{"Es demasiado largo para ser una dirección web o un nombre."}, nil},
		}},
		{"zh-hans", []askCase{
			{"listed", "taobao.com", []string{"在现行名单上：Taobao", "taobao.com 是 Taobao 的域名。", "列入版本 2024–2025。已被列入美国贸易代表办公室最新一版名单（2025 年版）。", "报告对 Taobao 的说法"}, []string{"On a current list"}},
			{"former domain", "www.piratebay.se/", []string{"在现行名单上：The Pirate Bay", "属于 piratebay.se，后者是 The Pirate Bay 的旧域名"}, nil},
			{"not found", "https://www.example-shop.net/deal", []string{"不在本站收录的市场中",
				"www.example-shop.net 不在本站从美国贸易代表办公室 Notorious Markets List（2024–2025 年各版）和欧盟 Counterfeit and Piracy Watch List（2024 年版）收录的 8 个市场中。",
				"2025 年美国贸易代表办公室名单：目前已收录 6 个市场；在我们能读到的资料中，其官方数量未公布。",
				"即使答案完整，也不能保证该店铺安全", "购买前，请检查："}, []string{"Not among"}},
			{"ambiguous name", "silk", []string{"名称相似的市场：您指的是哪一个？", "Silk Market 实体、北京、中国", "Silk Road Bazaar 实体、伊斯坦布尔、土耳其"}, nil},
			{"city in Chinese", "北京", []string{"本站收录的北京实体市场：", "Silk Market"}, []string{"Taobao", "Silk Road Bazaar"}},
			{"city as the sources spell it", "Beijing", []string{"本站收录的北京实体市场：", "Silk Market"}, []string{"Taobao"}},
			{"city in Chinese, another", "伊斯坦布尔", []string{"Silk Road Bazaar"}, []string{"Silk Market 实体"}},
			{"garbage", "!!! ???", []string{"请输入店铺网址（如 shop.example.com）或店铺名称。"}, []string{"不在本站"}},
		}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+c.lang+"/"), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
				t.Fatal(err)
			}
			run(t, ctx, "#check-q", "#check-answer", c.cases)
			// a market's link goes to its page in the same language
			ask(t, ctx, "#check-q", "#check-answer", "taobao.com", true)
			href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#check-answer a")||{}).getAttribute?.("href") || ""`))
			if err != nil || !strings.HasPrefix(href, "/"+c.lang+"/markets/") {
				t.Errorf("the answer links to %q (%v), want a page below /%s/markets/", href, err, c.lang)
			}
		})
	}
	t.Run("es/search", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/es/search/"), chromedp.WaitVisible(chromedp.CSS("form.search.ready"))); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, "#search-q", "#search-results", []askCase{
			{"summary word", "sneakers", []string{"1 mercado encontrado", "Taobao"}, nil},
			{"city in Spanish", "Pekín", []string{"1 mercado encontrado", "Silk Market"}, nil},
			{"category in Spanish", "biblioteca sombra", []string{"1 mercado encontrado", "Bücherpiraten"}, nil},
			// the whole category name, with its words of two letters ("en", "la", "de")
			{"category name in Spanish", "Biblioteca en la sombra", []string{"1 mercado encontrado", "Bücherpiraten"}, nil},
			{"category name in Spanish, accents", "Índice de torrents", []string{"1 mercado encontrado", "The Pirate Bay"}, nil},
			// a short word alone is looked for in names only, not in every category name holding "de"
			{"short word alone", "de", []string{"No está entre los mercados registrados aquí"}, nil},
			{"nothing", "zebra", []string{"No está entre los mercados registrados aquí"}, nil},
		})
	})
	t.Run("fr/search", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/fr/search/"), chromedp.WaitVisible(chromedp.CSS("form.search.ready"))); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, "#search-q", "#search-results", []askCase{
			{"category name in French", "Index de torrents", []string{"1 marché trouvé", "The Pirate Bay"}, nil},
			{"category name in French, two words", "Bibliothèque fantôme", []string{"1 marché trouvé", "Bücherpiraten"}, nil},
		})
	})
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}
