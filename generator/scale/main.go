// Command scale measures the generator and Hugo at real size and at scale.
//
//	go run ./generator/scale                  # N = 1k, 10k, 50k markets × 20 editions
//	go run ./generator/scale -n 1000 -peer=false
//
// For each N it synthesizes a data folder, runs the generator and Hugo on it, then builds the
// same data with a Hugo content adapter (adapter.gotmpl, no generator) and the site's own
// layouts, and prints one table. Hugo builds without the preview cards (params.previewCards =
// false), which measures the layouts; up to -cards markets it also builds with the cards on a
// cold image cache (every card drawn, as a first deploy) and again on the warm cache (as later
// deploys, which keep HUGO_CACHEDIR), so their cost is reported too. Each step runs as a child process, so its peak memory is the
// child's maximum resident set size as the OS reports it. It then checks a no-op regeneration
// of the real data/ (which must write no file) and the weight of the home page, a market page
// and a year page built from the real data, failing on any request to another host.
// Work files go to a tmpfs (/dev/shm) when there is one.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/internal/synth"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

//go:embed adapter.gotmpl
var adapter []byte

// childFlag runs the generator step in a child process: scale -generate DATA CONTENT.
const childFlag = "-generate"

func main() {
	if len(os.Args) == 4 && os.Args[1] == childFlag {
		os.Exit(child(os.Args[2], os.Args[3]))
	}
	ns := flag.String("n", "1000,10000,50000", "numbers of markets, comma-separated")
	eds := flag.Int("e", 20, "editions, split between two publishers")
	peer := flag.Bool("peer", true, "also build each data set with the content-adapter peer")
	real := flag.Bool("real", true, "also measure the no-op regeneration and page weight of the real data/")
	keep := flag.Bool("keep", false, "keep the work folder, with the built sites")
	cards := flag.Int("cards", 1000, "also build with preview cards, cold and warm, for N up to this (0: never)")
	flag.BoolVar(&generatorOnly, "generator-only", false, "measure the generator alone (no Hugo, cards or peer): for large N")
	flag.BoolVar(&allLanguages, "all-languages", false, "build the synthetic sites in every language of hugo.toml (default: the default language only)")
	flag.Parse()
	if err := run(*ns, *eds, *peer, *real, *keep, *cards); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

// child generates content and the open-data files from data, as `go run ./generator generate`
// does, and prints what it wrote as JSON. Synthetic editions list thousands of markets, so the
// data-file limit is lifted.
func child(data, content string) int {
	dataset.MaxFileSize = 1 << 30
	pipeline.LimitMemory() // as the generate command does
	start := time.Now()
	site, st, problems, err := pipeline.Generate(data, content, time.Now())
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("%d problems, first: %v", len(problems), problems[0])
	}
	if err == nil { // as the generate command does: the open-data files too
		_, err = pipeline.WriteOpenData(site, filepath.Join(filepath.Dir(content), "opendata"), "https://example.org/")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(genResult{Stats: st, Markets: len(site.Markets), Seconds: time.Since(start).Seconds()})
	return 0
}

type genResult struct {
	Stats   contentdir.Stats
	Markets int
	Seconds float64 // inside the child, excluding process start
}

// measured is one child process's wall time and peak memory.
type measured struct {
	seconds float64
	cpu     float64 // user + system CPU seconds: on a shared machine, steadier than wall time
	peakMB  float64
	stdout  []byte
}

// measure runs a command in dir, with env as its environment (nil: this process's).
func measure(dir string, env []string, name string, args ...string) (measured, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := measured{seconds: time.Since(start).Seconds(), stdout: out.Bytes()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.peakMB = float64(ru.Maxrss) / 1024 // KiB on Linux
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out.String(), errb.String())
	}
	return m, nil
}

type row struct {
	n, entries, pages   int
	gen, hugo, peer     measured
	cold, warm          *measured // with preview cards, on a cold and a warm image cache
	cards               int       // preview cards drawn in the cold build
	outBytes, peerPages int64
}

