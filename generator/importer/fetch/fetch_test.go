package fetch_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/importer/fetch"
)

const pdf = "%PDF-1.4\n% a test report\n"

func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(pdf)) })
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><p>Not found, but 200"))
	})
	mux.HandleFunc("/big.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(pdf + strings.Repeat("x", 4096)))
	})
	mux.HandleFunc("/slow.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(pdf))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	s := httptest.NewTLSServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestGet(t *testing.T) {
	s := server(t)
	cache := t.TempDir()
	opt := fetch.Options{CacheDir: cache, Client: s.Client(), MaxBytes: 1024, Timeout: 2 * time.Second}
	r, err := fetch.Get(context.Background(), s.URL+"/report.pdf", "", opt)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(pdf))
	if r.SHA256 != hex.EncodeToString(sum[:]) || r.Path != filepath.Join(cache, r.SHA256+".pdf") || r.Cached {
		t.Fatalf("got %+v", r)
	}
	if b, err := os.ReadFile(r.Path); err != nil || string(b) != pdf {
		t.Fatalf("cached file: %q, %v", b, err)
	}
	// Known by its hash: taken from the cache, even with the server gone.
	s.Close()
	again, err := fetch.Get(context.Background(), s.URL+"/report.pdf", r.SHA256, opt)
	if err != nil || !again.Cached || again.Path != r.Path {
		t.Fatalf("second get: %+v, %v", again, err)
	}
}

func TestGetFailures(t *testing.T) {
	s := server(t)
	for _, c := range []struct{ name, url, want string }{
		{"not https", strings.Replace(s.URL, "https:", "http:", 1) + "/report.pdf", "must be an https URL"},
		{"no scheme", "example.org/report.pdf", "must be an https URL"},
		{"too large", s.URL + "/big.pdf", "more than the 1024 bytes"},
		{"not a PDF", s.URL + "/page.html", "not a PDF"},
		{"timeout", s.URL + "/slow.pdf", "no complete answer within 500ms"},
		{"404", s.URL + "/missing.pdf", "answered 404 Not Found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cache := filepath.Join(t.TempDir(), "cache")
			_, err := fetch.Get(context.Background(), c.url, "", fetch.Options{CacheDir: cache, Client: s.Client(), MaxBytes: 1024, Timeout: 500 * time.Millisecond})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			if !strings.Contains(err.Error(), c.url) {
				t.Errorf("error %v does not name the address", err)
			}
			left, _ := os.ReadDir(cache)
			if len(left) != 0 {
				t.Errorf("left %v in the cache", left)
			}
		})
	}
}
