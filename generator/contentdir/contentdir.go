// Package contentdir writes generated pages into Hugo's content folder without ever touching a
// page written by hand: each write is atomic, unchanged files are left alone, and only generated
// pages that are no longer produced are removed.
package contentdir

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// tempPrefix starts the name of every temporary file; a run removes those an interrupted run left.
const tempPrefix = ".nmw-tmp-"

// File is one file to write, with a slash-separated path relative to the content folder.
type File struct {
	Path string
	Data []byte
}

// Stats counts what a Write did.
type Stats struct {
	Written, Unchanged, Removed int
	Kept                        []string // hand-written files left in place of a generated page
}

// Write makes dir hold files, recognising generated files by their first lines containing marker.
// It first writes every changed file to a temporary file, then renames them all into place, then
// removes generated files that are no longer wanted, so that a failure before the renames leaves
// the folder as it was.
func Write(dir, marker string, files []File) (Stats, error) {
	var st Stats
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("content folder: %w", err)
	}
	existing, err := scan(dir, marker)
	if err != nil {
		return st, err
	}
	wanted := map[string]bool{}
	type pending struct{ tmp, dst string }
	var renames []pending
	cleanup := func() {
		for _, p := range renames {
			os.Remove(p.tmp)
		}
	}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			cleanup()
			return st, err
		}
		if wanted[f.Path] {
			cleanup()
			return st, fmt.Errorf("page %s is generated twice", f.Path)
		}
		wanted[f.Path] = true
		dst := filepath.Join(dir, filepath.FromSlash(f.Path))
		generated, exists := existing[f.Path]
		if exists && !generated {
			st.Kept = append(st.Kept, f.Path)
			continue
		}
		if exists {
			if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, f.Data) {
				st.Unchanged++
				continue
			}
		}
		tmp, err := writeTemp(filepath.Dir(dst), f.Data)
		if err != nil {
			cleanup()
			return st, fmt.Errorf("write %s: %w", dst, err)
		}
		renames = append(renames, pending{tmp, dst})
	}
	for i, p := range renames {
		if err := os.Rename(p.tmp, p.dst); err != nil {
			renames = renames[i:]
			cleanup()
			return st, fmt.Errorf("write %s: %w", p.dst, err)
		}
		st.Written++
	}
	var stale []string
	for p, generated := range existing {
		if generated && !wanted[p] {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return st, fmt.Errorf("remove stale page: %w", err)
		}
		st.Removed++
		removeEmptyParents(dir, path.Dir(p))
	}
	return st, nil
}

// checkPath refuses paths that would leave the content folder or are not markdown pages.
func checkPath(p string) error {
	clean := path.Clean(p)
	if clean != p || path.IsAbs(p) || strings.HasPrefix(p, "../") || p == ".." || !strings.HasSuffix(p, ".md") {
		return fmt.Errorf("page path %q is not a clean relative .md path", p)
	}
	return nil
}

// scan lists the markdown files below dir, each marked true if it is generated. It removes
// temporary files an interrupted run left behind.
func scan(dir, marker string) (map[string]bool, error) {
	files := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), tempPrefix) {
			return os.Remove(p)
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		gen, err := isGenerated(p, marker)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = gen
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read content folder: %w", err)
	}
	return files, nil
}

// isGenerated reports whether the file's second line is the marker (its first is "---").
func isGenerated(p, marker string) (bool, error) {
	f, err := os.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 0; i < 2 && sc.Scan(); i++ {
		if i == 1 {
			return sc.Text() == marker, nil
		}
		if sc.Text() != "---" {
			return false, nil
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return false, err
	}
	return false, nil
}

func writeTemp(dir string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// removeEmptyParents removes rel and its parents below dir while they are empty.
func removeEmptyParents(dir, rel string) {
	for rel != "." && rel != "/" && rel != "" {
		if os.Remove(filepath.Join(dir, filepath.FromSlash(rel))) != nil {
			return
		}
		rel = path.Dir(rel)
	}
}
