package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/watch"
)

// quiet is how long serve waits after a change below data/ before it regenerates, so that a
// burst of saves (an editor's temporary file and rename, a script writing several files) is
// one regeneration.
const quiet = 80 * time.Millisecond

// ServeProblems is the file, below the open-data folder, where serve lists the data's problems
// for the development banner. hugo.toml mounts its folder as Hugo data (hugo.Data.serve), and
// layouts/_partials/serve-problems.html shows it only when Hugo runs as a server: build never
// writes it and a build never shows it. serve removes it when it stops.
const ServeProblems = "serve/problems.json"

// hugoBatch is a little more than the interval at which Hugo's server takes the file changes
// it has seen as one change (500 ms in Hugo 0.165, commands/hugobuilder.go).
const hugoBatch = 600 * time.Millisecond

// devLoop regenerates the site from data/ each time it changes, keeping the last good pages
// when the data has problems.
type devLoop struct {
	dataDir, contentDir, dataOut string
	siteAddress                  func() (string, error)
	stdout, stderr               io.Writer

	// published is the folder Hugo's server renders into, when serve chose it; pages is the
	// markdown files below content/ before the regeneration in progress.
	published string
	pages     map[string]bool
}

// pause waits, between writing content/ and the open data, until Hugo has taken the pages as
// one change. Hugo rebuilds the whole site, after waiting 4 s for quiet, when a change has
// more than 50 file events; each page the generator replaces makes three (its temporary file
// renamed, the page created, the backup removed) and each open-data file two, so a one-market
// edit (15 pages, 18 open-data files) in one change took 8-12 s instead of one partial rebuild.
//
// It first removes, from the folder Hugo's server renders into, the pages of the markdown files
// the regeneration removed: Hugo's server never deletes a page it rendered, so a market whose
// file was renamed or deleted would still be served at its old address.
func (l *devLoop) pause() {
	if l.published != "" && l.pages != nil {
		now := markdownFiles(l.contentDir)
		for p := range l.pages {
			if !now[p] {
				unpublish(l.published, p)
			}
		}
	}
	time.Sleep(hugoBatch)
}

// markdownFiles lists the .md files below dir, by slash-separated path.
func markdownFiles(dir string) map[string]bool {
	files := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return files
}

// unpublish removes the rendered folder of a content page (markets/x.md: markets/x/, with the
// page's other formats) from the published folder, in every language: at its root and below
// each language's folder.
func unpublish(published, page string) {
	rel := strings.TrimSuffix(page, ".md")
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, "/_index"), "/index")
	if rel == "_index" || rel == "index" || rel == "" {
		return
	}
	rel = filepath.FromSlash(rel)
	os.RemoveAll(filepath.Join(published, rel))
	langs, _ := os.ReadDir(published)
	for _, d := range langs {
		if d.IsDir() {
			os.RemoveAll(filepath.Join(published, d.Name(), rel))
		}
	}
}

