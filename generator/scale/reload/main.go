// Command reload measures the edit loop of `go run ./generator serve` on the real data: the
// time from saving a data file to the browser showing the page it changes, reloaded by Hugo's
// live reload, in every language of the site. Not a test: the figures move with the machine's
// load, which it prints beside them.
//
//	go run ./generator/scale/reload            # 3 saves per language; needs Chromium
//	go run ./generator/scale/reload -n 5 -market aliexpress
//	go run ./generator/scale/reload -before main  # the same saves with main's serve first
//
// With -before, the serve of that git revision (its generator built from `git archive`, with
// this tree's Hugo sources and tools) is measured first, in the same run, so that the two can
// be compared on a shared machine. A smoke test runs it on the test fixture in `go test`.
//
// It copies the site (data/, content/ and Hugo's sources) into a temporary folder, runs the
// generator's serve there on a free port, opens /<lang>/markets/<market>/ in headless Chromium,
// renames the market in its data file (written as editors do: a temporary file renamed over
// it), and waits until the page's title, after the reload, holds the new name. For each save
// it also prints what serve and Hugo said they spent: the generator's run and Hugo's rebuild.
package main

import (
	"bufio"
	"bytes"
	"context"
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
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
)

var languages = []struct{ code, prefix string }{
	{"en", ""}, {"es", "/es"}, {"fr", "/fr"}, {"de", "/de"}, {"zh-hans", "/zh-hans"},
}

// options say what to measure.
type options struct {
	n         int
	market    string
	data      string   // the data folder (default: the project's)
	languages []string // language codes (default: all)
	before    string   // a git revision to measure first
	keep      bool
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 3, "saves per language")
	flag.StringVar(&o.market, "market", "taobao", "the market whose data file is edited")
	flag.StringVar(&o.data, "data", "", "the data folder (default: the project's data/)")
	langs := flag.String("languages", "", "comma-separated language codes (default: all)")
	flag.StringVar(&o.before, "before", "", "a git revision whose serve to measure first, in the same run")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary folder")
	flag.Parse()
	if *langs != "" {
		o.languages = strings.Split(*langs, ",")
	}
	if _, err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reload:", err)
		os.Exit(1)
	}
}

// logLines collects serve's output, with the time each line came.
type logLines struct {
	mu    sync.Mutex
	lines []line
	all   io.Writer
}

type line struct {
	at   time.Time
	text string
}

func (l *logLines) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l.mu.Lock()
		l.lines = append(l.lines, line{time.Now(), sc.Text()})
		fmt.Fprintln(l.all, sc.Text())
		l.mu.Unlock()
	}
}

// since returns the lines that came after t.
func (l *logLines) since(t time.Time) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, ln := range l.lines {
		if ln.at.After(t) {
			out = append(out, ln.text)
		}
	}
	return out
}

var (
	generateTime = regexp.MustCompile(`^generate: .*; (\S+)$`)
	// hugoserver says how many files it rebuilt with; Hugo's own server (before hugoserver)
	// says "Total in" after a partial rebuild, "Rebuilt in" after a full one.
	hugoTime = regexp.MustCompile(`^(?:hugoserver: (\d+) changed files .*rebuilt in|(Total|Rebuilt) in) (\d+ ms)`)
)

