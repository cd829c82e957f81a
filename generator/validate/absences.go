package validate

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// absences checks every market's sourced absences (issue 26): each names editions that exist,
// once, with a note and sources, and never an edition that lists the market, which would say
// both that the edition lists it and that it does not.
func (c *checker) absences() {
	editions := map[string]*dataset.Edition{}
	for _, e := range c.set.Editions {
		editions[e.ID()] = e
	}
	for _, m := range c.set.Markets {
		seen := map[string]string{}
		for i, a := range m.Absences {
			f := fmt.Sprintf("absences[%d]", i)
			if len(a.Editions) == 0 {
				c.add(m.Pos.Problem(f+".editions", "is required: the editions (e.g. ustr-2013) the sources say did not list %s", m.Name))
			}
			for k, id := range a.Editions {
				ef := fmt.Sprintf("%s.editions[%d]", f, k)
				e := editions[id]
				if e == nil {
					c.add(m.Pos.Problem(ef, "%q is not an edition in editions/: name it as its file is named (ustr-2013)", id))
					continue
				}
				if other, dup := seen[id]; dup {
					c.add(m.Pos.Problem(ef, "%q is already named in %s", id, other))
					continue
				}
				seen[id] = ef
				for j, en := range e.Entries {
					if en.Market == m.Slug {
						entry := fmt.Sprintf("entries[%d]", j)
						file, err := filepath.Rel(c.set.Dir, e.Pos.File)
						if err != nil {
							file = e.Pos.File
						}
						c.add(m.Pos.Problem(ef, "%q lists %s (%s:%d: %s): a market is either listed in an edition or absent from it; remove the absence or the entry",
							id, m.Name, filepath.ToSlash(file), e.Pos.Line(entry), entry))
					}
				}
			}
			c.text(m.Pos, f+".note", a.Note)
			c.sources(m.Pos, f+".sources", a.Sources)
		}
	}
}

// categoriesNotStated checks a market that says no source states its category: it names none.
// It reports whether the market says so.
func (c *checker) categoriesNotStated(m *dataset.Market) bool {
	if !m.CategoriesNotStated {
		return false
	}
	if len(m.Categories) > 0 {
		c.add(m.Pos.Problem("categories_not_stated", "is true but categories names %s: keep the categories a source states, or remove them", strings.Join(m.Categories, ", ")))
	}
	return true
}

// headings checks the headings that group an edition's entries: one line of text, and every
// entry under one heading in the same section.
func (c *checker) headings(e *dataset.Edition) {
	section := map[string]string{}
	for i, en := range e.Entries {
		if en.Heading == "" {
			continue
		}
		f := fmt.Sprintf("entries[%d].heading", i)
		c.oneLine(e.Pos, f, en.Heading)
		if s, ok := section[en.Heading]; ok && s != en.Section {
			c.add(e.Pos.Problem(f, "%q groups entries of sections %q and %q: a heading sits in one section", en.Heading, s, en.Section))
		}
		section[en.Heading] = en.Section
	}
}

// removals checks that a development marked removed is not also an entry of its edition.
func (c *checker) removals(e *dataset.Edition) {
	entry := map[string]int{}
	for i, en := range e.Entries {
		entry[en.Market] = i
	}
	for i, d := range e.Developments {
		if j, ok := entry[d.Market]; ok && d.Removed {
			c.add(e.Pos.Problem(fmt.Sprintf("developments[%d].removed", i), "%q is listed as entries[%d] (line %d): a market removed from an edition is not one of its entries; remove removed or the entry",
				d.Market, j, e.Pos.Line(fmt.Sprintf("entries[%d]", j))))
		}
	}
}
