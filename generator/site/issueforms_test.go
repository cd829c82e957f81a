package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// issueForm is the part of a GitHub issue form (.github/ISSUE_TEMPLATE/*.yml) the site relies on.
type issueForm struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Body        []struct {
		Type       string `yaml:"type"`
		ID         string `yaml:"id"`
		Attributes struct {
			Label string `yaml:"label"`
			Value string `yaml:"value"`
		} `yaml:"attributes"`
		Validations struct {
			Required bool `yaml:"required"`
		} `yaml:"validations"`
	} `yaml:"body"`
}

// formLanguages are the issue forms' languages: English in correction.yml, every other
// language of the site in correction-<lang>.yml (issue 33.5), with the words that say, in that
// language, that the lists are allegations and not court findings.
var formLanguages = []struct{ lang, suffix, allegations, notFindings string }{
	{"en", "", "allegations", "not court findings"},
	{"es", "-es", "alegaciones", "no resoluciones judiciales"},
	{"fr", "-fr", "allégations", "pas des décisions de justice"},
	{"de", "-de", "Vorwürfe", "keine Gerichtsurteile"},
	{"zh-hans", "-zh-hans", "指控", "并非法院裁决"},
}

// TestIssueForms reads the correction and missing-listing forms that market pages and the
// coverage page link with fields pre-filled, in every language: each must parse, require the
// fields a fix needs (the links fill them by id, the same in every language) and state that the
// lists are allegations.
func TestIssueForms(t *testing.T) {
	dir := filepath.Join(sitetest.Root(t), ".github", "ISSUE_TEMPLATE")
	var names []string
	for _, l := range formLanguages {
		names = append(names, "correction"+l.suffix+".yml", "missing-listing"+l.suffix+".yml")
	}
	for i, name := range names {
		l := formLanguages[i/2]
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			var f issueForm
			dec := yaml.NewDecoder(strings.NewReader(string(data)))
			if err := dec.Decode(&f); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if f.Name == "" || f.Description == "" || len(f.Body) == 0 {
				t.Errorf("%s: a form needs name, description and body", name)
			}
			required := map[string]bool{}
			var text string
			for _, b := range f.Body {
				if b.Type == "markdown" {
					text += b.Attributes.Value
					continue
				}
				if b.ID == "" || b.Attributes.Label == "" {
					t.Errorf("%s: a %s field without id or label", name, b.Type)
				}
				required[b.ID] = b.Validations.Required
			}
			for _, id := range []string{"market", "edition", "section", "source"} {
				if !required[id] {
					t.Errorf("%s: field %q missing or not required", name, id)
				}
			}
			if !strings.Contains(text, l.allegations) || !strings.Contains(text, l.notFindings) {
				t.Errorf("%s: the allegation caveat is not stated in %s: %q", name, l.lang, text)
			}
		})
	}
}

// issueFormProblems checks one issue form against GitHub's form schema: the JSON Schema in
// testdata/issueforms (required keys, allowed types and keys, id syntax), then the rules a schema
// cannot say, which GitHub also enforces: at least one field that is not markdown, unique ids,
// unique labels, and no option called None (a reserved word).
func issueFormProblems(t *testing.T, path string) []string {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join("testdata", "issueforms", "issue-form.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return []string{fmt.Sprintf("%s: not YAML: %v", path, err)}
	}
	j, err := json.Marshal(doc)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", path, err)}
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	if err := sch.Validate(v); err != nil {
		problems = append(problems, fmt.Sprintf("%s: %v", path, err))
	}
	var f struct {
		Body []struct {
			Type       string
			ID         string
			Attributes struct {
				Label   string
				Options []any
			}
		}
	}
	if err := json.Unmarshal(j, &f); err != nil {
		return append(problems, fmt.Sprintf("%s: %v", path, err))
	}
	fields, ids, labels := 0, map[string]bool{}, map[string]bool{}
	for i, b := range f.Body {
		if b.Type == "markdown" {
			continue
		}
		fields++
		if b.ID != "" && ids[b.ID] {
			problems = append(problems, fmt.Sprintf("%s: body[%d]: id %q is not unique", path, i, b.ID))
		}
		ids[b.ID] = true
		label := strings.ToLower(strings.TrimSpace(b.Attributes.Label))
		if labels[label] {
			problems = append(problems, fmt.Sprintf("%s: body[%d]: label %q is not unique", path, i, b.Attributes.Label))
		}
		labels[label] = true
		seen := map[string]bool{}
		for _, o := range b.Attributes.Options {
			name := fmt.Sprint(o)
			if m, ok := o.(map[string]any); ok {
				name = fmt.Sprint(m["label"])
			}
			if b.Type == "dropdown" && strings.EqualFold(name, "none") {
				problems = append(problems, fmt.Sprintf("%s: body[%d]: option %q is a reserved word", path, i, name))
			}
			if seen[name] {
				problems = append(problems, fmt.Sprintf("%s: body[%d]: option %q is not unique", path, i, name))
			}
			seen[name] = true
		}
	}
	if fields == 0 {
		problems = append(problems, fmt.Sprintf("%s: the body has no field that is not markdown", path))
	}
	// GitHub reads YAML 1.1, where an unquoted yes, no, on, off, y or n is a boolean (Go's YAML
	// 1.2 reader above takes them as strings): options must quote them.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil {
		var walk func(n *yaml.Node, inOptions bool)
		walk = func(n *yaml.Node, inOptions bool) {
			switch n.Kind {
			case yaml.ScalarNode:
				if inOptions && n.Style == 0 && yaml11Bool[strings.ToLower(n.Value)] {
					problems = append(problems, fmt.Sprintf("%s:%d: option %s is a boolean to GitHub: quote it", path, n.Line, n.Value))
				}
			case yaml.MappingNode:
				for i := 1; i < len(n.Content); i += 2 {
					walk(n.Content[i], n.Content[i-1].Value == "options")
				}
			default:
				for _, c := range n.Content {
					walk(c, inOptions)
				}
			}
		}
		walk(&root, false)
	}
	return problems
}

