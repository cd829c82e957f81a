package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// siteAddress is the address the site is deployed at, which the browser extension's links
// start with. Hugo learns it only when it builds, after the generator has written the
// extension, so the generator looks where Hugo would: the -baseURL flag, else a --baseURL (or
// -b) after the command (Hugo's flags, for build and serve), else HUGO_BASEURL, else hugo.toml's
// baseURL.
func siteAddress(flagValue string, hugoArgs []string, config string) (string, error) {
	if flagValue != "" {
		return slash(flagValue), nil
	}
	for i, a := range hugoArgs {
		for _, name := range []string{"--baseURL", "-b"} {
			if v, ok := strings.CutPrefix(a, name+"="); ok {
				return slash(v), nil
			}
			if a == name && i+1 < len(hugoArgs) {
				return slash(hugoArgs[i+1]), nil
			}
		}
	}
	if v := os.Getenv("HUGO_BASEURL"); v != "" {
		return slash(v), nil
	}
	b, err := os.ReadFile(findUp(config))
	if err != nil {
		return "", fmt.Errorf("the site's address for the browser extension: %w (give it with -baseURL)", err)
	}
	var c struct {
		BaseURL string `toml:"baseURL"`
	}
	if err := toml.Unmarshal(b, &c); err != nil {
		return "", fmt.Errorf("%s: %w", config, err)
	}
	if c.BaseURL == "" {
		return "", fmt.Errorf("%s has no baseURL: set it, or give the site's address with -baseURL", config)
	}
	return slash(c.BaseURL), nil
}

func slash(u string) string {
	if strings.HasSuffix(u, "/") {
		return u
	}
	return u + "/"
}

// findUp returns the path of a relative file name in the current folder or the nearest parent
// that has it (the generator runs at the project's root, its tests in generator/), or name.
func findUp(name string) string {
	dir, err := os.Getwd()
	if err != nil || filepath.IsAbs(name) {
		return name
	}
	for {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return name
		}
		dir = parent
	}
}
