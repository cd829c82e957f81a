// Package outdir writes generated files into a folder and remembers, in a manifest next to
// them, which files it wrote. A later write removes only files the manifest names, so a file
// someone put there by hand is never deleted or overwritten.
package outdir

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Manifest is the name of the file, inside the folder, that lists the files written.
const Manifest = "MANIFEST.generated"

// File is one file to write, with a slash-separated path relative to the files folder.
type File struct {
	Path string
	Data []byte
}

// Stats counts what a Write did.
type Stats struct {
	Written, Unchanged, Removed int
	Kept                        []string // files not written by the generator, left in place of a generated one
}

// Write makes dir/files hold the given files and dir/MANIFEST.generated list them. Files in
// the old manifest that are no longer wanted are removed; files the manifest never named are
// kept, even where a generated file of the same path is wanted.
func Write(dir string, files []File) (Stats, error) {
	var st Stats
	root := filepath.Join(dir, "files")
	old, err := readManifest(dir)
	if err != nil {
		return st, err
	}
	wanted := map[string]bool{}
	var written []string
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return st, err
		}
		if wanted[f.Path] {
			return st, fmt.Errorf("file %s is generated twice", f.Path)
		}
		wanted[f.Path] = true
		dst := filepath.Join(root, filepath.FromSlash(f.Path))
		cur, err := os.ReadFile(dst)
		switch {
		case err == nil && !old[f.Path]:
			st.Kept = append(st.Kept, f.Path)
			continue
		case err == nil && bytes.Equal(cur, f.Data):
			st.Unchanged++
		case err == nil || errors.Is(err, os.ErrNotExist):
			if err := writeAtomic(dst, f.Data); err != nil {
				return st, err
			}
			st.Written++
		default:
			return st, err
		}
		written = append(written, f.Path)
	}
	// Record what is ours before removing anything, so an interrupted run loses no track.
	all := append([]string{}, written...)
	for p := range old {
		if !wanted[p] {
			all = append(all, p)
		}
	}
	if err := writeManifest(dir, all); err != nil {
		return st, err
	}
	var stale []string
	for p := range old {
		if !wanted[p] {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		err := os.Remove(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return st, fmt.Errorf("remove stale file: %w", err)
		}
		if err == nil {
			st.Removed++
		}
		removeEmptyParents(root, path.Dir(p))
	}
	return st, writeManifest(dir, written)
}

func checkPath(p string) error {
	if p == "" || path.Clean(p) != p || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return fmt.Errorf("file path %q is not a clean relative path", p)
	}
	return nil
}

func readManifest(dir string) (map[string]bool, error) {
	f, err := os.Open(filepath.Join(dir, Manifest))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if checkPath(line) != nil {
			return nil, fmt.Errorf("%s: bad line %q", filepath.Join(dir, Manifest), line)
		}
		out[line] = true
	}
	return out, sc.Err()
}

func writeManifest(dir string, paths []string) error {
	paths = append([]string{}, paths...)
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("# Files below files/ written by the nmw generator. DO NOT EDIT.\n")
	for _, p := range paths {
		b.WriteString(p + "\n")
	}
	return writeAtomic(filepath.Join(dir, Manifest), []byte(b.String()))
}

func writeAtomic(dst string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".nmw-tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", dst, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", dst, err)
	}
	return nil
}

// removeEmptyParents removes dir/rel and its parents below dir while they are empty.
func removeEmptyParents(dir, rel string) {
	for rel != "." && rel != "/" && rel != "" {
		if os.Remove(filepath.Join(dir, filepath.FromSlash(rel))) != nil {
			return
		}
		rel = path.Dir(rel)
	}
}
