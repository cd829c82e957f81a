package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// start runs a watcher on dir and returns a channel of the calls of its function.
func start(t *testing.T, dir string, quiet time.Duration) (calls <-chan []string, stop func() error) {
	t.Helper()
	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan []string, 100)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, quiet, func(p []string) { ch <- p }) }()
	var once sync.Once
	var runErr error
	stop = func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() { stop() })
	return ch, stop
}

func next(t *testing.T, calls <-chan []string) []string {
	t.Helper()
	select {
	case p := <-calls:
		return p
	case <-time.After(5 * time.Second):
		t.Fatal("no call within 5 s")
		return nil
	}
}

func none(t *testing.T, calls <-chan []string, wait time.Duration) {
	t.Helper()
	select {
	case p := <-calls:
		t.Fatalf("unexpected call with %v", p)
	case <-time.After(wait):
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBurstIsOneCall(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.yaml"), "a")
	// A quiet time far above the saves' spacing, so that a busy machine does not split the burst.
	calls, _ := start(t, dir, 400*time.Millisecond)

	// An editor's save: a hidden temporary file renamed over the file, several times quickly.
	for i := range 5 {
		tmp := filepath.Join(dir, ".a.yaml.tmp")
		write(t, tmp, string(rune('b'+i)))
		if err := os.Rename(tmp, filepath.Join(dir, "a.yaml")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := next(t, calls); !slices.Equal(got, []string{filepath.Join(dir, "a.yaml")}) {
		t.Errorf("paths %v, want only a.yaml (hidden files left out)", got)
	}
	none(t, calls, 600*time.Millisecond)
}

func TestHiddenAndChmodOnlyAreIgnored(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.yaml"), "a")
	calls, _ := start(t, dir, 50*time.Millisecond)
	write(t, filepath.Join(dir, ".a.yaml.swp"), "x")
	os.Chmod(filepath.Join(dir, "a.yaml"), 0o600)
	none(t, calls, 300*time.Millisecond)
}

func TestNewFoldersAreWatched(t *testing.T) {
	dir := t.TempDir()
	calls, _ := start(t, dir, 100*time.Millisecond)

	sub := filepath.Join(dir, "markets")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	next(t, calls)
	// A file in the new folder, after the folder's own change was handled.
	write(t, filepath.Join(sub, "x.yaml"), "x")
	if got := next(t, calls); !slices.Contains(got, filepath.Join(sub, "x.yaml")) {
		t.Errorf("paths %v lack the file in the new folder", got)
	}

	// A folder made elsewhere, with a folder inside, moved in: both are watched.
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(outside, "deep", "er"), 0o755)
	if err := os.Rename(filepath.Join(outside, "deep"), filepath.Join(dir, "deep")); err != nil {
		t.Fatal(err)
	}
	next(t, calls)
	write(t, filepath.Join(dir, "deep", "er", "y.yaml"), "y")
	if got := next(t, calls); !slices.Contains(got, filepath.Join(dir, "deep", "er", "y.yaml")) {
		t.Errorf("paths %v lack the file in the moved-in folder", got)
	}
}

func TestRenameAndRemoveAreChanges(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	write(t, a, "a")
	calls, _ := start(t, dir, 80*time.Millisecond)
	os.Rename(a, b)
	if got := next(t, calls); !slices.Contains(got, a) || !slices.Contains(got, b) {
		t.Errorf("rename: paths %v, want both names", got)
	}
	os.Remove(b)
	if got := next(t, calls); !slices.Equal(got, []string{b}) {
		t.Errorf("remove: paths %v", got)
	}
}

// TestStopWaitsForTheCall stops the watcher while its function runs: Run returns only after
// the function has returned, so a caller that stops never interrupts it.
func TestStopWaitsForTheCall(t *testing.T) {
	dir := t.TempDir()
	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	running, finished := make(chan bool), make(chan bool, 1)
	done := make(chan error, 1)
	go func() {
		done <- w.Run(ctx, 10*time.Millisecond, func([]string) {
			close(running)
			time.Sleep(300 * time.Millisecond)
			finished <- true
		})
	}()
	write(t, filepath.Join(dir, "a.yaml"), "a")
	<-running
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	select {
	case <-finished:
	default:
		t.Fatal("Run returned before the call it was making had finished")
	}
}

// TestChangesDuringACallMakeAnotherCall: nothing saved while the function runs is lost.
func TestChangesDuringACallMakeAnotherCall(t *testing.T) {
	dir := t.TempDir()
	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := make(chan []string, 10)
	first := true
	go w.Run(ctx, 20*time.Millisecond, func(p []string) {
		if first {
			first = false
			// Saved while the first call is busy.
			write(t, filepath.Join(dir, "b.yaml"), "b")
			time.Sleep(200 * time.Millisecond)
		}
		calls <- p
	})
	write(t, filepath.Join(dir, "a.yaml"), "a")
	next(t, calls)
	if got := next(t, calls); !slices.Equal(got, []string{filepath.Join(dir, "b.yaml")}) {
		t.Errorf("second call: %v", got)
	}
}

func TestMissingFolder(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Fatal("no error for a missing folder")
	}
}
