package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// TestIssueForms reads the correction and missing-listing forms that market pages and the
// coverage page link with fields pre-filled: each must parse, require the fields a fix needs
// (the links fill them by id) and state that the lists are allegations.
func TestIssueForms(t *testing.T) {
	dir := filepath.Join(sitetest.Root(t), ".github", "ISSUE_TEMPLATE")
	for _, name := range []string{"correction.yml", "missing-listing.yml"} {
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
			if !strings.Contains(text, "allegations") || !strings.Contains(text, "not court findings") {
				t.Errorf("%s: the allegation caveat is not stated: %q", name, text)
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
