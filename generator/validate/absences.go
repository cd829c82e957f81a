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
	for _, m := range c.set.Markets {
		seen := map[string]string{}
		for i, a := range m.Absences {
			f := fmt.Sprintf("absences[%d]", i)
			if len(a.Editions) == 0 {
				c.add(m.Pos.Problem(f+".editions", "is required: the editions (e.g. ustr-2013) the sources say did not list %s", m.Name))
			}
			for k, id := range a.Editions {
				ef := fmt.Sprintf("%s.editions[%d]", f, k)
				e := c.set.Edition(id)
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

// removalsAgree checks that a removal is recorded one way (issue 36): a development in an
// edition the market's own absences name is the removal those absences record, so it says
// removed: true; and a development marked removed is not followed by an absence that starts
// with the publisher's next edition, which would put the removal an edition later.
func (c *checker) removalsAgree() {
	absent := map[string]map[string]string{} // market slug → edition id → field of its absence
	for _, m := range c.set.Markets {
		for i, a := range m.Absences {
			for k, id := range a.Editions {
				if absent[m.Slug] == nil {
					absent[m.Slug] = map[string]string{}
				}
				if _, dup := absent[m.Slug][id]; !dup {
					absent[m.Slug][id] = fmt.Sprintf("absences[%d].editions[%d]", i, k)
				}
			}
		}
	}
	next := map[string]*dataset.Edition{} // edition id → the same publisher's next edition
	last := map[string]*dataset.Edition{}
	for _, e := range c.set.Editions {
		if prev := last[e.Publisher]; prev != nil {
			next[prev.ID()] = e
		}
		last[e.Publisher] = e
	}
	for _, e := range c.set.Editions {
		for i, d := range e.Developments {
			m := c.set.Market(d.Market)
			if m == nil {
				continue // marketRef reports it
			}
			f := fmt.Sprintf("developments[%d]", i)
			where := func(field string) string {
				return fmt.Sprintf("markets/%s.yaml:%d: %s", m.Slug, m.Pos.Line(field), field)
			}
			field, named := absent[m.Slug][e.ID()]
			switch {
			case named && !d.Removed:
				c.add(e.Pos.Problem(f+".market", "%q is absent from %s by its own file (%s): this development reports that removal, so mark it removed: true", d.Market, e.ID(), where(field)))
			case !named && d.Removed && next[e.ID()] != nil:
				if later, ok := absent[m.Slug][next[e.ID()].ID()]; ok {
					c.add(e.Pos.Problem(f+".removed", "says %s took %q off the list, but its file's absence starts with %s (%s): add %s to that absence", e.ID(), d.Market, next[e.ID()].ID(), where(later), e.ID()))
				}
			}
		}
	}
}
