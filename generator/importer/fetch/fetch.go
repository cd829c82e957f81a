// Package fetch downloads a report over https into a cache outside the repository, keyed by
// the file's SHA-256: a download that fails (not https, too large, too slow, not found, not a
// PDF) leaves nothing behind, and a report already read is not downloaded again. It declares
// itself (client.go), retries a busy server, finds a report's link on its official page
// (discover.go) and checks a PDF downloaded by hand (Local).
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// Defaults: the reports are 30 to 80 pages, a few megabytes.
const (
	DefaultMaxBytes = 50 << 20
	DefaultTimeout  = 2 * time.Minute
)

// Options say where to cache and how far to go.
type Options struct {
	CacheDir string        // default: Dir()
	MaxBytes int64         // default: DefaultMaxBytes
	Timeout  time.Duration // the whole download; default: DefaultTimeout
	Client   *http.Client  // default: http.DefaultClient (tests pass their TLS server's)
	// UserAgent names the program and where to reach its maintainers; default UserAgent("").
	UserAgent string
	// Retries is how many times a 429 or 5xx answer is retried (default DefaultRetries), after
	// Backoff, doubled each time (default DefaultBackoff), or the server's Retry-After.
	Retries int
	Backoff time.Duration
}

// Report is a downloaded report.
type Report struct {
	Path   string // the cached file, <CacheDir>/<sha256>.pdf
	SHA256 string // lower-case hex
	Cached bool   // taken from the cache, not downloaded
}

// Dir is the default cache: nmw/reports under the user's cache folder ($XDG_CACHE_HOME or
// ~/.cache on Linux), or $NMW_REPORT_CACHE where set.
func Dir() (string, error) {
	if d := os.Getenv("NMW_REPORT_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for downloaded reports (%v): set NMW_REPORT_CACHE", err)
	}
	return filepath.Join(d, "nmw", "reports"), nil
}

var hexSum = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Get returns the report at rawURL: from the cache when want (a SHA-256 the edition already
// records) is there, else downloaded. A download must be https, answer 200, stay under
// MaxBytes and Timeout, and start with %PDF-; otherwise Get returns an error saying which, and
// the cache holds nothing new.
func Get(ctx context.Context, rawURL, want string, opt Options) (*Report, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%s: the report's address must be an https URL", rawURL)
	}
	if opt.CacheDir == "" {
		if opt.CacheDir, err = Dir(); err != nil {
			return nil, err
		}
	}
	if hexSum.MatchString(want) {
		p := filepath.Join(opt.CacheDir, want+".pdf")
		if sum, err := fileSum(p); err == nil && sum == want {
			return &Report{Path: p, SHA256: want, Cached: true}, nil
		}
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	resp, err := get(ctx, u, "application/pdf", opt)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.ContentLength > opt.MaxBytes {
		return nil, fmt.Errorf("%s: the report is %d bytes, more than the %d bytes a report may take", rawURL, resp.ContentLength, opt.MaxBytes)
	}
	if err := os.MkdirAll(opt.CacheDir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(opt.CacheDir, ".download-*")
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, wrap(rawURL, ctx, err, opt.Timeout)
	}
	if n > opt.MaxBytes {
		return nil, fmt.Errorf("%s: the report is more than the %d bytes a report may take", rawURL, opt.MaxBytes)
	}
	head := make([]byte, 5)
	if _, err := tmp.ReadAt(head, 0); err != nil || !bytes.Equal(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%s: not a PDF (it does not start with %%PDF-; the server sent %q): check the address points at the report itself", rawURL, resp.Header.Get("Content-Type"))
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	p := filepath.Join(opt.CacheDir, sum+".pdf")
	if err := os.Rename(tmp.Name(), p); err != nil {
		return nil, err
	}
	keep = true
	return &Report{Path: p, SHA256: sum}, nil
}

func wrap(rawURL string, ctx context.Context, err error, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: no complete answer within %s: try again later", rawURL, timeout)
	}
	return fmt.Errorf("%s: %w", rawURL, err)
}

func fileSum(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
