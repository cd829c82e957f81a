// Package contentdir writes generated pages into Hugo's content folder without ever touching a
// page written by hand: unchanged files are left alone, only generated pages that are no longer
// produced are removed, and a run that fails or is killed part-way is rolled back, so the folder
// holds either the old pages or the new ones.
package contentdir

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/notorious-markets-watch/nmw/generator/internal/par"
)

// tempPrefix starts the name of every temporary and backup file; a run removes those an
// interrupted run left.
const tempPrefix = ".nmw-tmp-"

// JournalName is the file, at the top of the content folder, that lists the changes of a run in
// progress. Its presence at the start of a run means an earlier run was interrupted while
// changing pages: Recover then puts every page back as it was.
const JournalName = ".nmw-journal.json"

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

// change is one page a run replaces, creates or removes; paths are slash-separated and relative
// to the content folder.
type change struct {
	Path   string `json:"path"`
	Temp   string `json:"temp,omitempty"`   // the new content; empty when the page is removed
	Backup string `json:"backup,omitempty"` // a copy of the old page; empty when the page is new
}

type journal struct {
	Changes []change `json:"changes"`
	Folders []string `json:"folders,omitempty"` // folders the run creates, parents first
}

// failpoint, when set (by tests), is called before each change to the file system, naming the
// operation and the file; an error it returns is taken as that operation's failure.
var failpoint func(op, path string) error

// failMu makes the failpoint's calls one at a time, as pages are prepared concurrently.
var failMu sync.Mutex

func fail(op, path string) error {
	if failpoint != nil {
		failMu.Lock()
		defer failMu.Unlock()
		return failpoint(op, path)
	}
	return nil
}

