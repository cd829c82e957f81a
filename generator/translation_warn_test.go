package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// TestStaleTranslationWarns (issue 34): after the English of a translated summary changes,
// validate and generate print the translation as a warning with the new English's hash and
// exit 0; the generated market and year pages carry the new English and no translation of it,
// and coverage counts it as not up to date.
func TestStaleTranslationWarns(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(data, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	const old, changed = "Reported for high volumes of counterfeit goods.", "Reported for high volumes of counterfeit shoes."
	tr := "entries:\n  shop-o-rama:\n    sha256: " + translation.Hash(old) + "\n    text: Señalado por grandes volúmenes de productos falsificados.\n" +
		"  old-locker:\n    sha256: " + translation.Hash("Reported as a cyberlocker paying uploaders.") + "\n    text: Señalado como un ciberlocker que paga a quienes suben archivos.\n"
	os.MkdirAll(filepath.Join(data, "translations", "es"), 0o755)
	os.WriteFile(filepath.Join(data, "translations", "es", "ustr-2019.yaml"), []byte(tr), 0o644)
	edition := filepath.Join(data, "editions", "ustr-2019.yaml")
	b, _ := os.ReadFile(edition)
	os.WriteFile(edition, []byte(strings.Replace(string(b), old, changed, 1)), 0o644)

	want := "warning: " + filepath.Join(data, "translations", "es", "ustr-2019.yaml") + ":3: entries.shop-o-rama.sha256: is stale: " +
		"the English it translates has changed since, so pages show the current English until the translation follows it (the current English's sha256 is " + translation.Hash(changed) + ")\n" +
		"1 warning(s): stale translations are not shown; pages show the current English\n"
	code, out, errs := runCmd("-data", data, "validate")
	if code != 0 || errs != want || out != "validate: no problems\n" {
		t.Errorf("validate: exit %d, stdout %q, stderr %q; want exit 0 and stderr %q", code, out, errs, want)
	}
	content, od := t.TempDir(), t.TempDir()
	if code, _, errs := runCmd("-data", data, "-content", content, "-opendata", od, "generate"); code != 0 || errs != want {
		t.Errorf("generate: exit %d, stderr %q; want exit 0 and the warning", code, errs)
	}
	for _, page := range []string{"markets/shop-o-rama.md", "years/2019.md"} {
		b, err := os.ReadFile(filepath.Join(content, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), changed) || strings.Contains(string(b), "Señalado por grandes") {
			t.Errorf("%s: want the new English and not the stale translation", page)
		}
	}
	b, _ = os.ReadFile(filepath.Join(content, "years", "2019.md"))
	if !strings.Contains(string(b), "Señalado como un ciberlocker") {
		t.Error("years/2019.md: the up-to-date translation of Old Locker's summary is missing")
	}
	if _, out, _ := runCmd("-data", data, "coverage"); !strings.Contains(strings.Join(strings.Fields(out), " "), "stale es 1 11 1 fr 0 11 0") {
		t.Errorf("coverage: want es 1 up to date of 11, 1 stale; got\n%s", out)
	}
}
