package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestLighthouseSmoke builds the real site, checks that every page the benchmark scores exists
// in both languages, and scores the home page once, so that a change to hugo.toml, the layouts
// or the data that breaks the benchmark fails the tests.
func TestLighthouseSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and runs Lighthouse")
	}
	root := sitetest.Root(t)
	if _, err := os.Stat(filepath.Join(root, "generator", "scale", "lighthouse", "node_modules", ".bin", "lighthouse")); err != nil {
		t.Skip("Lighthouse is not installed: npm ci --prefix generator/scale/lighthouse")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("no Chromium (apt-get install chromium)")
	}
	var out bytes.Buffer
	o := options{pages: []string{"/", "/markets/taobao/", "/years/2020/", "/statistics/", "/countries/", "/cities/cn-shenzhen/"}, first: true}
	if err := run(o, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\n/ ") {
		t.Errorf("no score for the home page:\n%s", out.String())
	}
	t.Log(out.String())
}
