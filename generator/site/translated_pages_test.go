package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// A translated hand-written page (content-translations/<lang>/<path>) names in its front matter
// the version of its English original (content/<path>) it translates:
//
//	translationOf:
//	  file: about.md
//	  sha256: 3f1c…
//
// sha256 is the hash of the whole English file; for a page that translates only the front matter
// (no body: the English body is shown, marked as English) it is the hash of the English front
// matter alone, so that edits to the English body do not ask for a translation.
type translationOf struct {
	File   string `yaml:"file"`
	SHA256 string `yaml:"sha256"`
}

// splitPage returns a markdown page's YAML front matter (without the --- lines) and its body.
func splitPage(b []byte) (front, body []byte) {
	s := string(b)
	if !strings.HasPrefix(s, "---\n") {
		return nil, b
	}
	if strings.HasSuffix(s, "\n---") {
		s += "\n" // a page that ends with its front matter
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return nil, b
	}
	return []byte(s[4 : 4+end+1]), []byte(s[4+end+5:])
}

// translatedHash is what a translation's sha256 records of its English original.
func translatedHash(english []byte, frontOnly bool) string {
	if frontOnly {
		english, _ = splitPage(english)
	}
	sum := sha256.Sum256(english)
	return hex.EncodeToString(sum[:])
}

// heading is one markdown heading: its level and text.
type heading struct {
	Level int
	Text  string
}

