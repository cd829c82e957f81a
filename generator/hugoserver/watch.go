package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
	"github.com/notorious-markets-watch/nmw/generator/filechange"
	"github.com/notorious-markets-watch/nmw/generator/render"
	"github.com/notorious-markets-watch/nmw/generator/watch"
)

// sources are the hand-made folders hugoserver watches itself. The open data is the
// generator's, whose changes serve sends; so are the generated pages in content/, which the
// watch of content/ leaves out (its hand-written pages are watched).
var sources = []string{"layouts", "assets", "i18n", "static", "content-translations", "content"}

// watchSources calls add with the files that change below the source folders that exist, and
// returns their names.
func watchSources(ctx context.Context, root string, add func([]filechange.Change)) (string, error) {
	var names []string
	for _, name := range sources {
		dir := filepath.Join(root, name)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		w, err := watch.New(dir)
		if err != nil {
			return "", err
		}
		names = append(names, name+"/")
		go func() {
			err := w.Run(ctx, 50*time.Millisecond, func(paths []string) {
				var changes []filechange.Change
				for _, p := range paths {
					abs, _ := filepath.Abs(p)
					op := filechange.Written
					if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
						op = filechange.Removed
						if name == "content" {
							continue // a generated page serve removed, or one by hand: rare
						}
					} else if name == "content" && generated(abs) {
						continue
					}
					changes = append(changes, filechange.Change{Op: op, Path: abs})
				}
				add(changes)
			})
			if err != nil {
				fmt.Fprintln(os.Stderr, "hugoserver:", err)
			}
		}()
	}
	return strings.Join(names, ", "), nil
}

// generated reports whether a content page is one the generator wrote, as the generator tells
// its own pages (contentdir.IsGenerated); a page that cannot be read is not.
func generated(path string) bool {
	g, _ := contentdir.IsGenerated(path, render.Markers)
	return g
}
