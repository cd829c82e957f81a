// Package browser runs tests in a real browser: it serves a built site on 127.0.0.1 and drives
// Debian's Chromium, headless, through chromedp.
package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// binaries are the names Chromium goes by, in the order they are tried.
var binaries = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Path returns Chromium's path, or skips the test with a clear message when none is installed.
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range binaries {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed: apt-get install -y chromium to run the browser tests")
	return ""
}

// Serve serves a folder (a built site's public/) on 127.0.0.1 until the test ends, adding
// header to every response, and returns the server's base URL without a trailing slash.
func Serve(t testing.TB, dir string, header http.Header) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Flags are the command-line flags Chromium runs with in tests.
var Flags = []chromedp.ExecAllocatorOption{
	chromedp.Headless,
	chromedp.NoSandbox,
	chromedp.DisableGPU,
	chromedp.NoFirstRun,
	chromedp.NoDefaultBrowserCheck,
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
}

// Start launches Chromium with Flags and a fresh profile, and returns a context for chromedp
// actions in its first tab, and the tab's console. Chromium stops when the test ends.
func Start(t testing.TB) (context.Context, *Console) {
	t.Helper()
	return StartWith(t)
}

// StartWith is Start with more command-line flags, such as --load-extension.
func StartWith(t testing.TB, more ...chromedp.ExecAllocatorOption) (context.Context, *Console) {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path(t)),
		nil, // the profile, set below
		nil, // the environment, set below
	}, Flags...)
	opts = append(opts, more...)
	// Start the browser before anything subscribes to it: a subscription also starts the
	// browser, and two starts at once race inside chromedp. On a busy machine Chromium now and
	// then exits before it listens; a second try with a fresh profile starts it.
	var ctx context.Context
	var cancel, cancelAlloc context.CancelFunc
	var err error
	for try := 1; try <= 3; try++ {
		opts[1] = chromedp.UserDataDir(t.TempDir())
		// Chromium puts its singleton socket in TMPDIR and leaves it when stopped; keep it in
		// the test's own temporary folder, which the test removes.
		opts[2] = chromedp.Env("TMPDIR=" + t.TempDir())
		var actx context.Context
		actx, cancelAlloc = chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel = chromedp.NewContext(actx)
		if err = chromedp.Do(ctx); err == nil {
			break
		}
		cancel()
		cancelAlloc()
		t.Logf("start chromium, try %d: %v", try, err)
	}
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	c := &Console{done: make(chan struct{})}
	messages := chromedp.Console(ctx)
	go func() {
		defer close(c.done)
		for m, err := range messages {
			if err != nil {
				return
			}
			c.mu.Lock()
			c.messages = append(c.messages, m)
			c.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		<-c.done
	})
	return ctx, c
}

// Console records what the page wrote to its console, and its uncaught exceptions.
type Console struct {
	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
	done     chan struct{}
}

// Messages returns the messages so far.
func (c *Console) Messages() []chromedp.ConsoleMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]chromedp.ConsoleMessage(nil), c.messages...)
}

// Problems returns the errors and uncaught exceptions so far, as text, a failed favicon request
// included: every page names its icon (static/favicon.svg), so the browser must find it.
func (c *Console) Problems() []string {
	var out []string
	for _, m := range c.Messages() {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			out = append(out, m.String())
		}
	}
	return out
}
