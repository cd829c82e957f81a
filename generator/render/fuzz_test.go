package render_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/notorious-markets-watch/nmw/generator/internal/markdowntest"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// FuzzEscape checks that escaped data text renders as exactly that text, in every place the
// renderer puts it: a paragraph, emphasis and link text. Text with control characters is left
// out: validation refuses it in every field Escape is used for.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"Mall of Fakes & Co", "<script>alert(1)</script>", "[x](javascript:alert(1))",
		"{{< relref \"/\" >}}", "*bold* _it_ `code` # ~ | !", "&amp; &#60; &lt;", "1. list", "- item", "> quote",
		"a\\b", "https://evil.example/", "<https://evil.example/>", "www.evil.example", "foo[^1]", "Term\n: def",
		"~~del~~", "[ ] task", "| a | b |", "=== ---", "    code", "ﬁ ｆｕｌｌ", "x\u00a0y", "a  \nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
			return
		}
		text := strings.Join(strings.Fields(s), " ")
		if text == "" {
			return
		}
		esc := render.Escape(s)
		for _, c := range []struct{ md, open, close string }{
			{"x " + esc + " y", "<p>x ", " y</p>\n"},
			{"x *" + esc + "*", "<p>x <em>", "</em></p>\n"},
			{"x [" + esc + "](https://example.org/)", `<p>x <a href="https://example.org/">`, "</a></p>\n"},
		} {
			got, err := markdowntest.HTML(c.md)
			if err != nil {
				t.Fatal(err)
			}
			if want := c.open + htmlText.Replace(text) + c.close; got != want {
				t.Fatalf("Escape(%q) = %q renders as\n%q, want\n%q", s, esc, got, want)
			}
		}
	})
}

// htmlText escapes text as goldmark does.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
