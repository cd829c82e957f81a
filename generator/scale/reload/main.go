// Command reload measures the edit loop of `go run ./generator serve` on the real data: the
// time from saving a data file to the browser showing the page it changes, reloaded by Hugo's
// live reload, in every language of the site. Not a test: the figures move with the machine's
// load, which it prints beside them.
//
//	go run ./generator/scale/reload            # 3 saves per language; needs Chromium
//	go run ./generator/scale/reload -n 5 -market aliexpress
//
// It copies the site (data/, content/ and Hugo's sources) into a temporary folder, runs the
// generator's serve there on a free port, opens /<lang>/markets/<market>/ in headless Chromium,
// renames the market in its data file (written as editors do: a temporary file renamed over
// it), and waits until the page's title, after the reload, holds the new name. For each save
// it also prints what serve and Hugo said they spent: the generator's run and Hugo's rebuild.
package main

import (
	"bufio"
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

func main() {
	n := flag.Int("n", 3, "saves per language")
	market := flag.String("market", "taobao", "the market whose data file is edited")
	keep := flag.Bool("keep", false, "keep the temporary folder")
	flag.Parse()
	if err := run(*n, *market, *keep); err != nil {
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
	// Hugo says "Total in" after a partial rebuild, "Rebuilt in" after a full one.
	hugoTime = regexp.MustCompile(`^(Total|Rebuilt) in (\d+ ms)`)
)

func run(n int, market string, keep bool) error {
	root, err := sitefiles.Root()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "nmw-reload-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("folder:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	if err := sitefiles.Copy(root, dir, append([]string{"data", "content"}, sitefiles.Sources...)...); err != nil {
		return err
	}
	gen := filepath.Join(dir, "generator-bin")
	build := exec.Command("go", "build", "-o", gen, "./generator")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build the generator: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	logs := &logLines{all: logFile}
	// serve runs in the project (for go tool hugo) on the copy's folders.
	serve := exec.Command(gen, "-data", filepath.Join(dir, "data"), "-content", filepath.Join(dir, "content"), "-opendata", filepath.Join(dir, "opendata"),
		"serve", "--source", dir, "--port", fmt.Sprint(port), "--bind", "127.0.0.1")
	serve.Dir = root
	pr, pw := io.Pipe()
	serve.Stdout, serve.Stderr = pw, pw
	go logs.read(pr)
	if err := serve.Start(); err != nil {
		return err
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
		return get(base+"/markets/"+market+"/") == 200
	}); err != nil || len(exited) > 0 {
		return fmt.Errorf("serve did not answer or stopped (log: %s)", logFile.Name())
	}
	fmt.Printf("serve started in %v (generate, then Hugo's first build of every language)\n", time.Since(start).Round(time.Millisecond))

	chrome, err := exec.LookPath("chromium")
	if err != nil {
		return errors.New("no Chromium: apt-get install chromium")
	}
	opts := append([]chromedp.ExecAllocatorOption{chromedp.ExecPath(chrome), chromedp.UserDataDir(filepath.Join(dir, "profile"))}, browser.Flags...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	file := filepath.Join(dir, "data", "markets", market+".yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	nameLine := regexp.MustCompile(`(?m)^name: .*$`)
	if !nameLine.Match(orig) {
		return fmt.Errorf("%s has no name line", file)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "language\tsave\tsave → reloaded page\tgenerator\tHugo's rebuilds\tload (1 min)\t")
	var all []time.Duration
	for _, lang := range languages {
		url := base + lang.prefix + "/markets/" + market + "/"
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			return fmt.Errorf("open %s: %w", url, err)
		}
		for i := 1; i <= n; i++ {
			name := fmt.Sprintf("Reload %s %d", lang.code, i)
			edited := nameLine.ReplaceAll(orig, []byte("name: "+name))
			saved := time.Now()
			if err := save(file, edited); err != nil {
				return err
			}
			err := waitFor(2*time.Minute, func() bool {
				ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
				defer cancel()
				t, err := chromedp.Run(ctx, chromedp.Title())
				return err == nil && strings.HasPrefix(t, name+" ·")
			})
			took := time.Since(saved)
			if err != nil {
				return fmt.Errorf("%s: the page never showed %q: %w (log: %s)", url, name, err, logFile.Name())
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
						if m[1] == "Rebuilt" {
							kind = "full"
						}
						hugo += fmt.Sprintf("%s %s; ", m[2], kind)
					}
				}
				return gen != "" && hugo != ""
			})
			fmt.Fprintf(tw, "%s\t%d\t%v\t%s\t%s\t%s\t\n", lang.code, i, took.Round(time.Millisecond), gen, strings.TrimSuffix(hugo, "; "), loadAverage())
		}
	}
	tw.Flush()
	if err := save(file, orig); err != nil {
		return err
	}
	var sum time.Duration
	lo, hi := all[0], all[0]
	for _, d := range all {
		sum += d
		lo, hi = min(lo, d), max(hi, d)
	}
	sorted := slices.Sorted(slices.Values(all))
	fmt.Printf("save → reloaded page: median %v, mean %v, min %v, max %v over %d saves; %d CPUs\n",
		sorted[len(sorted)/2].Round(time.Millisecond), (sum / time.Duration(len(all))).Round(time.Millisecond),
		lo.Round(time.Millisecond), hi.Round(time.Millisecond), len(all), cpus())
	return nil
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
