package translation

import (
	"os"
	"strings"
	"testing"
)

// TestResponseBy: a response's translation may name who responded (`by`): it is shown while
// the item is up to date, and refused when empty, on several lines, with markup or outside a
// response.
func TestResponseBy(t *testing.T) {
	const said = "The ministry called the list baseless."
	edition, _ := os.ReadFile("../testdata/fixture/editions/ustr-2020.yaml")
	item := func(by string) string {
		return "  - {sha256: " + Hash(said) + ", text: El ministerio calificó la lista de infundada., by: " + by + "}\n"
	}
	_, tr, problems, warnings := load(t, map[string]string{
		"editions/ustr-2020.yaml": string(edition) + "responses:\n- date: 2021-01-21\n  by: A ministry\n  markets: [mall-of-fakes]\n  summary: " + said + "\n  sources: [https://news.example.org/gov]\n",
		"translations/es/ustr-2020.yaml": "responses:\n  ustr-2020:\n" + item("el Ministerio de Comercio") + item("''") + item(`"el *Ministerio*"`) +
			item(`"el Ministerio\nde Comercio"`) + item("<b>el Ministerio</b>"),
		"translations/fr/ustr-2020.yaml": "responses:\n  ustr-2020:\n  - {sha256: " + Hash("An older summary.") + ", text: Le ministère a jugé la liste infondée., by: le ministère}\n",
		"translations/de/ustr-2019.yaml": "entries:\n  fixture-bay:\n    sha256: " + Hash("Reported as a *large* torrent index; right holders said it ignored notices.") +
			"\n    text: Als *großer* Torrent-Index gemeldet; Rechteinhaber sagten, er ignoriere Hinweise.\n    by: das Ministerium\n",
	})
	want := []string{
		"translations/de/ustr-2019.yaml:5: entries.fixture-bay.by: only a response's translation names who responded: remove `by`",
		"translations/es/ustr-2020.yaml:4: responses.ustr-2020[1].by: is empty: write who responded in the language (a government body's name), or leave `by` out to show the English",
		"translations/es/ustr-2020.yaml:5: responses.ustr-2020[2].by: is a name in plain text: no markup, HTML or domain",
		"translations/es/ustr-2020.yaml:6: responses.ustr-2020[3].by: is on more than one line: write the name on one line",
		"translations/es/ustr-2020.yaml:7: responses.ustr-2020[4].by: is a name in plain text: no markup, HTML or domain",
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "translations/fr/ustr-2020.yaml:3: responses.ustr-2020[0].sha256: is stale") {
		t.Errorf("warnings: %q, want fr's response stale", warnings)
	}
	r := Ref{Responses, "ustr-2020", "ustr-2020"}
	if by, ok := tr.By("es", r, said); !ok || by != "el Ministerio de Comercio" {
		t.Errorf("By(es) = %q, %v, want the up-to-date item's", by, ok)
	}
	if by, ok := tr.By("fr", r, said); ok {
		t.Errorf("By(fr) = %q from a stale translation", by)
	}
	if got := tr.Bys(r, said); len(got) != 1 || got["es"] != "el Ministerio de Comercio" {
		t.Errorf("Bys = %q", got)
	}
}
