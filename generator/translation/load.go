package translation

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Load reads data/translations/<lang>/<edition>.yaml below dataDir. A data folder without
// translations has none. It reports files it cannot read and anything else found there; what
// the files say is checked against the data by Check.
func Load(dataDir string) (*Set, []dataset.Problem) {
	s := &Set{items: map[Ref]map[string][]Item{}}
	root := filepath.Join(dataDir, Dir)
	langs, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	var problems []dataset.Problem
	problem := func(path, msg string) { problems = append(problems, dataset.Problem{File: path, Message: msg}) }
	if err != nil {
		problem(root, "cannot read folder: "+err.Error())
		return s, problems
	}
	for _, l := range langs {
		path := filepath.Join(root, l.Name())
		switch {
		case strings.HasPrefix(l.Name(), "."):
			continue
		case !l.IsDir():
			problem(path, "unexpected file: translations sit in a folder per language ("+strings.Join(Langs, ", ")+")")
			continue
		case !slices.Contains(Langs, l.Name()):
			problem(path, "unknown language "+l.Name()+": the site's languages are "+strings.Join(Langs, ", "))
			continue
		}
		files, err := os.ReadDir(path)
		if err != nil {
			problem(path, "cannot read folder: "+err.Error())
			continue
		}
		for _, e := range files {
			fp := filepath.Join(path, e.Name())
			switch {
			case strings.HasPrefix(e.Name(), "."):
				continue
			case e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml"):
				problem(fp, "unexpected: a translation file is <edition>.yaml, named as its edition's file in editions/")
				continue
			}
			f := &File{Lang: l.Name(), Edition: strings.TrimSuffix(e.Name(), ".yaml")}
			pos, ps, ok := dataset.DecodeFile(fp, f)
			problems = append(problems, ps...)
			if !ok {
				continue
			}
			f.Pos = pos
			s.Files = append(s.Files, f)
		}
	}
	slices.SortStableFunc(s.Files, func(a, b *File) int {
		if a.Lang != b.Lang {
			return slices.Index(Langs, a.Lang) - slices.Index(Langs, b.Lang)
		}
		return strings.Compare(a.Edition, b.Edition)
	})
	for _, f := range s.Files {
		s.add(f)
	}
	return s, problems
}
