// Command lighthouse prints Lighthouse's mobile scores (performance, accessibility, best
// practices, SEO) for the home page, a market page, a year page, the statistics page, the
// countries page and a city page of the real site, in English and in one other language of
// hugo.toml. Not a test: scores move with the machine's load; a smoke test (one page, go test)
// checks that it still runs and that every page it scores exists.
//
//	npm ci --prefix generator/scale/lighthouse   # Lighthouse 12.2.3, once
//	go run ./generator/scale/lighthouse          # needs Chromium (CHROME_PATH, default /usr/bin/chromium)
//
// It builds the committed content/ with Hugo (the version go.mod pins) into a temporary folder
// and serves it on 127.0.0.1 as Netlify would: gzip, and netlify.toml's headers (the
// Content-Security-Policy and the others, read from the file).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
)

// chromeFlags are the flags that work for headless Chromium on the project's machines.
const chromeFlags = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

var categories = []string{"performance", "accessibility", "best-practices", "seo"}

// options say which pages to score.
type options struct {
	pages []string // paths below each language's root
	langs string   // comma-separated codes, or "" for the default
	keep  bool
	// first scores only the first page of the first language, after checking that every page
	// exists: the smoke test.
	first bool
}

func main() {
	market := flag.String("market", "/markets/taobao/", "the market page to score")
	year := flag.String("year", "/years/2020/", "the year page to score")
	city := flag.String("city", "/cities/cn-shenzhen/", "the city page to score")
	langs := flag.String("langs", "", "languages, comma-separated (default: the default language and the next one in hugo.toml)")
	keep := flag.Bool("keep", false, "keep the built site and Lighthouse's JSON reports")
	flag.Parse()
	o := options{pages: []string{"/", *market, *year, "/statistics/", "/countries/", *city}, langs: *langs, keep: *keep}
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lighthouse:", err)
		os.Exit(1)
	}
}

func run(o options, stdout io.Writer) error {
	root, err := sitefiles.Root()
	if err != nil {
		return err
	}
	lh := filepath.Join(root, "generator", "scale", "lighthouse", "node_modules", ".bin", "lighthouse")
	if _, err := os.Stat(lh); err != nil {
		return errors.New("Lighthouse is not installed: run npm ci --prefix generator/scale/lighthouse")
	}
	chrome := os.Getenv("CHROME_PATH")
	if chrome == "" {
		chrome = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chrome); err != nil {
		return fmt.Errorf("no Chromium at %s: apt-get install chromium, or set CHROME_PATH", chrome)
	}
	work, err := os.MkdirTemp("", "nmw-lighthouse-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(stdout, "work folder:", work)
	} else {
		defer os.RemoveAll(work)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() + "/"
	public := filepath.Join(work, "public")
	if err := build(root, work, public, base); err != nil {
		return err
	}
	headers, err := netlifyHeaders(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return err
	}
	go http.Serve(ln, serve(public, headers))

	langs, err := languages(root, o.langs)
	if err != nil {
		return err
	}
	var paths [][]string
	for i, lang := range langs {
		prefix := "/"
		if i > 0 || lang.prefix != "" {
			prefix = "/" + lang.prefix + "/"
		}
		var ps []string
		for _, p := range o.pages {
			path := prefix + strings.TrimPrefix(p, "/")
			resp, err := http.Get(strings.TrimSuffix(base, "/") + path)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: %s (a page to score is missing: pass another)", path, resp.Status)
			}
			ps = append(ps, path)
		}
		paths = append(paths, ps)
	}
	if o.first {
		paths = [][]string{paths[0][:1]}
	}
	fmt.Fprintf(stdout, "Lighthouse 12.2.3, mobile (its default emulation and throttling), %s\n\n", chrome)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "page\t"+strings.Join(categories, "\t")+"\t")
	var below []string
	for _, ps := range paths {
		for _, path := range ps {
			scores, problems, err := score(lh, chrome, base+strings.TrimPrefix(path, "/"), filepath.Join(work, "report-"+strings.NewReplacer("/", "_").Replace(path)+".json"))
			if err != nil {
				return err
			}
			line := path
			for _, c := range categories {
				line += fmt.Sprintf("\t%d", scores[c])
			}
			fmt.Fprintln(tw, line+"\t")
			for _, p := range problems {
				below = append(below, path+": "+p)
			}
		}
	}
	tw.Flush()
	if len(below) > 0 {
		fmt.Fprintln(stdout, "\nAudits that cost points:")
		for _, b := range below {
			fmt.Fprintln(stdout, "  "+b)
		}
	}
	return nil
}