// Write makes dir hold files, recognising generated files by their second line, which is one of
// markers (the current generator's, or an earlier version's).
// It first rolls back any interrupted run, then writes every changed page to a temporary file and
// a backup of every page it will replace or remove, records these in the journal, and only then
// renames the new pages into place and removes stale ones. A failure rolls the changes back; if
// the process dies instead, the next Write (or Recover) does.
func Write(dir string, markers []string, files []File) (Stats, error) {
	return WriteEach(dir, markers, func(yield func(File) error) error {
		for _, f := range files {
			if err := yield(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteEach is Write for files that each hands over one at a time, so that a large site need
// not be held in memory: each file is written to a temporary file as it comes. An error from
// each ends the run with the folder unchanged.
func WriteEach(dir string, markers []string, each func(yield func(File) error) error) (Stats, error) {
	st, err := write(dir, markers, each)
	if err != nil && (errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)) {
		err = fmt.Errorf("content folder %s cannot be written (read-only?): %w", dir, err)
	}
	return st, err
}

func write(dir string, markers []string, each func(yield func(File) error) error) (Stats, error) {
	var st Stats
	if err := fail("mkdir", dir); err != nil {
		return st, fmt.Errorf("content folder: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("content folder: %w", err)
	}
	if err := Recover(dir); err != nil {
		return st, err
	}
	existing, err := scan(dir, markers)
	if err != nil {
		return st, err
	}
	wanted := map[string]bool{}
	// Pages are compared, backed up and written to temporary files on several goroutines.
	var (
		mu        sync.Mutex
		changes   []change
		made      []string // temporary files written so far, removed if the run fails before the journal
		unchanged int
	)
	pool := par.NewPool(func(j job) error {
		ch, m, err := prepare(dir, j.File, j.exists)
		mu.Lock()
		defer mu.Unlock()
		made = append(made, m...)
		switch {
		case err != nil:
			return err
		case ch == nil:
			unchanged++
		default:
			changes = append(changes, *ch)
		}
		return nil
	})
	err = each(func(f File) error {
		if err := checkPath(f.Path); err != nil {
			return err
		}
		if wanted[f.Path] {
			return fmt.Errorf("page %s is generated twice", f.Path)
		}
		wanted[f.Path] = true
		generated, exists := existing[f.Path]
		if exists && !generated {
			st.Kept = append(st.Kept, f.Path)
			return nil
		}
		return pool.Add(job{f, exists})
	})
	werr := pool.Wait()
	st.Unchanged = unchanged
	cleanup := func() {
		for _, t := range made {
			os.Remove(filepath.Join(dir, filepath.FromSlash(t)))
		}
	}
	// An error from the pool also ends each, through Add: report it once.
	if err = cmp.Or(err, werr); err != nil {
		cleanup()
		return st, err
	}
	// The pool finishes pages in any order; the journal lists them in a stable one.
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	var stale []string
	for p, generated := range existing {
		if generated && !wanted[p] {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			cleanup()
			return st, fmt.Errorf("read stale page: %w", err)
		}
		b, err := writeTemp(dir, old)
		if err != nil {
			cleanup()
			return st, fmt.Errorf("back up stale page %s: %w", p, err)
		}
		made = append(made, b)
		changes = append(changes, change{Path: p, Backup: b})
	}
	if len(changes) == 0 {
		return st, nil
	}
	j := journal{Changes: changes, Folders: newFolders(dir, changes)}
	if err := writeJournal(dir, j); err != nil {
		cleanup()
		return st, err
	}
	if err := apply(dir, j, &st); err != nil {
		if rerr := Recover(dir); rerr != nil {
			return Stats{}, fmt.Errorf("%w; rolling back failed too: %v (run again to finish the roll-back)", err, rerr)
		}
		return Stats{}, fmt.Errorf("%w (every page was put back as it was)", err)
	}
	// The run is complete; leftover backups are only clutter, which the next run sweeps.
	for _, ch := range changes {
		if ch.Backup != "" {
			os.Remove(filepath.Join(dir, filepath.FromSlash(ch.Backup)))
		}
		if ch.Temp == "" {
			removeEmptyParents(dir, path.Dir(ch.Path))
		}
	}
	return st, nil
}

type job struct {
	File
	exists bool
}

// prepare compares a page with the one in place, if any, and when it differs writes the new
// content, and a backup of the old, to temporary files. It returns nil for an unchanged page,
// and the temporary files it made.
func prepare(dir string, f File, exists bool) (*change, []string, error) {
	dst := filepath.Join(dir, filepath.FromSlash(f.Path))
	ch := change{Path: f.Path}
	var made []string
	if exists {
		old, err := os.ReadFile(dst)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", dst, err)
		}
		if bytes.Equal(old, f.Data) {
			return nil, nil, nil
		}
		if ch.Backup, err = writeTemp(dir, old); err != nil {
			return nil, nil, fmt.Errorf("back up %s: %w", dst, err)
		}
		made = append(made, ch.Backup)
	}
	var err error
	if ch.Temp, err = writeTemp(dir, f.Data); err != nil {
		return nil, made, fmt.Errorf("write %s: %w", dst, err)
	}
	return &ch, append(made, ch.Temp), nil
}

// newFolders lists the folders the changes need that do not exist yet, parents first.
func newFolders(dir string, changes []change) []string {
	seen := map[string]bool{}
	var out []string
	for _, ch := range changes {
		var missing []string
		for rel := path.Dir(ch.Path); rel != "." && !seen[rel]; rel = path.Dir(rel) {
			if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
				break
			}
			seen[rel] = true
			missing = append(missing, rel)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			out = append(out, missing[i])
		}
	}
	return out
}

// apply makes the journalled changes, then removes the journal: the moment the run commits.
func apply(dir string, j journal, st *Stats) error {
	for _, f := range j.Folders {
		if err := fail("mkdir", f); err != nil {
			return fmt.Errorf("make folder %s: %w", f, err)
		}
		if err := os.Mkdir(filepath.Join(dir, filepath.FromSlash(f)), 0o755); err != nil {
			return fmt.Errorf("make folder: %w", err)
		}
	}
	for _, ch := range j.Changes {
		dst := filepath.Join(dir, filepath.FromSlash(ch.Path))
		if ch.Temp != "" {
			if err := fail("rename", ch.Path); err != nil {
				return fmt.Errorf("write %s: %w", dst, err)
			}
			if err := os.Rename(filepath.Join(dir, filepath.FromSlash(ch.Temp)), dst); err != nil {
				return fmt.Errorf("write %s: %w", dst, err)
			}
			st.Written++
			continue
		}
		if err := fail("remove", ch.Path); err != nil {
			return fmt.Errorf("remove stale page %s: %w", dst, err)
		}
		if err := os.Remove(dst); err != nil {
			return fmt.Errorf("remove stale page %s: %w", dst, err)
		}
		st.Removed++
	}
	if err := fail("commit", JournalName); err != nil {
		return fmt.Errorf("finish: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, JournalName)); err != nil {
		return fmt.Errorf("finish: %w", err)
	}
	return nil
}

// Recover rolls back a run that was interrupted while changing pages in dir, if there was one:
// replaced and removed pages get their old content back, new pages are removed. Then it removes
// the temporary files an interrupted run left. A missing dir is not an error.
func Recover(dir string) error {
	if st, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("content folder: %w", err)
	} else if !st.IsDir() {
		return fmt.Errorf("content folder %s is not a folder", dir)
	}
	if err := rollBack(dir); err != nil {
		return err
	}
	return sweep(dir)
}

// sweep removes the temporary and backup files an interrupted run left.
func sweep(dir string) error {
	var left []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), tempPrefix) {
			left = append(left, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read content folder: %w", err)
	}
	for _, p := range left {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("remove a temporary file an interrupted run left: %w", err)
		}
	}
	return nil
}

func rollBack(dir string) error {
	jpath := filepath.Join(dir, JournalName)
	b, err := os.ReadFile(jpath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read the journal of an interrupted run: %w", err)
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("%s: the journal of an interrupted run is damaged (%v): restore content/ from version control and delete it", jpath, err)
	}
	for i := len(j.Changes) - 1; i >= 0; i-- {
		ch := j.Changes[i]
		for _, p := range []string{ch.Path, ch.Temp, ch.Backup} {
			if p != "" && checkJournalPath(p) != nil {
				return fmt.Errorf("%s: the journal names %q, outside the content folder: delete it", jpath, p)
			}
		}
		dst := filepath.Join(dir, filepath.FromSlash(ch.Path))
		abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
		switch {
		case ch.Backup != "":
			// The backup holds the old page, whether or not the run got to replace it.
			if err := fail("restore", ch.Path); err != nil {
				return fmt.Errorf("roll back %s: %w", dst, err)
			}
			if err := os.Rename(abs(ch.Backup), dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("roll back %s: %w", dst, err)
			}
		case ch.Temp != "":
			// A new page: if its temporary file is gone, the run renamed it into place.
			if _, err := os.Lstat(abs(ch.Temp)); errors.Is(err, fs.ErrNotExist) {
				if err := fail("restore", ch.Path); err != nil {
					return fmt.Errorf("roll back %s: %w", dst, err)
				}
				if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("roll back %s: %w", dst, err)
				}
			}
		}
		if ch.Temp != "" {
			if err := os.Remove(abs(ch.Temp)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("roll back %s: %w", dst, err)
			}
		}
	}
	for i := len(j.Folders) - 1; i >= 0; i-- {
		f := j.Folders[i]
		if checkJournalPath(f) != nil || f == "." {
			return fmt.Errorf("%s: the journal names folder %q, outside the content folder: delete it", jpath, f)
		}
		// A folder the run made; it is empty again unless someone wrote into it meanwhile.
		os.Remove(filepath.Join(dir, filepath.FromSlash(f)))
	}
	if err := os.Remove(jpath); err != nil {
		return fmt.Errorf("finish rolling back: %w", err)
	}
	return nil
}

