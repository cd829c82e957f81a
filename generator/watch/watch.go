// Package watch calls a function when files below a folder change. It watches the folder and
// every folder below it with fsnotify (folders created later are added as they appear; editors
// that save by writing a temporary file and renaming it over the old one are seen, as the
// folder is watched, not the file), waits until the changes stop for a moment, and then calls
// the function once for the whole burst.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches a folder tree. Make one with New, then call Run.
type Watcher struct {
	dir string
	fs  *fsnotify.Watcher
}

// New starts watching dir and every folder below it. Changes made after New returns are seen
// by Run, even before Run is called.
func New(dir string) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	w := &Watcher{dir: dir, fs: fw}
	if err := w.addTree(dir); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

// addTree watches dir and the folders below it.
func (w *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A folder removed while it is walked is no longer there to watch.
			if errors.Is(err, fs.ErrNotExist) && p != w.dir {
				return nil
			}
			return fmt.Errorf("watch: %w", err)
		}
		if !d.IsDir() {
			return nil
		}
		if err := w.fs.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("watch %s: %w", p, err)
		}
		return nil
	})
}

// Run waits for changes below the folder and calls changed with the paths that changed (sorted
// as they came, without repeats) once no further change has come for quiet. changed is never
// called twice at once: changes made while it runs are collected and handed to the next call.
// Run returns when ctx is done, and only after a call of changed in progress has returned, so
// that the caller can stop without interrupting it; it also returns if the watch fails.
func (w *Watcher) Run(ctx context.Context, quiet time.Duration, changed func(paths []string)) error {
	defer w.fs.Close()
	var (
		pending []string
		seen    = map[string]bool{}
		timer   = time.NewTimer(quiet)
	)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.fs.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events, not the watch: treat it as a change of everything.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				pending = append(pending, w.dir)
				timer.Reset(quiet)
				continue
			}
			return fmt.Errorf("watch %s: %w", w.dir, err)
		case ev, ok := <-w.fs.Events:
			if !ok {
				return nil
			}
			if !w.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					// A new folder, perhaps renamed here with files already in it.
					if err := w.addTree(ev.Name); err != nil {
						return err
					}
				}
			}
			if !seen[ev.Name] {
				seen[ev.Name] = true
				pending = append(pending, ev.Name)
			}
			timer.Reset(quiet)
		case <-timer.C:
			paths := pending
			pending, seen = nil, map[string]bool{}
			changed(paths)
		}
	}
}

// relevant leaves out changes of permissions only and those of hidden files (an editor's swap
// and lock files, which the data loader skips too). A file saved through a hidden temporary
// file still counts: its rename creates the visible name.
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	rel, err := filepath.Rel(w.dir, ev.Name)
	if err != nil {
		return true
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return false
		}
	}
	return true
}