func run(nsFlag string, editions int, peer, real, keep bool, cards int) error {
	if generatorOnly {
		peer, real, cards = false, false, 0
	}
	root, err := sitefiles.Root()
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	hugoBin, err := hugoPath(root)
	if err != nil {
		return err
	}
	base := os.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		base = "/dev/shm"
	}
	work, err := os.MkdirTemp(base, "nmw-scale-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(work)
	} else {
		fmt.Println("work folder:", work)
	}
	fmt.Printf("machine: %s/%s, %d CPUs, %s; Go %s; work in %s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), runtime.Version(), base)

	var rows []row
	for _, f := range strings.Split(nsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-n: %v", err)
		}
		r, err := scaleRun(root, self, hugoBin, filepath.Join(work, strconv.Itoa(n)), n, editions, peer, keep, n <= cards)
		if err != nil {
			return err
		}
		rows = append(rows, r)
		printRow(r, peer)
		if !keep {
			os.RemoveAll(filepath.Join(work, strconv.Itoa(n)))
		}
	}
	printTable(rows, editions, peer)
	if real {
		if err := noop(root, self, filepath.Join(work, "noop")); err != nil {
			return err
		}
		if err := pageWeight(root, self, hugoBin, filepath.Join(work, "weight")); err != nil {
			return err
		}
	}
	return nil
}

func scaleRun(root, self, hugoBin, dir string, n, editions int, peer, keep, cards bool) (row, error) {
	r := row{n: n}
	data := filepath.Join(dir, "data")
	st, err := synth.Write(data, synth.Options{Markets: n, Editions: editions})
	if err != nil {
		return r, err
	}
	r.entries = st.Entries
	fmt.Fprintf(os.Stderr, "N=%d: %d entries, %d developments; generating\n", n, st.Entries, st.Developments)

	site := filepath.Join(dir, "site")
	if err := copySite(root, site); err != nil {
		return r, err
	}
	if r.gen, err = measure(dir, nil, self, childFlag, data, filepath.Join(site, "content")); err != nil {
		return r, err
	}
	fmt.Fprintf(os.Stderr, "N=%d: generator %.2fs; building with Hugo\n", n, r.gen.seconds)
	if generatorOnly {
		return r, nil
	}
	if err := writeNoCards(site); err != nil {
		return r, err
	}
	if err := writeOneLanguage(site); err != nil {
		return r, err
	}
	public := filepath.Join(dir, "public")
	if r.hugo, err = measure(site, pipeline.HugoEnv(), hugoBin, hugoArgs(dir, "cache", public, false)...); err != nil {
		return r, err
	}
	var pages int64
	pages, r.outBytes, err = countOutput(public)
	if err != nil {
		return r, err
	}
	r.pages = int(pages)
	genMarkets, _, _ := countOutput(filepath.Join(public, "markets"))
	genYears, _, _ := countOutput(filepath.Join(public, "years"))
	if !keep {
		os.RemoveAll(public)
	}
	if cards {
		// The same build with the preview cards: first on an empty image cache, then again on
		// the cache the first build filled.
		fmt.Fprintf(os.Stderr, "N=%d: Hugo %.2fs; building with preview cards, cold cache\n", n, r.hugo.seconds)
		cpublic := filepath.Join(dir, "public-cards")
		cold, err := measure(site, pipeline.HugoEnv(), hugoBin, hugoArgs(dir, "cards-cache", cpublic, true)...)
		if err != nil {
			return r, err
		}
		r.cold = &cold
		r.cards = countFiles(cpublic, "og.png")
		os.RemoveAll(cpublic)
		fmt.Fprintf(os.Stderr, "N=%d: %d cards, cold %.2fs; warm cache\n", n, r.cards, cold.seconds)
		warm, err := measure(site, pipeline.HugoEnv(), hugoBin, hugoArgs(dir, "cards-cache", cpublic, true)...)
		if err != nil {
			return r, err
		}
		r.warm = &warm
		if !keep {
			os.RemoveAll(cpublic)
		}
	}

	if peer {
		fmt.Fprintf(os.Stderr, "N=%d: Hugo %.2fs; building the content-adapter peer\n", n, r.hugo.seconds)
		psite := filepath.Join(dir, "peer")
		if err := copySite(root, psite); err != nil {
			return r, err
		}
		if err := writePeer(psite, data); err != nil {
			return r, err
		}
		if err := writeNoCards(psite); err != nil {
			return r, err
		}
		if err := writeOneLanguage(psite); err != nil {
			return r, err
		}
		ppublic := filepath.Join(dir, "peer-public")
		if r.peer, err = measure(psite, nil, hugoBin, hugoArgs(dir, "peer-cache", ppublic, false)...); err != nil {
			return r, err
		}
		if r.peerPages, _, err = countOutput(ppublic); err != nil {
			return r, err
		}
		// The peer makes every market and year page; the generator's site also has a few
		// pages (statistics, coverage, search) the peer leaves out.
		peerMarkets, _, _ := countOutput(filepath.Join(ppublic, "markets"))
		peerYears, _, _ := countOutput(filepath.Join(ppublic, "years"))
		if peerMarkets != genMarkets || peerYears != genYears {
			return r, fmt.Errorf("N=%d: the peer built %d market and %d year pages, the generator's site %d and %d: the builds are not comparable", n, peerMarkets, peerYears, genMarkets, genYears)
		}
		if !keep {
			os.RemoveAll(ppublic)
		}
	}
	return r, nil
}