// headings lists a markdown body's headings in order (code blocks and front matter aside).
func headings(body []byte) []heading {
	doc := goldmark.New().Parser().Parse(text.NewReader(body))
	var out []heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			var t strings.Builder
			for i := 0; i < h.Lines().Len(); i++ {
				seg := h.Lines().At(i)
				t.Write(seg.Value(body))
			}
			out = append(out, heading{h.Level, strings.TrimSpace(t.String())})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// missingSections compares the headings of an English page and of its translation, which
// says them in its own words but has one for each of the original's, at the same level and in
// the same order. It returns a description of the difference, or "".
func missingSections(english, translated []byte) string {
	en, tr := headings(english), headings(translated)
	same := len(en) == len(tr)
	for i := 0; same && i < len(en); i++ {
		same = en[i].Level == tr[i].Level
	}
	if same {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the English page has %d headings, the translation %d (or at other levels):\n", len(en), len(tr))
	for i := 0; i < max(len(en), len(tr)); i++ {
		e, t := "(none)", "(none)"
		if i < len(en) {
			e = strings.Repeat("#", en[i].Level) + " " + en[i].Text
		}
		if i < len(tr) {
			t = strings.Repeat("#", tr[i].Level) + " " + tr[i].Text
		}
		fmt.Fprintf(&b, "\t%-50s | %s\n", e, t)
	}
	return b.String()
}

// oldVersion finds, in git's history of an English page, the commit whose version hashes to
// want, so that the message can show the translator what changed. "" when git cannot say.
func oldVersion(root, rel, want string, frontOnly bool) string {
	out, err := exec.Command("git", "-C", root, "log", "--format=%H", "--", rel).Output()
	if err != nil {
		return ""
	}
	for _, c := range strings.Fields(string(out)) {
		b, err := exec.Command("git", "-C", root, "show", c+":"+rel).Output()
		if err == nil && translatedHash(b, frontOnly) == want {
			return c[:12]
		}
	}
	return ""
}

// TestTranslatedPagesUpToDate: every translated hand-written page names the version of its
// English original it translates; when the English page changes, the test fails until the
// translation is brought up to date and its hash renewed. A translation must also have a
// section (heading) for each of its original's.
func TestTranslatedPagesUpToDate(t *testing.T) {
	root := sitetest.Root(t)
	tdir := filepath.Join(root, "content-translations")
	n := 0
	err := filepath.WalkDir(tdir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		n++
		rel, _ := filepath.Rel(tdir, p)
		lang, page, _ := strings.Cut(filepath.ToSlash(rel), "/")
		trName := "content-translations/" + lang + "/" + page
		enName := "content/" + page
		tb, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		eb, err := os.ReadFile(filepath.Join(root, "content", filepath.FromSlash(page)))
		if err != nil {
			t.Errorf("%s: no English original %s: %v", trName, enName, err)
			return nil
		}
		front, body := splitPage(tb)
		var fm struct {
			TranslationOf *translationOf `yaml:"translationOf"`
		}
		if err := yaml.Unmarshal(front, &fm); err != nil {
			t.Errorf("%s: front matter: %v", trName, err)
			return nil
		}
		frontOnly := len(bytes.TrimSpace(body)) == 0
		now := translatedHash(eb, frontOnly)
		what := "the whole English file"
		if frontOnly {
			what = "the English front matter (this page translates only its title and description)"
		}
		switch tr := fm.TranslationOf; {
		case tr == nil:
			t.Errorf("%s: its front matter does not say which version of %s it translates: add\n"+
				"translationOf:\n  file: %s\n  sha256: %s\n(the sha256 of %s) once the translation matches it (i18n/README.md)", trName, enName, page, now, what)
		case tr.File != page:
			t.Errorf("%s: translationOf.file is %q, want %q (the English original is %s)", trName, tr.File, page, enName)
		case tr.SHA256 != now:
			how := "find the version it translated in `git log -p " + enName + "`"
			if c := oldVersion(root, enName, tr.SHA256, frontOnly); c != "" {
				how = "see what changed with `git diff " + c + " -- " + enName + "`"
			}
			t.Errorf("%s is out of date: %s changed since it was translated (translationOf.sha256 %.12s…, %s now hashes to %.12s…).\n"+
				"Translate the change: %s; then set translationOf.sha256 in %s to\n  %s\n(see i18n/README.md, \"Translated pages\")", trName, enName, tr.SHA256, enName, now, how, trName, now)
		}
		if !frontOnly {
			_, ebody := splitPage(eb)
			if d := missingSections(ebody, body); d != "" {
				t.Errorf("%s lacks a section of %s: %s", trName, enName, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("content-translations/ has no pages")
	}
}

// TestMissingSections checks the comparison itself on pages made for it: a translation without
// the original's extension section is caught, one with every section is not.
func TestMissingSections(t *testing.T) {
	en := []byte("Intro.\n\n## Where the facts come from\n\nText.\n\n## What a listing means\n\n### Detail\n\n## The browser extension\n\n```\n## not a heading\n```\n\n## Corrections\n")
	full := []byte("Intro.\n\n## De dónde salen los datos\n\n## Qué significa\n\n### Detalle\n\n## La extensión\n\n## Correcciones\n")
	lacking := []byte("Intro.\n\n## De dónde salen los datos\n\n## Qué significa\n\n### Detalle\n\n## Correcciones\n")
	flat := []byte("Intro.\n\n## De dónde salen los datos\n\n## Qué significa\n\n## Detalle\n\n## La extensión\n\n## Correcciones\n")
	if got := headings(en); len(got) != 5 || got[3].Text != "The browser extension" {
		t.Fatalf("headings(en) = %v, want 5 without the one in the code block", got)
	}
	if d := missingSections(en, full); d != "" {
		t.Errorf("a full translation is reported as lacking a section: %s", d)
	}
	if d := missingSections(en, lacking); !strings.Contains(d, "The browser extension") {
		t.Errorf("a translation without the extension section is not caught: %q", d)
	}
	if d := missingSections(en, flat); d == "" {
		t.Error("a translation with a heading at another level is not caught")
	}
	if translatedHash([]byte("---\ntitle: A\n---\nbody"), true) != translatedHash([]byte("---\ntitle: A\n---\nother body"), true) {
		t.Error("a front-matter-only translation's hash changes with the English body")
	}
}
