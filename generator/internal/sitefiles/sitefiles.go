// Package sitefiles finds the project and copies the site's Hugo sources, for builds made
// elsewhere: the tests', the scale benchmark's and the Lighthouse run's.
package sitefiles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Sources are the files and folders Hugo builds the site from, besides content/.
var Sources = []string{"hugo.toml", "layouts", "assets", "static", "i18n", "content-translations"}

// Root returns the project's folder: the nearest parent of the working directory holding go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the project: no go.mod found")
		}
		dir = parent
	}
}

// Copy copies each named file or folder of root that exists to the same place below dst.
func Copy(root, dst string, names ...string) error {
	for _, name := range names {
		if err := CopyTree(filepath.Join(root, name), filepath.Join(dst, name)); err != nil {
			return err
		}
	}
	return nil
}

// CopyTree copies a file or folder; a missing source is skipped.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == src {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
