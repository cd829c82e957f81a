package contentdir_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
)

// before builds a content folder holding generated and hand-written pages; next is a run that
// changes one page, keeps one, adds two (one in a new folder), removes a stale one and is denied
// a hand-written one.
func before(t *testing.T) (dir string, next []contentdir.File) {
	t.Helper()
	dir = t.TempDir()
	_, err := contentdir.Write(dir, markers, []contentdir.File{
		{Path: "_index.md", Data: page("home")},
		{Path: "markets/a.md", Data: page("a")},
		{Path: "markets/b.md", Data: page("b")},
		{Path: "years/2019.md", Data: page("2019")},
	})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "about.md"), []byte("# About, by hand\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "markets", "hand.md"), []byte("---\ntitle: by hand\n---\n"), 0o644)
	return dir, nextRun()
}

// nextRun is the run that before prepares for.
func nextRun() []contentdir.File {
	return []contentdir.File{
		{Path: "_index.md", Data: page("home")},
		{Path: "markets/a.md", Data: page("a, changed")},
		{Path: "markets/b.md", Data: page("b")},
		{Path: "markets/c.md", Data: page("c, new")},
		{Path: "markets/hand.md", Data: page("not by hand")},
		{Path: "countries/ar/_index.md", Data: page("AR, new folder")},
	}
}

// tree returns every folder and file below dir with its content, to compare byte for byte.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", rel)
			return nil
		}
		data, err := os.ReadFile(p)
		fmt.Fprintf(&b, "%s %q %v\n", rel, data, err)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// ops counts the file-system changes a successful run of next makes.
func ops(t *testing.T) int {
	dir, next := before(t)
	n := 0
	contentdir.SetFailpoint(func(op, path string) error { n++; return nil })
	defer contentdir.SetFailpoint(nil)
	if _, err := contentdir.Write(dir, markers, next); err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d operations: the failpoint is not reached", n)
	}
	return n
}

var errInjected = errors.New("injected failure")

// TestFailureAtEveryStepLeavesContentAsItWas fails the run at each of its file-system changes in
// turn (temporary files, backups, journal, renames, removals, commit): the folder must then be
// exactly as before, and the next run must complete.
func TestFailureAtEveryStepLeavesContentAsItWas(t *testing.T) {
	n := ops(t)
	for i := 1; i <= n; i++ {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			dir, next := before(t)
			was := tree(t, dir)
			var failedAt string
			k := 0
			contentdir.SetFailpoint(func(op, path string) error {
				if k++; k == i {
					failedAt = op + " " + path
					return errInjected
				}
				return nil
			})
			_, err := contentdir.Write(dir, markers, next)
			contentdir.SetFailpoint(nil)
			if !errors.Is(err, errInjected) {
				t.Fatalf("failing at %s: want the injected error, got %v", failedAt, err)
			}
			if now := tree(t, dir); now != was {
				t.Fatalf("failing at %s changed the folder:\nbefore:\n%s\nafter:\n%s", failedAt, was, now)
			}
			checkComplete(t, dir, next)
		})
	}
}

// checkComplete runs next without failures and checks the result.
func checkComplete(t *testing.T, dir string, next []contentdir.File) {
	t.Helper()
	st, err := contentdir.Write(dir, markers, next)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 3 || st.Unchanged != 2 || st.Removed != 1 || len(st.Kept) != 1 {
		t.Errorf("next run: %+v", st)
	}
	want := map[string]string{
		"_index.md": string(page("home")), "markets/a.md": string(page("a, changed")), "markets/b.md": string(page("b")),
		"markets/c.md": string(page("c, new")), "countries/ar/_index.md": string(page("AR, new folder")),
		"about.md": "# About, by hand\n", "markets/hand.md": "---\ntitle: by hand\n---\n",
	}
	var got []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(got) != len(want) {
		t.Errorf("files after the run: %v", got)
	}
	for p, w := range want {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); string(b) != w {
			t.Errorf("%s = %q, %v; want %q", p, b, err, w)
		}
	}
}

