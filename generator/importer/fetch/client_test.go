package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/importer/fetch"
)

// TestUserAgent: every request names the project, its repository and a contact address.
func TestUserAgent(t *testing.T) {
	var got string
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.UserAgent()
		w.Write([]byte(pdf))
	}))
	defer s.Close()
	if _, err := fetch.Get(context.Background(), s.URL+"/r.pdf", "", fetch.Options{CacheDir: t.TempDir(), Client: s.Client()}); err != nil {
		t.Fatal(err)
	}
	want := "NotoriousMarketsWatch-importer/1.0 (+https://github.com/notorious-markets-watch/nmw; report importer, one download per report; contact: https://github.com/notorious-markets-watch/nmw/issues)"
	if got != want {
		t.Errorf("User-Agent %q, want %q", got, want)
	}
	if ua := fetch.UserAgent("https://github.com/someone/fork/"); !strings.Contains(ua, "+https://github.com/someone/fork;") || !strings.Contains(ua, "contact: https://github.com/someone/fork/issues") {
		t.Errorf("a fork's User-Agent: %q", ua)
	}
}

// TestRetry: a 503 and a 429 are tried again, after the backoff or after the Retry-After the
// server asks for; a server that stays busy is an error that says how often it was tried.
func TestRetry(t *testing.T) {
	var mu sync.Mutex
	calls := map[string][]time.Time{}
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls[r.URL.Path] = append(calls[r.URL.Path], time.Now())
		n := len(calls[r.URL.Path])
		mu.Unlock()
		switch {
		case r.URL.Path == "/busy.pdf" && n < 3:
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/limited.pdf" && n < 2:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/down.pdf":
			w.WriteHeader(http.StatusBadGateway)
		default:
			w.Write([]byte(pdf))
		}
	}))
	defer s.Close()
	opt := fetch.Options{Client: s.Client(), Retries: 3, Backoff: 10 * time.Millisecond, Timeout: 10 * time.Second}
	for _, p := range []string{"/busy.pdf", "/limited.pdf"} {
		opt.CacheDir = t.TempDir()
		if _, err := fetch.Get(context.Background(), s.URL+p, "", opt); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	if n := len(calls["/busy.pdf"]); n != 3 {
		t.Errorf("503 twice then 200: %d requests, want 3", n)
	}
	if c := calls["/limited.pdf"]; len(c) != 2 || c[1].Sub(c[0]) < 900*time.Millisecond {
		t.Errorf("429 with Retry-After: 1: requests at %v, want two a second apart", c)
	}
	cache := t.TempDir()
	opt.CacheDir = cache
	_, err := fetch.Get(context.Background(), s.URL+"/down.pdf", "", opt)
	if err == nil || !strings.Contains(err.Error(), "answered 502 Bad Gateway (4 tries, 10ms, 20ms, 40ms apart): try again later") {
		t.Errorf("a server that stays down: %v", err)
	}
	if left, _ := os.ReadDir(cache); len(left) > 0 {
		t.Errorf("left %v in the cache", left)
	}
}

// TestForbidden: a 403 is not retried, and the error says what to do next: download the PDF
// by hand and give it to the workflow.
func TestForbidden(t *testing.T) {
	n := 0
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.WriteHeader(http.StatusForbidden)
	}))
	defer s.Close()
	_, err := fetch.Get(context.Background(), s.URL+"/r.pdf", "", fetch.Options{CacheDir: t.TempDir(), Client: s.Client(), Backoff: time.Millisecond})
	if err == nil || n != 1 {
		t.Fatalf("403: %v after %d requests, want an error after 1", err, n)
	}
	for _, want := range []string{s.URL + "/r.pdf", "403 Forbidden", "open the address in a browser, save the PDF", "run the import-edition workflow with its path or its address as \"pdf\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("403 error lacks %q:\n%v", want, err)
		}
	}
}

// TestLocal: a PDF given by hand is checked as a download is.
func TestLocal(t *testing.T) {
	dir := t.TempDir()
	good, html, big := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "saved.pdf"), filepath.Join(dir, "big.pdf")
	os.WriteFile(good, []byte(pdf), 0o644)
	os.WriteFile(html, []byte("<!doctype html><title>Access denied</title>"), 0o644)
	os.WriteFile(big, []byte(pdf+strings.Repeat("x", 2048)), 0o644)
	r, err := fetch.Local(good, fetch.Options{MaxBytes: 1024})
	if err != nil || r.Path != good || len(r.SHA256) != 64 {
		t.Fatalf("Local: %+v, %v", r, err)
	}
	for p, want := range map[string]string{html: "not a PDF", big: "more than the 1024 bytes", dir: "not a file", filepath.Join(dir, "none.pdf"): "no such file"} {
		if _, err := fetch.Local(p, fetch.Options{MaxBytes: 1024}); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v, want %q", p, err, want)
		}
	}
}
