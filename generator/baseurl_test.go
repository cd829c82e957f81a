package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteAddress checks where the extension's site address comes from, in order: -baseURL,
// Hugo's --baseURL or -b, HUGO_BASEURL, hugo.toml.
func TestSiteAddress(t *testing.T) {
	config := filepath.Join(t.TempDir(), "hugo.toml")
	if err := os.WriteFile(config, []byte("title = \"x\"\nbaseURL = \"https://config.example/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HUGO_BASEURL", "")
	for _, c := range []struct {
		flag string
		args []string
		env  string
		want string
	}{
		{"https://flag.example/watch", []string{"--baseURL", "https://hugo.example/"}, "", "https://flag.example/watch/"},
		{"", []string{"--minify", "--baseURL", "https://hugo.example/sub/"}, "", "https://hugo.example/sub/"},
		{"", []string{"--baseURL=https://hugo.example/"}, "", "https://hugo.example/"},
		{"", []string{"-b", "https://b.example"}, "", "https://b.example/"},
		{"", nil, "https://env.example/", "https://env.example/"},
		{"", []string{"--minify"}, "", "https://config.example/"},
	} {
		t.Setenv("HUGO_BASEURL", c.env)
		got, err := siteAddress(c.flag, c.args, config)
		if err != nil || got != c.want {
			t.Errorf("flag %q, args %q, env %q: %q, %v; want %q", c.flag, c.args, c.env, got, err, c.want)
		}
	}
	t.Setenv("HUGO_BASEURL", "")
	if _, err := siteAddress("", nil, filepath.Join(t.TempDir(), "none.toml")); err == nil || !strings.Contains(err.Error(), "-baseURL") {
		t.Errorf("no config: %v, want an error naming -baseURL", err)
	}
}

// TestGenerateWritesTheExtension runs generate as Netlify does, with the deploy's address after
// the command, twice: the extension links to that address, and the second run leaves its zip
// byte for byte as it was (the open data reports nothing written).
func TestGenerateWritesTheExtension(t *testing.T) {
	content, od := t.TempDir(), t.TempDir()
	args := []string{"-data", fixture(t), "-content", content, "-opendata", od, "generate", "--baseURL", "https://deploy.example/watch/"}
	if code, _, errs := runCmd(args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	zipPath := filepath.Join(od, "files", "extension", "nmw-check.zip")
	first, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(od, "files", "extension", "nmw-check", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), `"url":"https://deploy.example/watch/markets/fixture-bay/"`) {
		t.Error("index.js does not link to the address given after generate")
	}
	code, out, errs := runCmd(args...)
	if code != 0 || !strings.Contains(out, "open data: 0 written") {
		t.Fatalf("second run: exit %d, %q %s", code, out, errs)
	}
	if again, _ := os.ReadFile(zipPath); !bytes.Equal(first, again) {
		t.Error("the zip changed on a second run with the same data")
	}
}
