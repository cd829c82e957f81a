// Package outdir writes generated files into a folder and remembers, in a manifest next to
// them, which files it wrote. A later write removes only files the manifest names, so a file
// someone put there by hand is never deleted or overwritten.
package outdir

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/notorious-markets-watch/nmw/generator/internal/par"
)

// Manifest is the name of the file, inside the folder, that lists the files written.
const Manifest = "MANIFEST.generated"

const manifestHeader = "# Files below files/ written by the nmw generator. DO NOT EDIT.\n"

// tempPrefix starts the name of a file being written; it is renamed into place when complete.
const tempPrefix = ".nmw-tmp-"

// File is one file to write, with a slash-separated path relative to the files folder. Write
// writes its content; it is called once, so a large file need never be held in memory.
type File struct {
	Path  string
	Write func(w io.Writer) error
}

// Bytes is a File whose content is data.
func Bytes(path string, data []byte) File {
	return File{Path: path, Write: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}
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
	return WriteEach(dir, func(yield func(File) error) error {
		for _, f := range files {
			if err := yield(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteEach is Write for files that each hands over one at a time. A file's new content is
// compared with the old as it is written, so an unchanged file is never rewritten.
func WriteEach(dir string, each func(yield func(File) error) error) (Stats, error) {
	var st Stats
	root := filepath.Join(dir, "files")
	old, err := readManifest(dir)
	if err != nil {
		return st, err
	}
	// New paths are added to the manifest before their files exist, so that a run killed
	// part-way leaves no file of ours that a later run would take for one written by hand.
	if err := writeManifest(dir, keys(old)); err != nil {
		return st, err
	}
	claims, err := os.OpenFile(filepath.Join(dir, Manifest), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return st, err
	}
	defer claims.Close()

	wanted := map[string]bool{}
	// Files are made and written on several goroutines: making a file's content and the system
	// calls that write it take about as long as each other, and the files are independent.
	var (
		mu      sync.Mutex
		written []string // paths written or found unchanged
		writers = sync.Pool{New: func() any { return newWriter() }}
	)
	pool := par.NewPool(func(j job) error {
		w := writers.Get().(*writer)
		defer writers.Put(w)
		changed, err := w.write(j.dst, j.exists, j.Write)
		if err != nil {
			return fmt.Errorf("write %s: %w", j.dst, err)
		}
		mu.Lock()
		defer mu.Unlock()
		if changed {
			st.Written++
		} else {
			st.Unchanged++
		}
		written = append(written, j.Path)
		return nil
	})
	err = each(func(f File) error {
		if err := checkPath(f.Path); err != nil {
			return err
		}
		if wanted[f.Path] {
			return fmt.Errorf("file %s is generated twice", f.Path)
		}
		wanted[f.Path] = true
		dst := filepath.Join(root, filepath.FromSlash(f.Path))
		_, err := os.Lstat(dst)
		exists := err == nil
		switch {
		case exists && !old[f.Path]:
			st.Kept = append(st.Kept, f.Path)
			return nil
		case !exists && !errors.Is(err, os.ErrNotExist):
			return err
		case !exists && !old[f.Path]:
			if _, err := claims.WriteString(f.Path + "\n"); err != nil {
				return fmt.Errorf("manifest: %w", err)
			}
		}
		return pool.Add(job{f, dst, exists})
	})
	// An error from the pool also ends each, through Add: report it once.
	if err = cmp.Or(err, pool.Wait()); err != nil {
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

type job struct {
	File
	dst    string
	exists bool
}

// writer writes files through a temporary file renamed into place.
type writer struct {
	madeDirs map[string]bool
	scratch  []byte
	buf      *bufio.Writer
	oldr     *bufio.Reader
}

func newWriter() *writer {
	return &writer{
		madeDirs: map[string]bool{},
		scratch:  make([]byte, 64<<10),
		buf:      bufio.NewWriterSize(nil, 64<<10),
		oldr:     bufio.NewReaderSize(nil, 64<<10),
	}
}

// write writes a file's content into dst unless dst already holds exactly that content, and
// reports whether it changed dst.
func (w *writer) write(dst string, exists bool, content func(io.Writer) error) (bool, error) {
	c := &comparer{w: w, dst: dst}
	if exists {
		old, err := os.Open(dst)
		if err != nil {
			return false, err
		}
		defer old.Close()
		w.oldr.Reset(old)
		c.old, c.oldr = old, w.oldr
	}
	buf := w.buf
	buf.Reset(c)
	err := content(buf)
	if err == nil {
		err = buf.Flush()
	}
	if err == nil {
		err = c.finish()
	}
	if err != nil {
		c.discard()
		return false, err
	}
	return c.tmp != nil, c.commit()
}

// comparer takes a file's new content and compares it with the old; from the first difference
// on, it writes the new content to a temporary file.
type comparer struct {
	w    *writer
	dst  string
	old  *os.File
	oldr *bufio.Reader
	same int64    // bytes of the old file matched so far
	tmp  *os.File // nil while the content matches the old
}

func (c *comparer) Write(b []byte) (int, error) {
	if c.tmp == nil && c.oldr != nil {
		if c.matches(b) {
			c.same += int64(len(b))
			return len(b), nil
		}
		if err := c.start(); err != nil {
			return 0, err
		}
	}
	if c.tmp == nil {
		if err := c.start(); err != nil {
			return 0, err
		}
	}
	return c.tmp.Write(b)
}

// matches reports whether the old file's next bytes are b.
func (c *comparer) matches(b []byte) bool {
	for len(b) > 0 {
		n := min(len(b), len(c.w.scratch))
		s := c.w.scratch[:n]
		if _, err := io.ReadFull(c.oldr, s); err != nil || !bytes.Equal(s, b[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}

// start creates the temporary file and copies into it the old content matched so far.
func (c *comparer) start() error {
	dir := filepath.Dir(c.dst)
	if !c.w.madeDirs[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		c.w.madeDirs[dir] = true
	}
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	c.tmp = tmp
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if c.same > 0 {
		if _, err := c.old.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.CopyN(tmp, c.old, c.same); err != nil {
			return err
		}
	}
	c.oldr = nil
	return nil
}

// finish settles a content that matched the old so far: it is unchanged only if the old file
// ends there too.
func (c *comparer) finish() error {
	if c.tmp != nil {
		return nil
	}
	if c.oldr != nil {
		if _, err := c.oldr.ReadByte(); errors.Is(err, io.EOF) {
			return nil
		}
	}
	return c.start()
}

func (c *comparer) commit() error {
	if c.tmp == nil {
		return nil
	}
	if err := c.tmp.Close(); err != nil {
		os.Remove(c.tmp.Name())
		return err
	}
	if err := os.Rename(c.tmp.Name(), c.dst); err != nil {
		os.Remove(c.tmp.Name())
		return err
	}
	return nil
}

func (c *comparer) discard() {
	if c.tmp != nil {
		c.tmp.Close()
		os.Remove(c.tmp.Name())
	}
}

func checkPath(p string) error {
	if p == "" || path.Clean(p) != p || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return fmt.Errorf("file path %q is not a clean relative path", p)
	}
	return nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
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
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, p := range paths {
		b.WriteString(p + "\n")
	}
	_, exists := os.Lstat(filepath.Join(dir, Manifest))
	_, err := newWriter().write(filepath.Join(dir, Manifest), exists == nil, func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
	return err
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