// noCards is the configuration added for builds without preview cards; oneLanguage the one
// that builds the synthetic sites in the default language only (unless -all-languages).
const (
	noCards     = "nocards.toml"
	oneLanguage = "onelanguage.toml"
)

var allLanguages, generatorOnly bool

func writeNoCards(site string) error {
	return os.WriteFile(filepath.Join(site, noCards), []byte("[params]\n  previewCards = false\n"), 0o644)
}

// writeOneLanguage disables every language hugo.toml defines but the default one.
func writeOneLanguage(site string) error {
	cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
	if err != nil {
		return err
	}
	def := "en"
	if m := regexp.MustCompile(`(?m)^defaultContentLanguage\s*=\s*"([^"]+)"`).FindSubmatch(cfg); m != nil {
		def = string(m[1])
	}
	var off []string
	for _, m := range regexp.MustCompile(`(?m)^\s*\[languages\.([A-Za-z0-9_-]+)\]`).FindAllSubmatch(cfg, -1) {
		if l := string(m[1]); l != def {
			off = append(off, strconv.Quote(l))
		}
	}
	return os.WriteFile(filepath.Join(site, oneLanguage), []byte("disableLanguages = ["+strings.Join(off, ", ")+"]\n"), 0o644)
}

func hugoArgs(dir, cache, public string, cards bool) []string {
	// the flags `go run ./generator build` passes, with a cache of the run's own
	args := []string{"--gc", "--minify", "--quiet", "--cacheDir", filepath.Join(dir, cache), "--destination", public}
	configs := []string{"hugo.toml"}
	if !cards {
		configs = append(configs, noCards)
	}
	if !allLanguages {
		configs = append(configs, oneLanguage)
	}
	return append(args, "--config", strings.Join(configs, ","))
}

func printTable(rows []row, editions int, peer bool) {
	fmt.Printf("Scale: N markets × %d editions (two publishers), generator then Hugo; peer = Hugo content adapter\n\n", editions)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	header := "N\tentries\tpages\tgen s\tHugo s\tHugo CPU s\tHugo pages/s\tgen share\tgen peak MB\tHugo peak MB\toutput MB\tgen ms/market"
	if peer {
		header += "\tpeer s\tpeer CPU s\tpeer peak MB\t(gen+Hugo)/peer\tCPU ratio"
	}
	header += "\tcards\tHugo cold s\tHugo warm s\tcold peak MB"
	fmt.Fprintln(tw, header+"\t")
	for _, r := range rows {
		fmt.Fprintln(tw, rowLine(r, peer)+"\t")
	}
	tw.Flush()
	fmt.Println()
	fmt.Println("Hugo s, pages/s, peak and the peer: without preview cards (the layouts). Hugo cold/warm s: the same")
	fmt.Println("build with the cards, on an empty image cache (each card drawn) and on the cache the cold build filled.")
	fmt.Println("pages are HTML pages; market and year pages also have timeline.svg, cite.bib and cite.json.")
	fmt.Println("CPU s: user + system time of the process (wall time stretches when other work shares the cores);")
	fmt.Println("CPU ratio: (generator + Hugo) / peer in CPU seconds.")
	fmt.Printf("The site's Hugo runs with %s, as its builds run it (pipeline.HugoGC); the peer with Go's defaults.\n", strings.Join(pipeline.HugoGC, " "))
	fmt.Println()
	if len(rows) > 0 {
		printTargets(rows, peer)
	}
}

