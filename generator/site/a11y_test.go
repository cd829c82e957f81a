package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// axeScript returns axe-core's source, installed by `npm ci --prefix generator/site/testdata/axe`
// (.ci/run does), or skips the test.
func axeScript(t *testing.T) string {
	t.Helper()
	path := filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("axe-core is not installed (%v): run npm ci --prefix generator/site/testdata/axe", err)
	}
	return string(b)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// TestAccessibility runs axe-core on each kind of page and on the check's answers, in the light
// and the dark colour scheme, and allows no serious or critical violation.
func TestAccessibility(t *testing.T) {
	axe := axeScript(t)
	browser.Path(t)
	s := sitetest.Shared(t, sitetest.Options{})
	base := browser.Serve(t, s.Public, nil)
	ctx, _ := browser.Start(t)

	pages := []struct {
		name, path, answer string
	}{
		{"home", "/", ""},
		{"market", "/markets/taobao/", ""},
		{"physical market", "/markets/la-salada/", ""},
		{"year", "/years/2020/", ""},
		{"taxonomy", "/categories/", ""},
		{"term", "/countries/cn/", ""},
		{"markets A-Z", "/markets/", ""},
		{"statistics", "/statistics/", ""},
		{"coverage", "/coverage/", ""},
		{"search", "/search/?q=torrent", ""},
		{"countries and the world map", "/countries/", ""}, // issue 29
		{"places", "/cities/", ""},
		{"city", "/cities/th-bangkok/", ""},
		{"de/countries and the world map", "/de/countries/", ""},
		{"zh-hans/city", "/zh-hans/cities/th-bangkok/", ""},
		{"check: listed", "/?q=https://item.taobao.com/x", "Taobao"},
		{"check: not found", "/?q=example-shop-nowhere.com", "Not among the markets recorded here"},
		{"check: garbage", "/?q=%3Cscript%3E", ""},
		// The site in other languages: the same pages with translated words and lang="en" parts.
		{"es/home", "/es/", ""},
		{"es/market", "/es/markets/taobao/", ""},
		{"es/check: not found", "/es/?q=example-shop-nowhere.com", "No está entre los mercados registrados aquí"},
		{"zh-hans/home", "/zh-hans/", ""},
		{"zh-hans/market", "/zh-hans/markets/taobao/", ""},
		{"zh-hans/physical market", "/zh-hans/markets/la-salada/", ""},
		{"zh-hans/check: listed", "/zh-hans/?q=https://item.taobao.com/x", "在现行名单上"},
	}
	for _, scheme := range []string{"light", "dark"} {
		media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			t.Run(scheme+"/"+p.name, func(t *testing.T) {
				steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + p.path), chromedp.WaitReady(chromedp.CSS("main"))}
				if p.answer != "" {
					steps = append(steps, chromedp.Poll[chromedp.Void](
						fmt.Sprintf(`(document.querySelector("#check-answer")||{}).innerText?.includes(%q)`, p.answer),
						chromedp.WithPollingTimeout(5*time.Second)))
				}
				if err := chromedp.Do(ctx, steps...); err != nil {
					t.Fatal(err)
				}
				raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](axe+`;
					axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`,
					chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				var violations []axeViolation
				if err := json.Unmarshal([]byte(raw), &violations); err != nil {
					t.Fatal(err)
				}
				for _, v := range violations {
					if v.Impact == "serious" || v.Impact == "critical" {
						var where []string
						for _, n := range v.Nodes {
							where = append(where, n.HTML)
						}
						t.Errorf("%s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
					}
				}
			})
		}
	}
}

// TestKeyboardOnlyCheck uses the check with the keyboard alone: Tab to the box, type, Enter.
func TestKeyboardOnlyCheck(t *testing.T) {
	browser.Path(t)
	s := fixture(t)
	base := browser.Serve(t, s.Public, nil)
	ctx, _ := browser.Start(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("form.check.ready")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Tab from the top of the page until the check box has focus.
	focused := ""
	for i := 0; i < 25 && focused != "check-q"; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		focused, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		if err != nil {
			t.Fatal(err)
		}
	}
	if focused != "check-q" {
		t.Fatalf("the check box is not reachable with Tab (focus ended on %q)", focused)
	}
	outline, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`))
	if err != nil || outline == "none" {
		t.Errorf("the focused check box shows no focus outline (%q, %v)", outline, err)
	}
	err = chromedp.Do(ctx,
		chromedp.KeyEvent("taobao.com"),
		chromedp.KeyEvent("\r"),
		chromedp.Poll[chromedp.Void](`document.querySelector("#check-answer").innerText.includes("Taobao")`, chromedp.WithPollingTimeout(5*time.Second)),
	)
	if err != nil {
		t.Fatalf("typing and Enter gave no answer: %v", err)
	}
}
