package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestMain lets the test binary be the benchmark's child process, as the command is.
func TestMain(m *testing.M) {
	if len(os.Args) == 4 && os.Args[1] == childFlag {
		os.Exit(child(os.Args[2], os.Args[3]))
	}
	os.Exit(m.Run())
}

// TestScaleSmoke runs the benchmark at a tiny size (20 markets, 2 editions, with the peer and
// without cards) and the no-op regeneration of the real data, so that a change to hugo.toml,
// the layouts or the data that breaks the benchmark fails the tests.
func TestScaleSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two small sites with Hugo")
	}
	if err := run("20", 2, true, false, false, 0); err != nil {
		t.Fatal(err)
	}
	root := sitetest.Root(t)
	if err := noop(root, mustExecutable(t), t.TempDir()); err != nil {
		t.Fatal(err)
	}
}

// TestAddMount adds the peer's data mount to a copy of hugo.toml wherever its mounts are, and
// refuses a configuration without mounts (Hugo's default mounts would be lost).
func TestAddMount(t *testing.T) {
	root := sitetest.Root(t)
	dir := t.TempDir()
	if err := sitefiles.Copy(root, dir, "hugo.toml"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "hugo.toml")
	if err := addMount(file, "peerdata", "data"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(file)
	if !strings.Contains(string(b), "peerdata") || !strings.Contains(string(b), "opendata/files") {
		t.Errorf("hugo.toml after addMount:\n%s", b)
	}
	bare := filepath.Join(dir, "bare.toml")
	os.WriteFile(bare, []byte("title = \"x\"\n[params]\n  a = 1\n"), 0o644)
	if err := addMount(bare, "peerdata", "data"); err == nil || !strings.Contains(err.Error(), "no module mounts") {
		t.Errorf("no mounts: %v", err)
	}
}

func mustExecutable(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return self
}