// TestKilledRunIsRolledBack kills a generator process at each of its file-system changes in turn
// (the test binary, re-run as a child that exits on the spot, without deferred clean-up): the
// next run's recovery must leave the folder exactly as before the killed run.
func TestKilledRunIsRolledBack(t *testing.T) {
	if dir := os.Getenv("CONTENTDIR_KILL_DIR"); dir != "" {
		at, _ := strconv.Atoi(os.Getenv("CONTENTDIR_KILL_AT"))
		next := nextRun() // no temporary folder: this process exits without cleaning up
		k := 0
		contentdir.SetFailpoint(func(op, path string) error {
			if k++; k == at {
				os.Exit(3)
			}
			return nil
		})
		contentdir.Write(dir, markers, next)
		os.Exit(0)
	}
	n := ops(t)
	for i := 1; i <= n; i++ {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			dir, next := before(t)
			was := tree(t, dir)
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunIsRolledBack$")
			cmd.Env = append(os.Environ(), "CONTENTDIR_KILL_DIR="+dir, "CONTENTDIR_KILL_AT="+strconv.Itoa(i))
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 3 {
				t.Fatalf("child did not die at step %d: %v\n%s", i, err, out)
			}
			if err := contentdir.Recover(dir); err != nil {
				t.Fatal(err)
			}
			if now := tree(t, dir); now != was {
				t.Fatalf("killed at step %d, recovery left:\n%s\nwant:\n%s", i, now, was)
			}
			checkComplete(t, dir, next)
		})
	}
}

// TestFailedRollBackIsFinishedByTheNextRun fails a rename and then the roll-back too: the error
// says so, and the next run puts the folder back before writing.
func TestFailedRollBackIsFinishedByTheNextRun(t *testing.T) {
	dir, next := before(t)
	contentdir.SetFailpoint(func(op, path string) error {
		if op == "commit" || op == "restore" {
			return errInjected
		}
		return nil
	})
	_, err := contentdir.Write(dir, markers, next)
	contentdir.SetFailpoint(nil)
	if err == nil || !strings.Contains(err.Error(), "rolling back failed too") {
		t.Fatalf("want a failed roll-back reported, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, contentdir.JournalName)); err != nil {
		t.Fatalf("the journal must stay for the next run: %v", err)
	}
	checkComplete(t, dir, next)
}

func TestDamagedJournalStopsTheRun(t *testing.T) {
	dir, next := before(t)
	was := tree(t, dir)
	os.WriteFile(filepath.Join(dir, contentdir.JournalName), []byte(`{"changes": [{"path": "../../etc/passwd"}]}`), 0o644)
	_, err := contentdir.Write(dir, markers, next)
	if err == nil || !strings.Contains(err.Error(), "outside the content folder") {
		t.Fatalf("want the journal refused, got %v", err)
	}
	os.WriteFile(filepath.Join(dir, contentdir.JournalName), []byte(`{"changes": [`), 0o644)
	if _, err = contentdir.Write(dir, markers, next); err == nil || !strings.Contains(err.Error(), "journal of an interrupted run is damaged") {
		t.Fatalf("want the journal refused, got %v", err)
	}
	os.Remove(filepath.Join(dir, contentdir.JournalName))
	if now := tree(t, dir); now != was {
		t.Fatalf("a damaged journal changed the folder:\n%s", now)
	}
}

// TestReadOnlyFileSystem injects the error a read-only mount gives (root ignores permissions,
// so chmod cannot stand in for it): the run fails with a clear message and changes nothing.
func TestReadOnlyFileSystem(t *testing.T) {
	dir, next := before(t)
	was := tree(t, dir)
	contentdir.SetFailpoint(func(op, path string) error {
		if op == "create" {
			return &fs.PathError{Op: "open", Path: filepath.Join(dir, path), Err: syscall.EROFS}
		}
		return nil
	})
	defer contentdir.SetFailpoint(nil)
	_, err := contentdir.Write(dir, markers, next)
	if err == nil || !strings.HasPrefix(err.Error(), "content folder "+dir+" cannot be written (read-only?): ") ||
		!strings.HasSuffix(err.Error(), ": read-only file system") {
		t.Fatalf("want a clear read-only error, got %v", err)
	}
	if now := tree(t, dir); now != was {
		t.Fatalf("the folder changed:\n%s", now)
	}
}
