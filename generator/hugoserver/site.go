package main

import (
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/common/urls"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/livereload"

	"github.com/notorious-markets-watch/nmw/generator/filechange"
)

// site is the Hugo site being served. Builds are one at a time.
type site struct {
	mu      sync.Mutex
	h       *hugolib.HugoSites
	publish string
	stdout  io.Writer
	stderr  io.Writer

	// failed is set while the last build failed: the next one recovers (Hugo rebuilds more).
	failed bool
	// fast is Hugo's fast render mode: a rebuild renders only the pages Hugo always
	// re-renders (those that list many pages, such as the statistics page); every other page
	// a change made stale is rendered when it is next asked for (visit), so a save costs the
	// pages the browser shows, not every page the change touches (a market's name is on 13
	// year pages in five languages). fresh holds the pages asked for since the last rebuild.
	fast  bool
	fresh map[string]bool
}

// newSite loads the site's configuration as Hugo's server does: the development environment,
// running and watching (hugo.IsServer is true, pages get the live-reload script), with the
// server's address as every language's base URL.
func newSite(o options, stdout, stderr io.Writer) (*site, error) {
	source, err := filepath.Abs(o.source)
	if err != nil {
		return nil, err
	}
	publish, err := filepath.Abs(o.destination)
	if err != nil {
		return nil, err
	}
	cfg := config.New()
	cfg.Set("workingDir", source)
	cfg.Set("environment", "development")
	cfg.Set("publishDir", publish)
	cfg.Set("printI18nWarnings", o.i18nWarnings)
	cfg.Set("internal", hmaps.Params{
		"running":        true,
		"watch":          true,
		"fastRenderMode": !o.disableFastRender,
	})
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       cfg,
		Fs:          hugofs.Os,
		Filename:    o.config,
		Environment: "development",
	})
	if err != nil {
		return nil, err
	}
	cfg.Set("publishDirStatic", publish)
	cfg.Set("publishDirDynamic", publish)
	for _, lc := range configs.LanguageConfigMap {
		configured := lc.BaseURL
		if o.baseURL != "" {
			configured = o.baseURL
		}
		base, err := serverURL(configured, o.bind, o.port)
		if err != nil {
			return nil, err
		}
		lc.C.SetServerInfo(base, base, o.bind)
	}
	level, err := logLevel(o.logLevel)
	if err != nil {
		return nil, err
	}
	h, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  configs,
		Fs:       hugofs.NewFromSourceAndDestination(hugofs.Os, hugofs.Os, cfg),
		StdOut:   stdout,
		StdErr:   stderr,
		LogLevel: level,
	})
	if err != nil {
		return nil, err
	}
	livereload.Initialize()
	return &site{h: h, publish: publish, stdout: stdout, stderr: stderr, fast: !o.disableFastRender,
		fresh: map[string]bool{}}, nil
}

// serverURL is the configured base URL moved to the server's address, keeping its path.
func serverURL(configured, bind string, port int) (urls.BaseURL, error) {
	path := "/"
	if b, err := urls.NewBaseURLFromString(configured); err == nil && b.Path() != "" {
		path = b.Path()
	}
	if !strings.HasSuffix(path, "/") {
		path += "/"
	}
	host := bind
	if host == "" || host == "0.0.0.0" {
		host = "localhost"
	}
	return urls.NewBaseURLFromString("http://" + net.JoinHostPort(host, fmt.Sprint(port)) + path)
}

func logLevel(name string) (logg.Level, error) {
	switch name {
	case "debug":
		return logg.LevelDebug, nil
	case "info":
		return logg.LevelInfo, nil
	case "warn", "":
		return logg.LevelWarn, nil
	case "error":
		return logg.LevelError, nil
	}
	return 0, fmt.Errorf("--logLevel %q: not debug, info, warn or error", name)
}

// build is the first, full build.
func (s *site) build() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.h.Build(hugolib.BuildCfg{})
	s.failed = err != nil
	return err
}

// rebuild tells Hugo which files changed, then the browsers to reload. Changes to static
// files (served from their folders, see handler) need no build.
func (s *site) rebuild(changes []filechange.Change) {
	start := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	var events []fsnotify.Event
	for _, c := range changes {
		if s.h.BaseFs.SourceFilesystems.IsStatic(c.Path) {
			continue
		}
		ev := fsnotify.Event{Name: c.Path, Op: fsnotify.Write}
		switch c.Op {
		case filechange.Created:
			ev.Op = fsnotify.Create
		case filechange.Removed:
			ev.Op = fsnotify.Remove
		}
		events = append(events, ev)
	}
	if len(events) > 0 {
		// No RecentlyTouched: Hugo would add every changed page to the queue and render them
		// all; without it, fast render mode renders only the pages it always re-renders.
		s.fresh = map[string]bool{}
		err := s.h.Build(hugolib.BuildCfg{ErrRecovery: s.failed}, events...)
		s.failed = err != nil
		if err != nil {
			fmt.Fprintf(s.stderr, "hugoserver: rebuild failed, still serving the last pages: %v\n", err)
			return
		}
	}
	livereload.ForceRefresh()
	fmt.Fprintf(s.stdout, "hugoserver: %d changed files (%d for Hugo) rebuilt in %d ms\n", len(changes), len(events), time.Since(start).Milliseconds())
}

// visit renders a page (with its other formats), in fast render mode, the first time it is
// asked for after a rebuild, if the rebuild left it stale, as Hugo's server does.
func (s *site) visit(path string) {
	if !s.fast {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed || s.fresh[path] {
		return
	}
	q := types.NewEvictingQueue[string](1)
	q.Add(path)
	if err := s.h.Build(hugolib.BuildCfg{RecentlyTouched: q, PartialReRender: true}); err != nil {
		fmt.Fprintf(s.stderr, "hugoserver: rendering %s: %v\n", path, err)
		return
	}
	s.fresh[path] = true
}