// run measures each variant (the -before revision's serve, then this tree's) and returns every
// save's time, this tree's last.
func run(o options, stdout io.Writer) (map[string][]time.Duration, error) {
	root, err := sitefiles.Root()
	if err != nil {
		return nil, err
	}
	if o.data == "" {
		o.data = filepath.Join(root, "data")
	}
	dir, err := os.MkdirTemp("", "nmw-reload-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		fmt.Fprintln(stdout, "folder:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	variants := []struct{ name, src string }{{"this tree", root}}
	if o.before != "" {
		src := filepath.Join(dir, "before-src")
		if err := os.MkdirAll(src, 0o755); err != nil {
			return nil, err
		}
		archive := exec.Command("sh", "-c", `git -C "$1" archive "$2" | tar -x -C "$3"`, "sh", root, o.before, src)
		archive.Stderr = os.Stderr
		if err := archive.Run(); err != nil {
			return nil, fmt.Errorf("git archive %s: %w", o.before, err)
		}
		variants = append([]struct{ name, src string }{{o.before, src}}, variants...)
	}
	times := map[string][]time.Duration{}
	var summary []string
	for i, v := range variants {
		vdir := filepath.Join(dir, fmt.Sprint(i))
		fmt.Fprintf(stdout, "\n%s:\n", v.name)
		all, err := measure(o, root, v.src, vdir, stdout)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", v.name, err)
		}
		times[v.name] = all
		summary = append(summary, fmt.Sprintf("%s: median %v", v.name, median(all).Round(time.Millisecond)))
	}
	if len(variants) > 1 {
		b, a := median(times[variants[0].name]), median(times[variants[1].name])
		fmt.Fprintf(stdout, "\n%s; after/before %.2f\n", strings.Join(summary, ", "), float64(a)/float64(b))
	}
	return times, nil
}

func median(d []time.Duration) time.Duration {
	sorted := slices.Sorted(slices.Values(d))
	return sorted[len(sorted)/2]
}

