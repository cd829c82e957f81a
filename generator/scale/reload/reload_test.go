package main

import (
	"io"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestReloadSmoke runs the benchmark at its smallest (the test fixture, one save, English), so
// that a change to serve, hugoserver, hugo.toml or the layouts that breaks it fails the tests.
func TestReloadSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and serves a site")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("no Chromium (apt-get install chromium)")
	}
	data := filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture")
	times, err := run(options{n: 1, market: "shop-o-rama", data: data, languages: []string{"en"}}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if got := times["this tree"]; len(got) != 1 || got[0] <= 0 {
		t.Errorf("times %v", times)
	}
}
