// Package extension builds the browser extension that checks, as the shopper browses, whether
// the site in the active tab is a market on a watchlist: its index of listed domains, its
// manifest and icons, and the unpacked folder and zip a deployer publishes with the site.
package extension

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/notorious-markets-watch/nmw/assets"
	"github.com/notorious-markets-watch/nmw/generator/model"
)

// Folder is the published folder that holds the extension, below the site's root.
const Folder = "extension"

// Name is the extension's file name: Folder/Name/ is the unpacked extension, Folder/Name.zip
// the same files zipped.
const Name = "nmw-check"

//go:embed src
var src embed.FS

// zipTime is every zip entry's modification time, so that the same data makes the same zip.
var zipTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// File is one file of the extension, with a slash-separated path inside it.
type File struct {
	Path string
	Data []byte
}

// Files returns the extension's files, sorted by path, for a site deployed at baseURL (the
// address with its trailing slash, which the popup's links start with).
func Files(site *model.Site, baseURL string) ([]File, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("extension: the site's address %q is not an http(s) address with a host: give it as e.g. https://example.org/", baseURL)
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	ix, err := json.Marshal(BuildIndex(site, baseURL))
	if err != nil {
		return nil, err
	}
	files := []File{
		{"index.js", append(append([]byte("// The index of listed markets, written by the generator from the site's data.\nvar nmwIndex = "), ix...), ";\n"...)},
		{"match.js", assets.MatchJS},
	}
	entries, err := src.ReadDir("src")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := src.ReadFile("src/" + e.Name())
		if err != nil {
			return nil, err
		}
		files = append(files, File{e.Name(), b})
	}
	for _, size := range iconSizes {
		b, err := icon(size)
		if err != nil {
			return nil, err
		}
		files = append(files, File{iconPath(size), b})
	}
	man, err := manifest(site, u)
	if err != nil {
		return nil, err
	}
	files = append(files, File{"manifest.json", man})
	locales, err := localeFiles()
	if err != nil {
		return nil, err
	}
	files = append(files, locales...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// Zip packs files, in the order given, with fixed times and permissions: the same files make
// the same bytes.
func Zip(files []File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Published returns the files to publish with the site, below Folder: the unpacked extension
// and its zip.
func Published(site *model.Site, baseURL string) ([]File, error) {
	files, err := Files(site, baseURL)
	if err != nil {
		return nil, err
	}
	z, err := Zip(files)
	if err != nil {
		return nil, err
	}
	out := []File{{path.Join(Folder, Name+".zip"), z}}
	for _, f := range files {
		out = append(out, File{path.Join(Folder, Name, f.Path), f.Data})
	}
	return out, nil
}

// manifest is manifest.json: Manifest V3, for Chromium (service_worker) and Firefox (scripts,
// browser_specific_settings), its name, description and button title in the browser's language
// (_locales, from i18n/). The only permission is tabs, to read the active tab's address
// when it changes; there are no host permissions, no content scripts and no custom CSP.
func manifest(site *model.Site, u *url.URL) ([]byte, error) {
	icons := map[string]string{}
	for _, s := range iconSizes {
		icons[fmt.Sprint(s)] = iconPath(s)
	}
	m := map[string]any{
		"manifest_version": 3,
		"name":             "__MSG_ext_name__",
		"short_name":       "NMW check",
		"version":          version(site),
		"description":      "__MSG_ext_description__",
		"default_locale":   "en", // the words are in _locales/<locale>/messages.json
		"homepage_url":     u.String(),
		"permissions":      []string{"tabs"},
		"background": map[string]any{
			"service_worker": "background.js",
			"scripts":        []string{"match.js", "index.js", "background.js"},
			// Firefox runs background.scripts as a document, Chromium the service worker; naming
			// both says so, and Firefox's linter then does not warn that it ignores service_worker.
			"preferred_environment": []string{"service_worker", "document"},
		},
		"action": map[string]any{
			"default_popup": "popup.html",
			"default_title": "__MSG_ext_title__",
			"default_icon":  icons,
		},
		"icons": icons,
		"browser_specific_settings": map[string]any{
			// data_collection_permissions (the add-ons store requires it of new extensions)
			// came with Firefox 140 on desktop and Firefox 142 on Android: older versions would
			// ignore it, so these are the lowest versions that read every key (web-ext lint).
			"gecko": map[string]any{
				"id":                          "check@" + u.Hostname(),
				"strict_min_version":          "140.0",
				"data_collection_permissions": map[string]any{"required": []string{"none"}},
			},
			"gecko_android": map[string]any{
				"strict_min_version": "142.0",
			},
		},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}

// version is the extension's version: 1, the newest edition's year, and the number of
// listings recorded, so that it grows as editions and entries are added.
func version(site *model.Site) string {
	year, listings := 0, 0
	for _, e := range site.Editions {
		year = max(year, e.Year)
		listings += len(e.Online) + len(e.Physical)
	}
	return fmt.Sprintf("1.%d.%d", year, listings)
}
