package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