// serve generates the site, runs Hugo's server, and regenerates content/ and the open data
// each time a file below data/ changes, until ctx is done (Ctrl-C or SIGTERM) or Hugo stops.
// A regeneration in progress always finishes before serve returns.
func serve(ctx context.Context, l *devLoop, hugoArgs []string) error {
	defer os.Remove(filepath.Join(l.dataOut, filepath.FromSlash(ServeProblems)))
	// With problems in the data, Hugo serves content/ as it is: the last good site.
	if err := l.regenerate(); err != nil && !errors.Is(err, errInvalid) {
		return err
	}
	w, err := watch.New(l.dataDir)
	if err != nil {
		return err
	}
	slow := time.AfterFunc(2*time.Second, func() {
		fmt.Fprintln(l.stderr, "serve: building Hugo (go tool -n hugo), which takes a few minutes the first time")
	})
	hugoPath, err := hugoBinary()
	slow.Stop()
	if err != nil {
		return err
	}
	args := []string{"server"}
	if !hasFlag(hugoArgs, "renderToMemory", "destination", "d") {
		// By default Hugo's server writes its pages into public/, where a later build, which
		// does not empty the folder, would leave them: development pages, with the banner.
		// serve gives it a folder of its own, removed when it stops.
		if l.published, err = os.MkdirTemp("", "nmw-serve-"); err != nil {
			return err
		}
		defer os.RemoveAll(l.published)
		args = append(args, "--destination", l.published)
	}
	cmd := exec.Command(hugoPath, append(args, hugoArgs...)...)
	cmd.Env = pipeline.HugoEnv()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, l.stdout, l.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	hugoDone := make(chan error, 1)
	go func() { hugoDone <- cmd.Wait() }()

	wctx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	watchDone := make(chan error, 1)
	go func() { watchDone <- l.watch(wctx, w) }()
	fmt.Fprintf(l.stdout, "serve: watching %s; a save regenerates the site\n", l.dataDir)

	select {
	case err := <-hugoDone:
		stopWatching()
		<-watchDone
		// Ctrl-C stops Hugo too, perhaps before this process sees it.
		if err != nil && ctx.Err() == nil {
			return fmt.Errorf("hugo: %w", err)
		}
		return nil
	case err := <-watchDone:
		cmd.Process.Signal(syscall.SIGTERM)
		<-hugoDone
		return err
	case <-ctx.Done():
		// Ctrl-C reaches Hugo too; SIGTERM is sent to this process only, so pass it on. The
		// watcher returns once a regeneration in progress has finished writing.
		cmd.Process.Signal(syscall.SIGTERM)
		werr := <-watchDone
		<-hugoDone
		return werr
	}
}

// watch regenerates the site after each burst of changes w sees, until ctx is done and any
// regeneration in progress has finished.
func (l *devLoop) watch(ctx context.Context, w *watch.Watcher) error {
	return w.Run(ctx, quiet, func([]string) { l.regenerate() })
}

// regenerate runs generate once, prints what it did or every problem, and writes the problems
// (none, after a good run) for the development banner. With problems, content/ and the open
// data are left as they were: the last good site.
func (l *devLoop) regenerate() error {
	l.pages = markdownFiles(l.contentDir)
	err := generate(l.dataDir, l.contentDir, l.dataOut, l.siteAddress, l.pause, l.stdout, l.stderr)
	var list []string
	var invalid *invalidError
	switch {
	case errors.As(err, &invalid):
		for _, p := range invalid.problems {
			list = append(list, p.String())
		}
		fmt.Fprintf(l.stderr, "serve: still serving the last good site; a save that fixes the data updates it\n")
	case err != nil:
		fmt.Fprintf(l.stderr, "generator serve: %v\n", err)
		list = []string{"generator: " + err.Error()}
	}
	if werr := writeProblems(filepath.Join(l.dataOut, filepath.FromSlash(ServeProblems)), list); werr != nil {
		fmt.Fprintf(l.stderr, "generator serve: %v\n", werr)
	}
	return err
}

// writeProblems writes the problems file the banner reads, a JSON list of lines, replacing it in one rename so Hugo
// never reads half of it, and only when its content changes.
func writeProblems(path string, problems []string) error {
	if problems == nil {
		problems = []string{}
	}
	b, err := json.MarshalIndent(problems, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// The temporary file is outside the folder Hugo reads.
	tmp := filepath.Join(filepath.Dir(filepath.Dir(path)), ".serve-problems.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// hugoBinary returns the path of the Hugo that go.mod pins, built into Go's cache by `go tool
// -n hugo`. serve runs it directly, not through `go tool`, so that a SIGTERM it passes on
// reaches Hugo itself.
func hugoBinary() (string, error) {
	out, err := exec.Command("go", "tool", "-n", "hugo").Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		return "", fmt.Errorf("go tool -n hugo (run serve in the project's folder): %w: %s", err, bytes.TrimSpace(ee.Stderr))
	} else if err != nil {
		return "", fmt.Errorf("go tool -n hugo: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// hasFlag reports whether args give one of the named flags (-d, --name or --name=value).
func hasFlag(args []string, names ...string) bool {
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && slices.Contains(names, name) {
			return true
		}
	}
	return false
}