// printRow reports one size as soon as it is measured, on stderr, for long runs.
func printRow(r row, peer bool) {
	fmt.Fprintln(os.Stderr, "row:", strings.ReplaceAll(rowLine(r, peer), "\t", " | "))
}

func rowLine(r row, peer bool) string {
	if r.hugo.seconds == 0 { // -generator-only
		return fmt.Sprintf("%d\t%d\t–\t%.2f\t–\t–\t–\t–\t%.0f\t–\t–\t%.3f\t–\t–\t–\t–", r.n, r.entries, r.gen.seconds, r.gen.peakMB, 1000*r.gen.seconds/float64(r.n))
	}
	total := r.gen.seconds + r.hugo.seconds
	line := fmt.Sprintf("%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.0f\t%.1f%%\t%.0f\t%.0f\t%.1f\t%.3f",
		r.n, r.entries, r.pages, r.gen.seconds, r.hugo.seconds, r.hugo.cpu, float64(r.pages)/r.hugo.seconds, 100*r.gen.seconds/total,
		r.gen.peakMB, r.hugo.peakMB, float64(r.outBytes)/1e6, 1000*r.gen.seconds/float64(r.n))
	if peer {
		line += fmt.Sprintf("\t%.2f\t%.2f\t%.0f\t%.2f\t%.2f", r.peer.seconds, r.peer.cpu, r.peer.peakMB, total/r.peer.seconds, (r.gen.cpu+r.hugo.cpu)/r.peer.cpu)
	}
	if r.cold != nil && r.warm != nil {
		line += fmt.Sprintf("\t%d\t%.2f (%.1f CPU)\t%.2f (%.1f CPU)\t%.0f", r.cards, r.cold.seconds, r.cold.cpu, r.warm.seconds, r.warm.cpu, r.cold.peakMB)
	} else {
		line += "\t–\t–\t–\t–"
	}
	return line
}

// printTarget prints one target's line: met or MISSED, and what was measured.
func printTarget(ok bool, format string, args ...any) {
	mark := "met   "
	if !ok {
		mark = "MISSED"
	}
	fmt.Printf("  %s %s\n", mark, fmt.Sprintf(format, args...))
}

func printTargets(rows []row, peer bool) {
	first, last := rows[0], rows[len(rows)-1]
	check := printTarget
	fmt.Println("Targets:")
	for _, r := range rows {
		if r.n == 10000 && !generatorOnly {
			rate := float64(r.pages) / r.hugo.seconds
			check(rate >= 1500, "N=%d: Hugo %.0f pages/s ≥ 1,500 (without cards)", r.n, rate)
			check(r.hugo.peakMB <= 1000, "N=%d: Hugo peak memory %.0f MB ≤ 1,000 MB", r.n, r.hugo.peakMB)
		}
	}
	per := func(r row) float64 { return r.gen.seconds / float64(r.n) }
	check(per(last) <= 1.5*per(first), "per-market generator time at N=%d (%.3f ms) within 1.5× of N=%d (%.3f ms): %.2f×", last.n, 1000*per(last), first.n, 1000*per(first), per(last)/per(first))
	check(last.gen.peakMB <= 500, "generator peak memory at N=%d: %.0f MB ≤ 500 MB", last.n, last.gen.peakMB)
	if peer {
		for _, r := range rows {
			total := r.gen.seconds + r.hugo.seconds
			check(total <= 0.33*r.peer.seconds, "N=%d: generator + Hugo %.2fs ≤ 0.33× the adapter peer %.2fs: %.2f× (in CPU time %.2f×)", r.n, total, r.peer.seconds, total/r.peer.seconds, (r.gen.cpu+r.hugo.cpu)/r.peer.cpu)
		}
	}
	fmt.Println()
}

