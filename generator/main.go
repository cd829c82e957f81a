// Command generator validates the watchlist data in data/ and writes the site's pages into
// content/, then builds or serves the site with Hugo.
//
//	go run ./generator validate   check data/ and report every problem
//	go run ./generator generate   validate, then write content/, and the open-data files and the browser extension in opendata/
//	go run ./generator coverage   compare recorded entries with each edition's official counts
//	go run ./generator build      generate, then build the site into public/ with Hugo
//	go run ./generator serve      generate, then serve the site with Hugo at http://localhost:1313/,
//	                              regenerating it whenever a file below data/ changes
//	go run ./generator import -edition ustr-2025 -o DIR REPORT   draft an edition from its report
//	go run ./generator import -edition ustr-2025 -listing-only -merge URL   complete data/ from the report
//	go run ./generator import-pr   the import-edition workflow: import, commit, open or update the pull request
//
// Arguments after the command, for build and serve, go to Hugo (e.g. --baseURL).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

const usage = `usage: go run ./generator [-data DIR] [-content DIR] [-opendata DIR] [-baseURL URL] COMMAND [HUGO FLAGS]

commands:
  validate   check data/ and report every problem with file, line and field
  generate   validate, then write the pages into content/ and the open-data files and the
             browser extension into opendata/
  coverage   print each edition's recorded entries against its official counts
  build      generate, then build the site into public/ with Hugo (go tool hugo)
  serve      generate, then serve the site with Hugo at http://localhost:1313/; each save
             below data/ regenerates it, and problems show in the terminal and on the page
  import     draft an edition from its report (https address, PDF or text) into another folder:
             import -edition ustr-2025 -o DIR REPORT
             or add what the edition lacks to data/, summaries pending:
             import -edition ustr-2025 -listing-only -merge REPORT
  import-pr  import on a branch and open or update its pull request (the import-edition workflow)

The browser extension that generate writes links to the site's address: -baseURL, else a
--baseURL after the command (generate --baseURL URL; build and serve also pass it to Hugo),
else HUGO_BASEURL, else hugo.toml's baseURL.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errInvalid means the data has problems, already reported.
var errInvalid = errors.New("the data has problems")

// invalidError is errInvalid with the problems it stands for.
type invalidError struct{ problems []dataset.Problem }

func (e *invalidError) Error() string        { return errInvalid.Error() }
func (e *invalidError) Is(target error) bool { return target == errInvalid }

// errUsage means a command was called wrongly, and its usage printed.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("generator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	dataDir := fs.String("data", "data", "the data folder")
	contentDir := fs.String("content", "content", "the content folder to write")
	dataOut := fs.String("opendata", "opendata", "the folder to write the open-data files into (Hugo mounts its files/ folder)")
	baseURL := fs.String("baseURL", "", "the site's address, for the browser extension's links (default: Hugo's --baseURL, HUGO_BASEURL or hugo.toml)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	pipeline.LimitMemory()
	var err error
	site := func() (string, error) { return siteAddress(*baseURL, rest, "hugo.toml") }
	switch cmd {
	case "validate":
		_, err = load(*dataDir, stderr)
		if err == nil {
			fmt.Fprintln(stdout, "validate: no problems")
		}
	case "generate":
		err = generate(*dataDir, *contentDir, *dataOut, site, stdout, stderr)
	case "coverage":
		var site *model.Site
		if site, err = load(*dataDir, stderr); err == nil {
			err = printCoverage(stdout, site)
		}
	case "build":
		if err = generate(*dataDir, *contentDir, *dataOut, site, stdout, stderr); err == nil {
			err = hugo(append([]string{"--gc", "--minify"}, rest...), stdout, stderr)
		}
	case "serve":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err = serve(ctx, &devLoop{dataDir: *dataDir, contentDir: *contentDir, dataOut: *dataOut, siteAddress: site, stdout: stdout, stderr: stderr}, rest)
		stop()
	case "import":
		if err = importReport(*dataDir, rest, stdout, stderr); errors.Is(err, errUsage) {
			return 2
		}
	case "import-pr":
		if err = importPR(*dataDir, rest, stdout, stderr); errors.Is(err, errUsage) {
			return 2
		}
	default:
		fmt.Fprintf(stderr, "generator: unknown command %q\n\n", cmd)
		fs.Usage()
		return 2
	}
	if err != nil {
		if !errors.Is(err, errInvalid) {
			fmt.Fprintf(stderr, "generator %s: %v\n", cmd, err)
		}
		return 1
	}
	return 0
}

// load reads and validates the data, printing every problem.
func load(dir string, stderr io.Writer) (*model.Site, error) {
	site, problems, err := pipeline.Load(dir, time.Now())
	if err != nil {
		return nil, err
	}
	if err := report(problems, dir, stderr); err != nil {
		return nil, err
	}
	warn(site, stderr)
	return site, nil
}

// warn prints the data's warnings (stale translations), which do not stop a build.
func warn(site *model.Site, stderr io.Writer) {
	for _, w := range site.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if n := len(site.Warnings); n > 0 {
		fmt.Fprintf(stderr, "%d warning(s): stale translations are not shown; pages show the current English\n", n)
	}
}

func report(problems []dataset.Problem, dir string, stderr io.Writer) error {
	if len(problems) == 0 {
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	if len(problems) == 1 {
		fmt.Fprintf(stderr, "1 problem in %s: fix it and run again\n", dir)
	} else {
		fmt.Fprintf(stderr, "%d problems in %s: fix them and run again\n", len(problems), dir)
	}
	return &invalidError{problems}
}

// generate writes content/ and then the open data.
func generate(dataDir, contentDir, dataOut string, siteAddress func() (string, error), stdout, stderr io.Writer) error {
	start := time.Now()
	baseURL, err := siteAddress()
	if err != nil {
		return err
	}
	site, st, problems, err := pipeline.Generate(dataDir, contentDir, time.Now())
	if err != nil {
		return err
	}
	if err := report(problems, dataDir, stderr); err != nil {
		return err
	}
	warn(site, stderr)
	for _, k := range st.Kept {
		fmt.Fprintf(stderr, "generate: kept hand-written %s/%s (remove it to let the generator write that page)\n", contentDir, k)
	}
	od, err := pipeline.WriteOpenData(site, dataOut, baseURL)
	if err != nil {
		return err
	}
	for _, k := range od.Kept {
		fmt.Fprintf(stderr, "generate: kept %s/files/%s, which the generator did not write (remove it to let the generator write it)\n", dataOut, k)
	}
	fmt.Fprintf(stdout, "generate: %d editions, %d markets; %d files written, %d unchanged, %d removed, %d hand-written kept; open data: %d written, %d unchanged, %d removed; %s\n",
		len(site.Editions), len(site.Markets), st.Written, st.Unchanged, st.Removed, len(st.Kept),
		od.Written, od.Unchanged, od.Removed, time.Since(start).Round(time.Millisecond))
	return nil
}

// hugo runs the Hugo version pinned in go.mod, as `go tool hugo`.
func hugo(args []string, stdout, stderr io.Writer) error {
	cmd := exec.Command("go", append([]string{"tool", "hugo"}, args...)...)
	cmd.Env = pipeline.HugoEnv()
	cmd.Stdin = os.Stdin
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	return nil
}
