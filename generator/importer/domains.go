package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/importer/merge"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
)

// newDomains are the domains a report names for a market in data/ that its file lacks.
type newDomains struct {
	market  *dataset.Market
	domains []string // as written in data: Unicode, lower case
	pages   []int
}

// lacking is the domains the report names for m that its file does not list, in Unicode.
func lacking(m *dataset.Market, rm report.Market) []string {
	var out []string
	for _, dom := range rm.Domains {
		found := false
		for _, have := range m.Domains.All() {
			if c, err := domain.Canonical(have); err == nil && c == dom {
				found = true
			}
		}
		if !found {
			out = append(out, domain.Unicode(dom))
		}
	}
	return out
}

// addDomains records, for a merge, the domains the report names for m that its file lacks:
// real reports name new domains of known markets every year (sites move to escape blocking).
func (d *draft) addDomains(m *dataset.Market, rm report.Market) {
	missing := lacking(m, rm)
	if len(missing) == 0 {
		return
	}
	if d.newDomains == nil {
		d.newDomains = map[string]*newDomains{}
	}
	n := d.newDomains[m.Slug]
	if n == nil {
		n = &newDomains{market: m}
		d.newDomains[m.Slug] = n
	}
	for _, dom := range missing {
		if !slices.Contains(n.domains, dom) {
			n.domains = append(n.domains, dom)
		}
	}
	if !slices.Contains(n.pages, rm.Page) {
		n.pages = append(n.pages, rm.Page)
	}
}

// domainFiles are the changes to the files of markets in data/ whose added entries name
// domains they lack: the domains added to domains.current and the report to sources, as
// text, every other byte kept. A file that cannot take them as text is left as it is and
// said so (with KeepProblems; else it stops the merge): validation then names the entry.
func (d *draft) domainFiles(used map[string]bool) ([]merge.File, []string, error) {
	var slugs []string
	for s := range d.newDomains {
		if used[s] {
			slugs = append(slugs, s)
		}
	}
	slices.Sort(slugs)
	var files []merge.File
	var changed []string
	for _, s := range slugs {
		n := d.newDomains[s]
		path := n.market.File
		if path == "" {
			path = filepath.Join(d.opt.DataDir, "markets", s+".yaml")
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		out, err := merge.AddCurrentDomains(src, n.domains, d.url)
		if err != nil {
			err = fmt.Errorf("markets/%s.yaml: %w; add %s (named on page %s) to its domains by hand", s, err, strings.Join(n.domains, ", "), pages(n.pages))
			if !d.opt.KeepProblems {
				return nil, nil, err
			}
			d.note(err.Error())
			continue
		}
		files = append(files, merge.File{Path: path, Data: out, Old: src})
		changed = append(changed, fmt.Sprintf("markets/%s.yaml: %s added to domains.current (named for %s on page %s), the report added to its sources",
			s, strings.Join(n.domains, ", "), n.market.Name, pages(n.pages)))
	}
	return files, changed, nil
}

func pages(ps []int) string {
	var s []string
	for _, p := range ps {
		s = append(s, fmt.Sprint(p))
	}
	return strings.Join(s, ", ")
}
