// Package filechange finds the files a regeneration changed and hands them, one batch at a
// time, from `generator serve` to the Hugo it drives (generator/hugoserver), so that Hugo
// rebuilds exactly the pages those files touch instead of guessing from file-system events.
package filechange

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Op is what happened to a file.
type Op byte

const (
	Created Op = 'C'
	Written Op = 'W'
	Removed Op = 'R'
)

// Change is one file created, written or removed, by absolute path.
type Change struct {
	Op   Op
	Path string
}

// id tells two versions of a file apart without reading it: the generator replaces a file by
// renaming a new one over it (a new inode), and writes in place only with a new time or size.
type id struct {
	ino, size uint64
	mtime     time.Time
}

// Snapshot is the files below some folders, by absolute path.
type Snapshot map[string]id

// Take lists the regular files below dirs (a missing folder has none). Files and folders whose
// names start with a dot (the content folder's journal and temporary files) are left out.
func Take(dirs ...string) Snapshot {
	s := Snapshot{}
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			continue
		}
		filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != abs && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			v := id{size: uint64(info.Size()), mtime: info.ModTime()}
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				v.ino = uint64(st.Ino)
			}
			s[p] = v
			return nil
		})
	}
	return s
}

// Since lists what changed from before to s, sorted by path.
func (s Snapshot) Since(before Snapshot) []Change {
	var out []Change
	for p, v := range s {
		old, ok := before[p]
		switch {
		case !ok:
			out = append(out, Change{Created, p})
		case old != v:
			out = append(out, Change{Written, p})
		}
	}
	for p := range before {
		if _, ok := s[p]; !ok {
			out = append(out, Change{Removed, p})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
