package translation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// load copies the generator's fixture data, adds files (path below data/ -> content), and
// loads and checks its translations, giving every problem and warning as text, without the
// data folder.
func load(t *testing.T, files map[string]string) (*dataset.Set, *Set, []string, []string) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(data, os.DirFS("../testdata/fixture")); err != nil {
		t.Fatal(err)
	}
	for path, content := range files {
		path = filepath.Join(data, path)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, problems, err := dataset.Load(data)
	if err != nil || len(problems) > 0 {
		t.Fatalf("fixture: %v %v", err, problems)
	}
	tr, loadProblems := Load(data)
	problems, warnings := Check(set, tr)
	text := func(ps []dataset.Problem) []string {
		var out []string
		for _, p := range ps {
			out = append(out, strings.TrimPrefix(p.String(), data+string(filepath.Separator)))
		}
		return out
	}
	return set, tr, text(append(loadProblems, problems...)), text(warnings)
}

func TestAbsenceUnderFirstEdition(t *testing.T) {
	const note = "Reported as taken off the list in the 2020 review."
	absence := "absences:\n- editions: [ustr-2020, ustr-2021]\n  note: " + note + "\n  sources: [https://news.example.org/shop-gone]\n"
	b, _ := os.ReadFile("../testdata/fixture/markets/shop-o-rama.yaml")
	set, tr, problems, warnings := load(t, map[string]string{
		"markets/shop-o-rama.yaml":          string(b) + absence,
		"translations/fr/ustr-2020.yaml":    "absences:\n  shop-o-rama:\n    sha256: " + Hash(note) + "\n    text: Retiré de la liste lors de la revue de 2020, selon les sources.\n",
		"translations/fr/ustr-2021.yaml":    "absences:\n  shop-o-rama:\n    sha256: " + Hash(note) + "\n    text: Retiré.\n",
		"translations/de/ustr-2019.yaml":    "entries:\n  fixture-bay:\n    sha256: " + Hash("Reported as a *large* torrent index; right holders said it ignored notices.") + "\n    text: Als *großer* Torrent-Index gemeldet; Rechteinhaber sagten, er ignoriere Hinweise.\n",
		"translations/zh-hans/eu-2020.yaml": "entries:\n  fixture-bay:\n    sha256: " + Hash("Reported for pirated films.") + "\n    text: 据报告，提供盗版电影，包括通过 бухта.рф。\n",
	})
	want := []string{
		"translations/fr/ustr-2021.yaml:2: absences.shop-o-rama: shop-o-rama has no absence note whose first edition is ustr-2021: an absence's translation is filed under the first edition of its editions list",
		"translations/zh-hans/eu-2020.yaml:4: entries.fixture-bay.text: names the listed domain бухта.рф where the English does not (or not that way): a translation shows a listed domain only as its English does",
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") || len(warnings) > 0 {
		t.Errorf("problems:\n%s\nwant:\n%s\nwarnings: %q", strings.Join(problems, "\n"), strings.Join(want, "\n"), warnings)
	}
	got, ok := tr.Text("fr", Ref{Absences, "ustr-2020", "shop-o-rama"}, note)
	if !ok || !strings.HasPrefix(got, "Retiré de la liste") {
		t.Errorf("Text(fr, absence of shop-o-rama) = %q, %v", got, ok)
	}
	if _, ok := tr.Text("de", Ref{Entries, "ustr-2019", "fixture-bay"}, "Reported as a torrent index."); ok {
		t.Error("Text gives a translation of another English text")
	}
	if p := Count(set, tr); p[0].Lang != "es" || p[0].UpToDate != 0 || p[1].UpToDate != 1 || p[2].UpToDate != 1 || p[1].Stale != 0 || p[1].Total != 12 {
		t.Errorf("Count = %+v", p)
	}
}

// TestResponsesAndFocusForm: until the data holds issue 36's responses and focus, their
// translations load and are checked for form only: a key that is a market or the edition, a
// hash, a text.
func TestResponsesAndFocusForm(t *testing.T) {
	h := Hash("any English")
	_, tr, problems, warnings := load(t, map[string]string{
		"translations/es/ustr-2020.yaml": "focus: {sha256: " + h + ", text: Enfoque del informe.}\nfocus_title: {sha256: " + h + ", text: Título}\n" +
			"responses:\n  fixture-bay:\n  - {sha256: " + h + ", text: La empresa rechazó la inclusión.}\n  ustr-2020:\n  - {sha256: " + h + ", text: Respuesta del gobierno.}\n" +
			"  nobody:\n  - {sha256: " + h + ", text: Nadie.}\n  mall-of-fakes:\n  - {sha256: " + h + ", text: ''}\n",
	})
	want := []string{
		`translations/es/ustr-2020.yaml:8: responses.nobody: "nobody" is neither a market in markets/ nor this file's edition (ustr-2020): a response is filed under the market whose file records it, or the edition's id for one recorded in the edition's file`,
		"translations/es/ustr-2020.yaml:11: responses.mall-of-fakes[0].text: is empty: write the translation, or remove the item",
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") || len(warnings) > 0 {
		t.Errorf("problems:\n%s\nwant:\n%s\nwarnings: %q", strings.Join(problems, "\n"), strings.Join(want, "\n"), warnings)
	}
	// once the responses code passes their English, a response's translation is found by hash
	if got, ok := tr.Text("es", Ref{Responses, "ustr-2020", "fixture-bay"}, "any English"); !ok || got != "La empresa rechazó la inclusión." {
		t.Errorf("Text(response) = %q, %v", got, ok)
	}
}