// checkJournalPath refuses journal paths that leave the content folder.
func checkJournalPath(p string) error {
	if clean := path.Clean(p); clean != p || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return errors.New("not a clean relative path")
	}
	return nil
}

// writeJournal records the changes a run is about to make, durably, before it makes them.
func writeJournal(dir string, j journal) error {
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := writeTemp(dir, b)
	if err != nil {
		return fmt.Errorf("write the journal: %w", err)
	}
	if err := fail("journal", JournalName); err != nil {
		os.Remove(filepath.Join(dir, tmp))
		return fmt.Errorf("write the journal: %w", err)
	}
	if err := os.Rename(filepath.Join(dir, tmp), filepath.Join(dir, JournalName)); err != nil {
		os.Remove(filepath.Join(dir, tmp))
		return fmt.Errorf("write the journal: %w", err)
	}
	return nil
}

// checkPath refuses paths that would leave the content folder or are not markdown pages.
func checkPath(p string) error {
	clean := path.Clean(p)
	if clean != p || path.IsAbs(p) || strings.HasPrefix(p, "../") || p == ".." || !strings.HasSuffix(p, ".md") {
		return fmt.Errorf("page path %q is not a clean relative .md path", p)
	}
	return nil
}

// scan lists the markdown files below dir, each marked true if it is generated.
func scan(dir string, markers []string) (map[string]bool, error) {
	files := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		gen, err := IsGenerated(p, markers)
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

// IsGenerated reports whether the file's second line is one of markers, below the opening line
// of JSON ("{") or YAML ("---") front matter.
func IsGenerated(p string, markers []string) (bool, error) {
	f, err := os.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 0; i < 2 && sc.Scan(); i++ {
		if i == 1 {
			return slices.Contains(markers, sc.Text()), nil
		}
		if first := sc.Text(); first != "{" && first != "---" {
			return false, nil
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return false, err
	}
	return false, nil
}

// writeTemp writes data to a new temporary file at the top of dir, from where it is renamed into
// place, and returns its name. Nothing is synced to disk: the journal guards against the
// generator being killed or failing, not against the machine losing power.
func writeTemp(dir string, data []byte) (string, error) {
	if err := fail("create", "."); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", err
	}
	err = f.Chmod(0o644)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return filepath.Base(f.Name()), nil
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
