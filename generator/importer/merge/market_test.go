package merge_test

import (
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/merge"
)

const report = "https://ustr.example.org/2024.pdf"

// TestAddCurrentDomains: new domains go to domains.current and the report to sources, in the
// file's own style (block lists indented or not, lists in brackets), creating domains.current
// or domains where the file has none; nothing else in the file changes.
func TestAddCurrentDomains(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"block list at the key's indent", `name: Amazon's foreign domains
aliases:
- Amazon
kind: online
domains:
  current:
  - amazon.co.uk   # as the 2019 review names it
  - amazon.de

  # former ones, if any, go here
  former:
  - amazon.old
sources:
- https://docslib.org/doc/1
`, `name: Amazon's foreign domains
aliases:
- Amazon
kind: online
domains:
  current:
  - amazon.co.uk   # as the 2019 review names it
  - amazon.de
  - amazon.ca
  - amazon.fr

  # former ones, if any, go here
  former:
  - amazon.old
sources:
- https://docslib.org/doc/1
- https://ustr.example.org/2024.pdf
`},
		{"lists in brackets", `name: Fixture Bay
kind: online
domains:
  current: [fixturebay.com]   # kept
  former: [fixturebay.net]
sources: ["https://news.example.org/fixture-bay"]
`, `name: Fixture Bay
kind: online
domains:
  current: [fixturebay.com, amazon.ca, amazon.fr]   # kept
  former: [fixturebay.net]
sources: ["https://news.example.org/fixture-bay", https://ustr.example.org/2024.pdf]
`},
		{"no current list, indented sources", `name: Old Locker
kind: online
domains:
  former:
    - oldlocker.com
sources:
  - https://ustr.example.org/2024.pdf
`, `name: Old Locker
kind: online
domains:
  former:
    - oldlocker.com
  current:
    - amazon.ca
    - amazon.fr
sources:
  - https://ustr.example.org/2024.pdf
`},
		{"no domains", `name: Quiet Site
kind: online
categories: [cyberlocker]
country: SE
sources:
- https://news.example.org/q
`, `name: Quiet Site
kind: online
categories: [cyberlocker]
country: SE
domains:
  current:
  - amazon.ca
  - amazon.fr
sources:
- https://news.example.org/q
- https://ustr.example.org/2024.pdf
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := merge.AddCurrentDomains([]byte(c.in), []string{"amazon.ca", "amazon.fr"}, report)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", out, c.want)
			}
		})
	}
	if _, err := merge.AddCurrentDomains([]byte("name: X\ndomains: {current: [x.com]}\nsources: [a]\n"), []string{"y.com"}, report); err == nil || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("domains written in braces: %v, want a refusal", err)
	}
}

func TestAppendValuesQuotes(t *testing.T) {
	out, err := merge.AppendValues([]byte("sources: []\nkind: online\n"), []string{"https://e.example/a,b", "c"}, "sources")
	if err != nil {
		t.Fatal(err)
	}
	if want := "sources: [\"https://e.example/a,b\", c]\nkind: online\n"; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
