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

// TestResponsesAndFocus (issue 36): a response's translation is checked against the English of
// the responses filed under its key (the market, or the edition for one in the edition's file),
// the focus's against the edition's focus; a changed English is a warning, a key or focus with no
// English an error; Count counts them.
func TestResponsesAndFocus(t *testing.T) {
	const (
		said     = "The operator said it \"strongly disagrees\" with the listing."
		govt     = "The ministry called the list baseless."
		focus    = "The review opened with stream ripping."
		title    = "Stream ripping"
		oldTitle = "Stream-ripping"
	)
	bay, _ := os.ReadFile("../testdata/fixture/markets/fixture-bay.yaml")
	edition, _ := os.ReadFile("../testdata/fixture/editions/ustr-2020.yaml")
	set, tr, problems, warnings := load(t, map[string]string{
		"markets/fixture-bay.yaml": string(bay) + "responses:\n- date: 2021-01-20\n  by: Fixture Inc.\n  answers: ustr-2020\n  disputes: true\n  summary: " +
			"'" + said + "'\n  sources: [https://news.example.org/reply]\n",
		"editions/ustr-2020.yaml": string(edition) + "focus: {title: " + title + ", summary: " + focus + ", sources: [https://news.example.org/2020]}\n" +
			"responses:\n- date: 2021-01-21\n  by: A ministry\n  markets: [mall-of-fakes]\n  summary: " + govt + "\n  sources: [https://news.example.org/gov]\n",
		"translations/es/ustr-2020.yaml": "focus: {sha256: " + Hash(focus) + ", text: La revisión comenzó con el stream ripping.}\n" +
			"focus_title: {sha256: " + Hash(oldTitle) + ", text: Stream ripping}\n" +
			"responses:\n  fixture-bay:\n  - {sha256: " + Hash(said) + ", text: 'El operador dijo que \"discrepa firmemente\" de la inclusión.'}\n" +
			"  ustr-2020:\n  - {sha256: " + Hash(govt) + ", text: El ministerio calificó la lista de infundada.}\n" +
			"  mall-of-fakes:\n  - {sha256: " + Hash(govt) + ", text: Respuesta.}\n  nobody:\n  - {sha256: " + Hash(govt) + ", text: Nadie.}\n",
		"translations/es/ustr-2019.yaml": "focus: {sha256: " + Hash(focus) + ", text: Enfoque.}\n",
	})
	want := []string{
		"translations/es/ustr-2019.yaml:1: focus: editions/ustr-2019.yaml records no issue focus: there is nothing to translate",
		"translations/es/ustr-2020.yaml:8: responses.mall-of-fakes: markets/mall-of-fakes.yaml records no response answering ustr-2020: there is nothing to translate",
		`translations/es/ustr-2020.yaml:10: responses.nobody: "nobody" is neither a market in markets/ nor this file's edition (ustr-2020): a response is filed under the market whose file records it, or the edition's id for one recorded in the edition's file`,
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "translations/es/ustr-2020.yaml:2: focus_title.sha256: is stale") {
		t.Errorf("warnings: %q, want the focus title's translation stale", warnings)
	}
	if got, ok := tr.Text("es", Ref{Responses, "ustr-2020", "fixture-bay"}, said); !ok || !strings.HasPrefix(got, "El operador") {
		t.Errorf("Text(response) = %q, %v", got, ok)
	}
	en := EnglishOf(set)
	for r, text := range map[Ref]string{{Responses, "ustr-2020", "fixture-bay"}: said, {Responses, "ustr-2020", "ustr-2020"}: govt,
		{Focus, "ustr-2020", ""}: focus, {FocusTitle, "ustr-2020", ""}: title} {
		if len(en[r]) != 1 || en[r][0] != text {
			t.Errorf("EnglishOf[%v] = %q, want %q", r, en[r], text)
		}
	}
	// 11 entries and developments, 2 responses, a focus and its title; es has the
	// focus and the two responses up to date, and a stale title
	if p := Count(set, tr); p[0].Total != 15 || p[0].UpToDate != 3 || p[0].Stale != 1 {
		t.Errorf("Count(es) = %+v, want 3 of 15 up to date, 1 stale", p[0])
	}
}

func TestInvisibleCharacters(t *testing.T) {
	const en = "Reported as a *large* torrent index; right holders said it ignored notices."
	for _, c := range []struct{ yaml, want string }{ // the text as a double-quoted YAML string
		{`Als *großer* Torrent-Index\u202e gemeldet.`, "U+202E"}, // a bidi override, as the data refuses
		{`Als *großer* Torrent-Index\x07 gemeldet.`, "U+0007"},   // a control character, which only translations refuse
		{`Als *großer* Torrent-Index gemeldet.\nZweite Zeile.`, ""},
	} {
		_, _, problems, _ := load(t, map[string]string{
			"translations/de/ustr-2019.yaml": "entries:\n  fixture-bay:\n    sha256: " + Hash(en) + "\n    text: \"" + c.yaml + "\"\n",
		})
		got := strings.Join(problems, "\n")
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, "entries.fixture-bay.text: contains the invisible character "+c.want) {
			t.Errorf("%s: problems %q, want the invisible character %q", c.yaml, got, c.want)
		}
	}
}
