package main

import (
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
