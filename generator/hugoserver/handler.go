package main

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/gohugoio/hugo/livereload"
	"github.com/spf13/afero"
)

// handler serves the rendered pages, then the static files from their own folders (Hugo's
// mounts of static/ and the open data: a change to them is served without copying), Hugo's
// live-reload script and socket, and the site's 404 page for anything else.
func (s *site) handler() http.Handler {
	static := afero.NewHttpFs(s.h.BaseFs.SourceFilesystems.StaticFs(""))
	published := http.Dir(s.publish)
	pages := overlay{published, static}
	files := http.FileServer(pages)
	mux := http.NewServeMux()
	mux.HandleFunc("/livereload.js", livereload.ServeJS)
	mux.HandleFunc("/livereload", livereload.Handler)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p := r.URL.Path
		if r.Header.Get("Sec-Fetch-Mode") == "navigate" || strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html") {
			s.visit(r.URL.EscapedPath()) // as Hugo writes permalinks
		}
		if !exists(pages, p) {
			notFound(w, published, p)
			return
		}
		files.ServeHTTP(w, r)
	})
	return mux
}

// overlay opens a file from the first file system that has it.
type overlay []http.FileSystem

func (o overlay) Open(name string) (http.File, error) {
	var first error
	for _, fsys := range o {
		f, err := fsys.Open(name)
		if err == nil {
			return f, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// exists reports whether p is a file, or a folder with an index.html.
func exists(fsys http.FileSystem, p string) bool {
	f, err := fsys.Open(path.Clean("/" + p))
	if err != nil {
		return false
	}
	st, err := f.Stat()
	f.Close()
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return true
	}
	idx, err := fsys.Open(path.Join(path.Clean("/"+p), "index.html"))
	if err != nil {
		return false
	}
	idx.Close()
	return true
}

// notFound answers with the 404 page of p's language (its first folder's 404.html), or the
// site's.
func notFound(w http.ResponseWriter, published http.Dir, p string) {
	pages := []string{"/404.html"}
	if first, _, ok := strings.Cut(strings.TrimPrefix(p, "/"), "/"); ok && first != "" {
		pages = append([]string{"/" + first + "/404.html"}, pages...)
	}
	for _, page := range pages {
		b, err := os.ReadFile(string(published) + page)
		if err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(b)
			return
		} else if !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}
