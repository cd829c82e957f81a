package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/filechange"
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

// devLoop regenerates the site from data/ each time it changes, keeping the last good pages
// when the data has problems, and tells Hugo exactly which files each regeneration changed.
type devLoop struct {
	dataDir, contentDir, dataOut string
	siteAddress                  func() (string, error)
	stdout, stderr               io.Writer

	// published is the folder Hugo renders into, when serve chose it; hugo, when set, takes
	// each regeneration's changes (hugoserver's standard input).
	published string
	hugo      io.Writer
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

// serve generates the site, runs hugoserver (Hugo, built from go.mod's version, serving the
// site), and regenerates content/ and the open data each time a file below data/ changes,
// handing hugoserver the files that changed, until ctx is done (Ctrl-C or SIGTERM) or Hugo
// stops. A regeneration in progress always finishes before serve returns.
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
		fmt.Fprintln(l.stderr, "serve: building Hugo (go tool -n hugoserver), which takes a few minutes the first time")
	})
	hugoPath, err := toolBinary("hugoserver")
	slow.Stop()
	if err != nil {
		return err
	}
	var args []string
	if !hasFlag(hugoArgs, "destination", "d") {
		// Not public/, where a later build, which does not empty the folder, would leave
		// development pages with the banner: a folder of its own, removed when serve stops.
		if l.published, err = os.MkdirTemp("", "nmw-serve-"); err != nil {
			return err
		}
		defer os.RemoveAll(l.published)
		args = append(args, "--destination", l.published)
	}
	cmd := exec.Command(hugoPath, append(args, hugoArgs...)...)
	cmd.Env = pipeline.HugoEnv()
	cmd.Stdout, cmd.Stderr = l.stdout, l.stderr
	changes, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("hugoserver: %w", err)
	}
	hugoDone := make(chan error, 1)
	go func() { hugoDone <- cmd.Wait() }()
	// hugoserver stops when its input ends: at the latest when this process ends, however.
	defer changes.Close()

	wctx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	watchDone := make(chan error, 1)
	l.hugo = changes
	go func() { watchDone <- l.watch(wctx, w) }()
	fmt.Fprintf(l.stdout, "serve: watching %s; a save regenerates the site\n", l.dataDir)

	select {
	case err := <-hugoDone:
		stopWatching()
		<-watchDone
		// Ctrl-C stops hugoserver too, perhaps before this process sees it.
		if err != nil && ctx.Err() == nil {
			return fmt.Errorf("hugoserver: %w", err)
		}
		return nil
	case err := <-watchDone:
		changes.Close()
		<-hugoDone
		return err
	case <-ctx.Done():
		// The watcher returns once a regeneration in progress has finished writing; then the
		// end of its input stops hugoserver (SIGTERM reaches this process only).
		werr := <-watchDone
		changes.Close()
		cmd.Process.Signal(syscall.SIGTERM)
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
// data are left as they were: the last good site. Then it removes the published pages of
// removed markdown files and tells Hugo which files changed.
func (l *devLoop) regenerate() error {
	before := filechange.Take(l.contentDir, l.dataOut)
	err := generate(l.dataDir, l.contentDir, l.dataOut, l.siteAddress, l.stdout, l.stderr)
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
	changed := filechange.Take(l.contentDir, l.dataOut).Since(before)
	l.publish(changed)
	return err
}

// publish hands Hugo the changed files. Hugo never deletes a page it rendered, so a market
// whose file was renamed or deleted would still be served at its old address: the pages of
// removed markdown files are removed from the published folder first.
func (l *devLoop) publish(changed []filechange.Change) {
	if l.hugo == nil || len(changed) == 0 {
		return
	}
	content, _ := filepath.Abs(l.contentDir)
	for _, c := range changed {
		if rel, err := filepath.Rel(content, c.Path); err == nil && c.Op == filechange.Removed && l.published != "" &&
			strings.HasSuffix(rel, ".md") && !strings.HasPrefix(rel, "..") {
			unpublish(l.published, filepath.ToSlash(rel))
		}
	}
	if err := filechange.Send(l.hugo, changed); err != nil {
		fmt.Fprintf(l.stderr, "generator serve: telling Hugo what changed: %v\n", err)
	}
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

// toolBinary returns the path of one of go.mod's tools, built into Go's cache by `go tool -n
// name`. serve runs it directly, not through `go tool`, so that a signal it passes on reaches
// the tool itself.
func toolBinary(name string) (string, error) {
	out, err := exec.Command("go", "tool", "-n", name).Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		return "", fmt.Errorf("go tool -n %s (run serve in the project's folder): %w: %s", name, err, bytes.TrimSpace(ee.Stderr))
	} else if err != nil {
		return "", fmt.Errorf("go tool -n %s: %w", name, err)
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
