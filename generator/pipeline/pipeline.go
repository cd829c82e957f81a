// Package pipeline runs the generator's whole flow: load → validate → model → render → write
// content pages and open-data files.
package pipeline

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/extension"
	"github.com/notorious-markets-watch/nmw/generator/gazetteer"
	"github.com/notorious-markets-watch/nmw/generator/maps"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/opendata"
	"github.com/notorious-markets-watch/nmw/generator/outdir"
	"github.com/notorious-markets-watch/nmw/generator/render"
	"github.com/notorious-markets-watch/nmw/generator/translation"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// MemoryLimit is the heap size the generator asks Go's garbage collector to stay under, unless
// GOMEMLIMIT says otherwise. By default Go lets the heap grow to twice the live data between
// collections, which took the generator past 500 MB at 50,000 markets. The limit is soft: with
// more live data than this, the collector only runs more often.
const MemoryLimit = 400 << 20

// HugoGC is how the site's builds run Go's garbage collector in Hugo: GOGC and GOMEMLIMIT (see
// HugoEnv). netlify.toml sets the same (a test checks).
//
// With Go's default (GOGC=100) Hugo's heap grows to twice its live data: about 1.4 GB at 10,000
// markets. Under the soft limit the collector runs more often when the heap nears it, and with
// GOGC=200 it runs half as often below it, so a small site (the real data: under 300 MB) spends
// less time collecting. Measured: the real site 12% faster; 10,000 markets 9% less CPU than
// under the limit alone, at 0.95 GB. GOGC=400 (issue 35): the real site's five languages
// another 8% less CPU (6.5 → 6.0 CPU-s, A/B); a large site's heap is held by the limit anyway.
var HugoGC = []string{"GOGC=400", "GOMEMLIMIT=900MiB"}

// HugoEnv is the environment to run Hugo in: this process's, with HugoGC's settings where it
// does not set them.
func HugoEnv() []string {
	env := os.Environ()
	for _, kv := range HugoGC {
		name, _, _ := strings.Cut(kv, "=")
		if os.Getenv(name) == "" {
			env = append(env, kv)
		}
	}
	return env
}

// LimitMemory applies MemoryLimit to this process, unless GOMEMLIMIT is set.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}

// Load reads and validates a data folder and its translations. Problems mean the data must be
// fixed; the error is for a folder that cannot be read. Stale translations are the site's
// Warnings, not problems.
func Load(dataDir string, today time.Time) (*model.Site, []dataset.Problem, error) {
	set, problems, err := dataset.Load(dataDir)
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, validate.Check(set, validate.Options{Today: today})...)
	places, placeProblems := gazetteer.Load(dataDir)
	problems = append(problems, placeProblems...)
	problems = append(problems, gazetteer.Check(places, set)...)
	translations, trProblems := translation.Load(dataDir)
	problems = append(problems, trProblems...)
	trProblems, warnings := translation.Check(set, translations)
	problems = append(problems, trProblems...)
	names, nameProblems := gazetteer.LoadNames(dataDir)
	problems = append(problems, nameProblems...)
	problems = append(problems, gazetteer.CheckNames(names, set)...)
	world, err := maps.Load(dataDir)
	if err != nil {
		problems = append(problems, dataset.Problem{File: filepath.Join(dataDir, maps.File), Message: err.Error()})
	}
	dataset.SortProblems(problems)
	if len(problems) > 0 {
		return nil, problems, nil
	}
	site := model.Build(set)
	site.Places, site.PlaceNames, site.World = places, names, world
	site.Translations, site.Warnings = translations, warnings
	return site, nil, nil
}

// Generate first rolls back a run on contentDir that was interrupted, then loads dataDir and, if
// it has no problems, writes its pages into contentDir.
func Generate(dataDir, contentDir string, today time.Time) (*model.Site, contentdir.Stats, []dataset.Problem, error) {
	if err := contentdir.Recover(contentDir); err != nil {
		return nil, contentdir.Stats{}, nil, err
	}
	site, problems, err := Load(dataDir, today)
	if err != nil || len(problems) > 0 {
		return nil, contentdir.Stats{}, problems, err
	}
	st, err := contentdir.WriteEach(contentDir, render.Markers, func(yield func(contentdir.File) error) error {
		return render.Each(site, func(p render.Page) error {
			return yield(contentdir.File{Path: p.Path, Data: p.Data})
		})
	})
	return site, st, nil, err
}

// WriteOpenData writes the site's open-data files (JSON, CSV, the domain look-up API) and the
// browser extension (unpacked and zipped, with links below baseURL) into dir/files, which Hugo
// mounts as static files, tracking them in dir's manifest. The open-data files are made one at
// a time as they are written.
func WriteOpenData(site *model.Site, dir, baseURL string) (outdir.Stats, error) {
	ext, err := extension.Published(site, baseURL)
	if err != nil {
		return outdir.Stats{}, err
	}
	return outdir.WriteEach(dir, func(yield func(outdir.File) error) error {
		err := opendata.Each(site, func(f opendata.File) error {
			return yield(outdir.File{Path: f.Path, Write: f.Write})
		})
		for _, f := range ext {
			if err != nil {
				break
			}
			err = yield(outdir.Bytes(f.Path, f.Data))
		}
		return err
	})
}