// noop generates the real data twice; the second run must write nothing.
func noop(root, self, dir string) error {
	content := filepath.Join(dir, "content")
	data := filepath.Join(root, "data")
	if _, err := measure(root, nil, self, childFlag, data, content); err != nil {
		return err
	}
	m, err := measure(root, nil, self, childFlag, data, content)
	if err != nil {
		return err
	}
	var res genResult
	if err := json.Unmarshal(m.stdout, &res); err != nil {
		return err
	}
	fmt.Printf("No-op regeneration of the real data (%d markets): %d files written, %d unchanged, %d removed; %.0f ms in the generator, %.0f ms with process start\n",
		res.Markets, res.Stats.Written, res.Stats.Unchanged, res.Stats.Removed, 1000*res.Seconds, 1000*m.seconds)
	if res.Stats.Written != 0 || res.Stats.Removed != 0 {
		return errors.New("no-op regeneration wrote or removed files: it must leave content/ untouched")
	}
	fmt.Println()
	return nil
}

// hugoPath builds (if needed) the Hugo that go.mod pins and returns its binary, so that Hugo
// runs as a direct child whose memory the OS reports.
func hugoPath(root string) (string, error) {
	cmd := exec.Command("go", "tool", "-n", "hugo")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n hugo: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func copySite(root, dst string) error {
	return sitefiles.Copy(root, dst, sitefiles.Sources...)
}

// writePeer turns a site copy into the content-adapter peer: the data folder, as JSON, mounted
// as Hugo data and the adapter as the only content.
func writePeer(site, data string) error {
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(site, "content", "_content.gotmpl"), adapter, 0o644); err != nil {
		return err
	}
	names := filepath.Join(site, "peerdata")
	if err := os.MkdirAll(names, 0o755); err != nil {
		return err
	}
	var b strings.Builder
	for code, name := range synth.Countries {
		fmt.Fprintf(&b, "%s: %s\n", code, name)
	}
	if err := os.WriteFile(filepath.Join(names, "countrynames.yaml"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	if err := jsonData(data, names); err != nil {
		return err
	}
	return addMount(filepath.Join(site, "hugo.toml"), "peerdata", "data")
}

// addMount adds a module mount to a Hugo configuration file, wherever in the file its mounts
// are: the file is decoded, the mount appended to module.mounts and the file encoded again
// (comments and the order of keys are lost; the benchmark's copy needs neither).
func addMount(file, source, target string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var cfg map[string]any
	if err := toml.Unmarshal(b, &cfg); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	module, _ := cfg["module"].(map[string]any)
	if module == nil {
		module = map[string]any{}
		cfg["module"] = module
	}
	mounts, _ := module["mounts"].([]any)
	if len(mounts) == 0 {
		return fmt.Errorf("%s has no module mounts: Hugo's default mounts would no longer apply once one is added", file)
	}
	module["mounts"] = append(mounts, map[string]any{"source": source, "target": target})
	out, err := toml.Marshal(cfg)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
}

// jsonData writes each YAML file below data as JSON below dst, at the same path. Hugo's YAML
// data loader refuses the large edition files of 50,000 markets ("too many YAML aliases",
// though they have none); JSON holds the same data and Hugo reads it faster, which is fair to
// the peer.
func jsonData(data, dst string) error {
	return filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var v any
		if err := yaml.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		out, err := json.Marshal(plain(v))
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		rel, _ := filepath.Rel(data, strings.TrimSuffix(p, ".yaml")+".json")
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, out, 0o644)
	})
}

// plain turns YAML's dates into the text they were written as, for JSON.
func plain(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = plain(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plain(e)
		}
	case time.Time:
		return x.Format("2006-01-02")
	}
	return v
}

// countFiles counts the files named name below dir.
func countFiles(dir, name string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == name {
			n++
		}
		return nil
	})
	return n
}

// countOutput counts the HTML pages and all bytes below dir.
func countOutput(dir string) (pages, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		size += info.Size()
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	return pages, size, err
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