// yaml11Bool are the plain words YAML 1.1 reads as booleans (lower-cased).
var yaml11Bool = map[string]bool{"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true, "on": true, "off": true}

// TestIssueFormsFollowGitHubSchema: GitHub shows an issue form only if it follows the form
// schema; a broken form falls back to a blank issue, and the site's pre-filled links lose their
// fields. Every form in .github/ISSUE_TEMPLATE/ is checked (config.yml configures the chooser
// and has another format); the broken fixture must fail on each of its mistakes.
func TestIssueFormsFollowGitHubSchema(t *testing.T) {
	var forms []string
	for _, ext := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(sitetest.Root(t), ".github", "ISSUE_TEMPLATE", ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			if name := filepath.Base(p); name != "config.yml" && name != "config.yaml" {
				forms = append(forms, p)
			}
		}
	}
	if len(forms) == 0 {
		t.Fatal("no issue form in .github/ISSUE_TEMPLATE/")
	}
	for _, p := range forms {
		for _, problem := range issueFormProblems(t, p) {
			t.Error(problem)
		}
	}

	broken := strings.Join(issueFormProblems(t, filepath.Join("testdata", "issueforms", "broken.yml")), "\n")
	for _, want := range []string{"'description'", "market name", `id "market" is not unique`,
		`label "Market" is not unique`, "/body/3/type", "option yes is a boolean", `option "None" is a reserved word`, "'id' not allowed"} {
		if !strings.Contains(broken, want) {
			t.Errorf("the broken form is not reported for %s; the check says:\n%s", want, broken)
		}
	}
}

// TestCorrectionLinksPerLanguage: a market page and the coverage page link the issue forms in
// the page's language, pre-filled with the title that form gives its issues (the i18n strings
// issue_title_correction and issue_title_missing) and the market or edition; each linked form
// exists and its title is that same prefix.
func TestCorrectionLinksPerLanguage(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{Data: generatorFixture(t)})
	dir := filepath.Join(sitetest.Root(t), ".github", "ISSUE_TEMPLATE")
	href := regexp.MustCompile(`href="?(https://github\.com/notorious-markets-watch/nmw/issues/new\?[^" >]+)`)
	for _, l := range formLanguages {
		prefix := ""
		if l.lang != "en" {
			prefix = l.lang + "/"
		}
		links := map[string][]url.Values{} // by page and form
		for _, page := range []string{"markets/fixture-bay/index.html", "coverage/index.html"} {
			for _, m := range href.FindAllStringSubmatch(site.Read(t, prefix+page), -1) {
				u, err := url.Parse(html.UnescapeString(m[1]))
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				links[page+" "+q.Get("template")] = append(links[page+" "+q.Get("template")], q)
			}
		}
		for _, want := range []struct{ page, form, field, value string }{
			{"markets/fixture-bay/index.html", "correction", "market", "Fixture Bay"},
			{"markets/fixture-bay/index.html", "missing-listing", "market", "Fixture Bay"},
			{"coverage/index.html", "missing-listing", "edition", "EU 2020"},
		} {
			form := want.form + l.suffix + ".yml"
			found := links[want.page+" "+form]
			i := slices.IndexFunc(found, func(q url.Values) bool { return q.Get(want.field) == want.value })
			if i < 0 {
				t.Errorf("%s%s: no link to %s pre-filling %s=%q; links: %v", prefix, want.page, form, want.field, want.value, found)
				continue
			}
			q := found[i]
			data, err := os.ReadFile(filepath.Join(dir, form))
			if err != nil {
				t.Errorf("%s%s links %s: %v", prefix, want.page, form, err)
				continue
			}
			var f struct{ Title string }
			if err := yaml.Unmarshal(data, &f); err != nil {
				t.Fatal(err)
			}
			if f.Title == "" || !strings.HasPrefix(q.Get("title"), f.Title) || strings.TrimPrefix(q.Get("title"), f.Title) == "" {
				t.Errorf("%s%s: %s pre-fills title %q, want the form's %q and a name", prefix, want.page, form, q.Get("title"), f.Title)
			}
			if want.form == "correction" && !strings.Contains(q.Get("details"), "https://example.org/"+prefix+"markets/fixture-bay/") {
				t.Errorf("%s%s: %s pre-fills details %q without the page's address", prefix, want.page, form, q.Get("details"))
			}
		}
	}
}