// measure runs the serve of the generator in src on a copy of the site in dir and times n saves
// in each language.
func measure(o options, root, src, dir string, stdout io.Writer) ([]time.Duration, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := sitefiles.Copy(root, dir, append([]string{"content"}, sitefiles.Sources...)...); err != nil {
		return nil, err
	}
	if err := sitefiles.CopyTree(o.data, filepath.Join(dir, "data")); err != nil {
		return nil, err
	}
	gen := filepath.Join(dir, "generator-bin")
	build := exec.Command("go", "build", "-o", gen, "./generator")
	build.Dir, build.Stdout, build.Stderr = src, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("build the generator: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	logs := &logLines{all: logFile}
	// serve runs in the project (for go tool) on the copy's folders.
	serve := exec.Command(gen, "-data", filepath.Join(dir, "data"), "-content", filepath.Join(dir, "content"), "-opendata", filepath.Join(dir, "opendata"),
		"serve", "--source", dir, "--port", fmt.Sprint(port), "--bind", "127.0.0.1")
	serve.Dir = root
	pr, pw := io.Pipe()
	serve.Stdout, serve.Stderr = pw, pw
	go logs.read(pr)
	if err := serve.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- serve.Wait(); pw.Close() }()
	defer func() {
		serve.Process.Signal(syscall.SIGTERM)
		<-exited
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	start := time.Now()
	if err := waitFor(10*time.Minute, func() bool {
		select {
		case err := <-exited:
			exited <- err
			return true
		default:
		}
		return get(base+"/markets/"+o.market+"/") == 200
	}); err != nil || len(exited) > 0 {
		return nil, fmt.Errorf("serve did not answer or stopped (log: %s)", logFile.Name())
	}
	fmt.Fprintf(stdout, "serve started in %v (generate, then Hugo's first build of every language)\n", time.Since(start).Round(time.Millisecond))

	chrome, err := exec.LookPath("chromium")
	if err != nil {
		return nil, errors.New("no Chromium: apt-get install chromium")
	}
	opts := append([]chromedp.ExecAllocatorOption{chromedp.ExecPath(chrome), chromedp.UserDataDir(filepath.Join(dir, "profile"))}, browser.Flags...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	file := filepath.Join(dir, "data", "markets", o.market+".yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	nameLine := regexp.MustCompile(`(?m)^name: .*$`)
	if !nameLine.Match(orig) {
		return nil, fmt.Errorf("%s has no name line", file)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "language\tsave\tsave → reloaded page\tCPU\tgenerator\tHugo's rebuilds\tload (1 min)\t")
	var all []time.Duration
	for _, lang := range languages {
		if o.languages != nil && !slices.Contains(o.languages, lang.code) {
			continue
		}
		url := base + lang.prefix + "/markets/" + o.market + "/"
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			return nil, fmt.Errorf("open %s: %w", url, err)
		}
		for i := 1; i <= o.n; i++ {
			name := fmt.Sprintf("Reload %s %d", lang.code, i)
			edited := nameLine.ReplaceAll(orig, []byte("name: "+name))
			cpu0 := cpuTime(serve.Process.Pid)
			saved := time.Now()
			if err := save(file, edited); err != nil {
				return nil, err
			}
			err := waitFor(2*time.Minute, func() bool {
				ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
				defer cancel()
				t, err := chromedp.Run(ctx, chromedp.Title())
				return err == nil && strings.HasPrefix(t, name+" ·")
			})
			took := time.Since(saved)
			if err != nil {
				// Counted at the limit, and the last of this variant: a later save could show
				// this one's page.
				fmt.Fprintf(stdout, "%s: the page never showed %q: %v (log: %s)\n", url, name, err, logFile.Name())
				all = append(all, took)
				tw.Flush()
				return all, nil
			}
			all = append(all, took)
			// Let Hugo finish and print its figure before the next save.
			var gen, hugo string
			waitFor(time.Minute, func() bool {
				gen, hugo = "", ""
				for _, l := range logs.since(saved) {
					if m := generateTime.FindStringSubmatch(l); m != nil {
						gen = m[1]
					}
					if m := hugoTime.FindStringSubmatch(l); m != nil {
						kind := "partial"
						switch {
						case m[1] != "":
							kind = m[1] + " files"
						case m[2] == "Rebuilt":
							kind = "full"
						}
						hugo += fmt.Sprintf("%s %s; ", m[3], kind)
					}
				}
				return gen != "" && hugo != ""
			})
			cpu := cpuTime(serve.Process.Pid) - cpu0
			fmt.Fprintf(tw, "%s\t%d\t%v\t%v\t%s\t%s\t%s\t\n", lang.code, i, took.Round(time.Millisecond), cpu.Round(10*time.Millisecond), gen, strings.TrimSuffix(hugo, "; "), loadAverage())
		}
	}
	tw.Flush()
	if len(all) == 0 {
		return nil, errors.New("no language to measure")
	}
	var sum time.Duration
	lo, hi := all[0], all[0]
	for _, d := range all {
		sum += d
		lo, hi = min(lo, d), max(hi, d)
	}
	fmt.Fprintf(stdout, "save → reloaded page: median %v, mean %v, min %v, max %v over %d saves; %d CPUs\n",
		median(all).Round(time.Millisecond), (sum / time.Duration(len(all))).Round(time.Millisecond),
		lo.Round(time.Millisecond), hi.Round(time.Millisecond), len(all), cpus())
	return all, nil
}

// save writes a file as editors do: a temporary file renamed over it.
func save(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), ".reload-tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func waitFor(limit time.Duration, cond func() bool) error {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return nil
		}
	}
	return fmt.Errorf("not within %v", limit)
}

func get(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// cpuTime is the CPU time (user and system) a process and its descendants have used so far,
// from /proc: on a shared machine, steadier than the wall time of a save (it includes Hugo's
// work after the page showed, and the browser's reload requests; not the browser).
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command's name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	var ticks int64
	if len(f) > 12 {
		u, _ := strconv.ParseInt(f[11], 10, 64)
		s, _ := strconv.ParseInt(f[12], 10, 64)
		ticks = u + s
	}
	total := time.Duration(ticks) * time.Second / 100 // USER_HZ
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, t := range tasks {
		c, _ := os.ReadFile(t)
		for _, child := range strings.Fields(string(c)) {
			if id, err := strconv.Atoi(child); err == nil {
				total += cpuTime(id)
			}
		}
	}
	return total
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func cpus() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}
