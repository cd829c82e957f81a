package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/importer/merge"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// merge adds the draft to data/: the edition file if data/ has none, else the entries (and
// developments) of markets it does not list yet, the report's hash and pages and the counts
// where it has none; and a file for each new market. It changes no entry, development or market
// already there, except that a market's file gets the new domains the report names for it
// (domains.go). It writes nothing unless the merged data validates (checked in a copy first;
// with KeepProblems it writes anyway and returns the problems) and every file can be written.
func (d *draft) merge() error {
	dir := d.opt.DataDir
	var files []merge.File
	var added []string
	used := map[string]bool{} // markets of what is added
	path := filepath.Join(dir, "editions", d.opt.Edition+".yaml")
	if old := d.existing(); old == nil {
		b, err := Marshal(d.edition)
		if err != nil {
			return err
		}
		files = append(files, merge.File{Path: path, Data: b})
		var kept []entry
		for _, en := range d.edition.Entries {
			if !d.uncategorised(en) {
				kept = append(kept, en)
				used[en.Market] = true
			}
		}
		d.edition.Entries = kept
		b, err = Marshal(d.edition)
		if err != nil {
			return err
		}
		files[0].Data = b
		for _, x := range d.edition.Developments {
			used[x.Market] = true
		}
		added = append(added, fmt.Sprintf("editions/%s.yaml: new, %d entries, %d developments", d.opt.Edition, len(d.edition.Entries), len(d.edition.Developments)))
	} else {
		src, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("the edition %s is not in %s: -merge adds to it there", d.opt.Edition, path)
		}
		out, what, err := d.mergeEdition(old, src, used)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if !bytes.Equal(out, src) {
			files = append(files, merge.File{Path: path, Data: out, Old: src})
			added = append(added, fmt.Sprintf("editions/%s.yaml: %s", d.opt.Edition, strings.Join(what, ", ")))
		}
	}
	for _, n := range d.newList {
		if !used[n.slug] {
			continue
		}
		b, err := Marshal(n.m)
		if err != nil {
			return err
		}
		files = append(files, merge.File{Path: filepath.Join(dir, "markets", n.slug+".yaml"), Data: b})
		added = append(added, fmt.Sprintf("markets/%s.yaml: new market %q", n.slug, n.m.Name))
	}
	domainFiles, changed, err := d.domainFiles(used)
	if err != nil {
		return err
	}
	files = append(files, domainFiles...)
	if len(files) == 0 {
		d.res.Added = nil
		return nil
	}
	problems, err := checkMerged(dir, files, d.opt.KeepProblems)
	if err != nil {
		return err
	}
	if err := merge.Write(files); err != nil {
		return err
	}
	d.res.Added, d.res.Changed, d.res.Problems = added, changed, problems
	for _, f := range files {
		d.res.Written = append(d.res.Written, f.Path)
	}
	return nil
}

// uncategorised reports whether an entry's market is new and has no category: validation
// would refuse it, so the merge leaves it out and says so, with its page. With KeepProblems
// it is added all the same, for the reviewer to choose its category.
func (d *draft) uncategorised(en entry) bool {
	n := d.newBy[en.Market]
	if n == nil || len(n.m.Categories) > 0 || d.opt.KeepProblems {
		return false
	}
	d.note(fmt.Sprintf("page %d: %q: not added: no category found in the report's words; add markets/%s.yaml and the entry by hand", en.Page, n.m.Name, en.Market))
	return true
}

// mergeEdition adds to the edition file src what it lacks, as text after what is there.
func (d *draft) mergeEdition(old *dataset.Edition, src []byte, used map[string]bool) ([]byte, []string, error) {
	var what []string
	out := src
	var err error
	listed := map[string]bool{}
	for _, en := range old.Entries {
		listed[en.Market] = true
	}
	var entries []entry
	for _, en := range d.edition.Entries {
		if d.uncategorised(en) {
			continue
		}
		if !listed[en.Market] {
			entries = append(entries, en)
			used[en.Market] = true
		}
	}
	if len(entries) > 0 {
		b, err := Marshal(entries)
		if err != nil {
			return nil, nil, err
		}
		if out, err = merge.AppendItems(out, "entries", b); err != nil {
			return nil, nil, err
		}
		what = append(what, fmt.Sprintf("%d entries", len(entries)))
	}
	// Developments come only with a summary carried from data/, so are never new here; those
	// the report names that data/ lacks are in the notes.
	after := "url"
	if r := d.edition.Report; r != nil {
		switch {
		case old.Report.URL == "":
			b, _ := Marshal(map[string]*reportRef{"report": r})
			if out, err = merge.AddAfter(out, "url", b); err != nil {
				return nil, nil, err
			}
			what = append(what, "report")
		case old.Report.SHA256 == "" && r.SHA256 != "" && old.Report.URL == r.URL:
			b, _ := Marshal(struct {
				SHA256     string `yaml:"sha256"`
				Pages      int    `yaml:"pages"`
				PageOffset int    `yaml:"page_offset,omitempty"`
			}{r.SHA256, r.Pages, r.PageOffset})
			if out, err = merge.AddFields(out, "report", b); err != nil {
				return nil, nil, err
			}
			what = append(what, "report.sha256 and report.pages")
		}
		after = "report"
	}
	oc := old.Counts
	if oc.Online == nil && oc.Physical == nil && oc.Total == nil && d.edition.Counts.Source != "" {
		b, _ := Marshal(map[string]counts{"counts": d.edition.Counts})
		if out, err = merge.AddAfter(out, after, b); err != nil {
			return nil, nil, err
		}
		what = append(what, "counts")
	}
	return out, what, nil
}

// checkMerged writes the files into a copy of data/ and validates it: a merge that would make
// data/ invalid is refused, with the problems, and so is one into data/ with problems already.
// With keep, it returns the merged data's problems (paths in dir) instead.
func checkMerged(dir string, files []merge.File, keep bool) ([]dataset.Problem, error) {
	today := time.Now()
	before, problems, err := dataset.Load(dir)
	if err != nil {
		return nil, err
	}
	if problems = append(problems, validate.Check(before, validate.Options{Today: today})...); len(problems) > 0 && !keep {
		return nil, fmt.Errorf("%s has %d problems before the merge (run `generator validate`): fix them first", dir, len(problems))
	}
	tmp, err := os.MkdirTemp("", "nmw-merge-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cp := filepath.Join(tmp, "data")
	if err := os.CopyFS(cp, os.DirFS(dir)); err != nil {
		return nil, err
	}
	var moved []merge.File
	for _, f := range files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil {
			return nil, err
		}
		moved = append(moved, merge.File{Path: filepath.Join(cp, rel), Data: f.Data, Old: f.Old})
	}
	if err := merge.Write(moved); err != nil {
		return nil, err
	}
	after, problems, err := dataset.Load(cp)
	if err != nil {
		return nil, err
	}
	problems = append(problems, validate.Check(after, validate.Options{Today: today})...)
	dataset.SortProblems(problems)
	var b strings.Builder
	for i := range problems {
		problems[i].File = strings.Replace(problems[i].File, cp, dir, 1)
		fmt.Fprintf(&b, "\n  %s", problems[i])
	}
	if len(problems) == 0 || keep {
		return problems, nil
	}
	return nil, errors.New("the merged data would not validate, so nothing was written:" + b.String())
}