type language struct{ code, prefix string }

// languages returns the languages to score: those asked for, or the default one and the next
// by weight. The default language is at the root; the others below /<code>/.
func languages(root, flagValue string) ([]language, error) {
	var cfg struct {
		DefaultContentLanguage string `toml:"defaultContentLanguage"`
		Languages              map[string]struct {
			Weight int `toml:"weight"`
		} `toml:"languages"`
	}
	if err := decodeTOML(filepath.Join(root, "hugo.toml"), &cfg); err != nil {
		return nil, err
	}
	def := cfg.DefaultContentLanguage
	if def == "" {
		def = "en"
	}
	prefix := func(code string) string {
		if code == def {
			return ""
		}
		return code
	}
	if flagValue != "" {
		var out []language
		for _, c := range strings.Split(flagValue, ",") {
			out = append(out, language{c, prefix(c)})
		}
		return out, nil
	}
	out := []language{{def, ""}}
	next, w := "", 0
	for code, l := range cfg.Languages {
		if code != def && (next == "" || l.Weight < w) {
			next, w = code, l.Weight
		}
	}
	if next != "" {
		out = append(out, language{next, next})
	}
	return out, nil
}

// build copies the site's sources with the committed content/ and runs Hugo as Netlify does.
func build(root, work, public, base string) error {
	site := filepath.Join(work, "site")
	if err := sitefiles.Copy(root, site, append(sitefiles.Sources, "content")...); err != nil {
		return err
	}
	cmd := exec.Command("go", "tool", "hugo", "--source", site, "--destination", public, "--minify", "--quiet", "--baseURL", base)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("hugo: %v\n%s", err, out)
	}
	return nil
}

// netlifyHeaders reads the headers netlify.toml sets for every path ("/*").
func netlifyHeaders(path string) (http.Header, error) {
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if err := decodeTOML(path, &cfg); err != nil {
		return nil, err
	}
	h := http.Header{}
	for _, r := range cfg.Headers {
		if r.For == "/*" {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
	return h, nil
}

var compressible = regexp.MustCompile(`\.(html|css|js|json|svg|xml|txt)$`)

// serve serves public/ with the headers, gzip for text (as Netlify compresses), and the 404 page.
func serve(public string, headers http.Header) http.Handler {
	files := http.FileServer(http.Dir(public))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header()[k] = v
		}
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(name))); err != nil {
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(public, "404.html"))
			w.Write(b)
			return
		}
		if !compressible.MatchString(name) || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz io.Writer
}

func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) }

// score runs Lighthouse on one URL and returns each category's score (0–100) and the audits
// that cost points.
func score(lh, chrome, url, report string) (map[string]int, []string, error) {
	cmd := exec.Command(lh, url, "--output=json", "--output-path="+report, "--quiet",
		"--only-categories="+strings.Join(categories, ","), "--chrome-flags="+chromeFlags)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("lighthouse %s: %v\n%s", url, err, errb.String())
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return nil, nil, err
	}
	var r struct {
		Categories map[string]struct {
			Score     *float64 `json:"score"`
			AuditRefs []struct {
				ID     string  `json:"id"`
				Weight float64 `json:"weight"`
			} `json:"auditRefs"`
		} `json:"categories"`
		Audits map[string]struct {
			Title        string   `json:"title"`
			Score        *float64 `json:"score"`
			DisplayValue string   `json:"displayValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", report, err)
	}
	scores := map[string]int{}
	var problems []string
	for _, c := range categories {
		cat, ok := r.Categories[c]
		if !ok || cat.Score == nil {
			return nil, nil, fmt.Errorf("%s: no %s score", url, c)
		}
		scores[c] = int(*cat.Score*100 + 0.5)
		for _, ref := range cat.AuditRefs {
			a := r.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				problems = append(problems, fmt.Sprintf("%s: %s (%s, score %.2f) %s", c, ref.ID, a.Title, *a.Score, a.DisplayValue))
			}
		}
	}
	return scores, problems, nil
}

func decodeTOML(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := toml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}
