package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/importer"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

const importPRUsage = `usage: go run ./generator [-data DIR] import-pr [-edition ID [-url URL]] [-base BRANCH] [-remote NAME]

What .github/workflows/import-edition.yml runs. For the edition given (its report at -url, else
its report.url), or else for every edition whose report.url is set and whose sections are not
all complete, it imports the report listing-only with -merge on the branch import/<edition>
(the remote's branch where it exists, else one from BRANCH), validates, commits data/, pushes,
and opens or updates the edition's pull request with gh, the "to check" list and the coverage
before and after in its body. An edition the import adds nothing to gets no commit and no pull
request. Needs git, gh (logged in, or GH_TOKEN) and pdftotext.
`

// importPR runs the import-pr command.
func importPR(dataDir string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-pr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importPRUsage); fs.PrintDefaults() }
	edition := fs.String("edition", "", "the edition's id (default: every edition with report.url set and sections not complete)")
	reportURL := fs.String("url", "", "the report's https address (default: the edition's report.url)")
	base := fs.String("base", "", "the branch pull requests go into (default: the current branch)")
	remote := fs.String("remote", "origin", "the git remote to push to")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *reportURL != "" && *edition == "" {
		fs.Usage()
		return errUsage
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	g := &gitRepo{stderr: stderr}
	if g.dir, err = g.out(filepath.Dir(abs), "rev-parse", "--show-toplevel"); err != nil {
		return fmt.Errorf("%s is not in a git repository: %w", dataDir, err)
	}
	if *base == "" {
		if *base, err = g.out(g.dir, "rev-parse", "--abbrev-ref", "HEAD"); err != nil {
			return err
		}
	}
	start, err := g.out(g.dir, "rev-parse", "HEAD")
	if err != nil {
		return err
	}
	site, err := load(abs, stderr)
	if err != nil {
		return err
	}
	type job struct{ id, url string }
	var jobs []job
	for _, e := range site.Editions {
		switch {
		case *edition != "" && e.ID() == *edition:
			jobs = append(jobs, job{e.ID(), firstOf(*reportURL, e.Report.URL)})
		case *edition == "" && e.Report.URL != "" && !model.Complete(e):
			jobs = append(jobs, job{e.ID(), e.Report.URL})
		}
	}
	if *edition != "" && len(jobs) == 0 {
		jobs = append(jobs, job{*edition, *reportURL}) // an edition new to data/
	}
	if len(jobs) == 0 {
		fmt.Fprintln(stdout, "import-pr: no edition has report.url set and sections to complete")
		return nil
	}
	var failed []string
	for _, j := range jobs {
		if j.url == "" {
			fmt.Fprintf(stderr, "import-pr %s: no report address: give -url or set report.url\n", j.id)
			failed = append(failed, j.id)
			continue
		}
		if err := importOnePR(g, abs, j.id, j.url, *base, *remote, start, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "import-pr %s: %v\n", j.id, err)
			failed = append(failed, j.id)
		}
		// Back to where it started, for the next edition.
		if err := g.run(g.dir, "checkout", "--quiet", "--force", *base); err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d editions failed: %s", len(failed), len(jobs), strings.Join(failed, ", "))
	}
	return nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// importOnePR imports one edition on its branch and opens or updates its pull request. Files
// the import wrote but that were not committed are removed, so the next edition starts clean.
func importOnePR(g *gitRepo, dataDir, id, url, base, remote, start string, stdout, stderr io.Writer) (err error) {
	branch := "import/" + id
	if g.run(g.dir, "ls-remote", "--exit-code", "--heads", remote, branch) == nil {
		if err := g.run(g.dir, "fetch", "--quiet", remote, branch); err != nil {
			return err
		}
		if err := g.run(g.dir, "checkout", "--quiet", "-B", branch, "FETCH_HEAD"); err != nil {
			return err
		}
	} else if err := g.run(g.dir, "checkout", "--quiet", "-B", branch, start); err != nil {
		return err
	}
	before, err := coverageRows(dataDir, id, stderr)
	if err != nil {
		return err
	}
	opt := importer.Options{Edition: id, Report: url, DataDir: dataDir, ListingOnly: true, Merge: true}
	opt.Fetch.Client = importClient
	t0 := time.Now()
	res, err := importer.Run(opt)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed && len(res.Written) > 0 {
			err = errors.Join(err, g.run(g.dir, append([]string{"clean", "--quiet", "--force", "--"}, res.Written...)...))
		}
	}()
	printImport(stdout, opt, res, time.Since(t0))
	if len(res.Added) == 0 {
		fmt.Fprintf(stdout, "import-pr %s: nothing to add; no commit, pull request left as it is\n", id)
		return nil
	}
	if _, err := load(dataDir, stderr); err != nil {
		return fmt.Errorf("the merged data does not validate: %w", err)
	}
	after, err := coverageRows(dataDir, id, stderr)
	if err != nil {
		return err
	}
	rel, _ := filepath.Rel(g.dir, dataDir)
	if err := g.run(g.dir, "add", "--", rel); err != nil {
		return err
	}
	msg := fmt.Sprintf("Import %s from its report, listing-only\n\n%s\n", id, strings.Join(res.Added, "\n"))
	if err := g.run(g.dir, "commit", "--quiet", "-m", msg); err != nil {
		return err
	}
	committed = true
	if err := g.run(g.dir, "push", "--quiet", remote, "HEAD:refs/heads/"+branch); err != nil {
		return err
	}
	body := prBody(id, url, res, before, after)
	bodyFile, err := os.CreateTemp("", "nmw-pr-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(bodyFile.Name())
	if _, err := bodyFile.WriteString(body); err != nil {
		return err
	}
	bodyFile.Close()
	number, err := g.out(g.dir, "gh", "pr", "list", "--head", branch, "--base", base, "--state", "open", "--json", "number", "--jq", ".[0].number")
	if err != nil {
		return err
	}
	if number != "" {
		err = g.run(g.dir, "gh", "pr", "edit", number, "--body-file", bodyFile.Name())
		fmt.Fprintf(stdout, "import-pr %s: updated pull request #%s\n", id, number)
	} else {
		err = g.run(g.dir, "gh", "pr", "create", "--base", base, "--head", branch,
			"--title", fmt.Sprintf("Import %s from its report (listing-only)", id), "--body-file", bodyFile.Name())
		fmt.Fprintf(stdout, "import-pr %s: opened a pull request from %s\n", id, branch)
	}
	return err
}

// coverageRows is the coverage table's header and the edition's row.
func coverageRows(dataDir, id string, stderr io.Writer) (string, error) {
	site, problems, err := pipeline.Load(dataDir, time.Now())
	if err != nil {
		return "", err
	}
	if len(problems) > 0 {
		return "", report(problems, dataDir, stderr)
	}
	for _, c := range model.Coverage(site) {
		if c.Edition.ID() == id {
			return fmt.Sprintf("| %s | %s | %s |", c.Online, c.Physical, c.Total), nil
		}
	}
	return "| not in data/ | | |", nil
}

// prBody is the pull request's description: what was added, what to check, the coverage.
func prBody(id, url string, res *importer.Result, before, after string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Imported from the report at %s (SHA-256 `%s`, %d pages) by `go run ./generator import -edition %s -listing-only -merge URL`, run by the import-edition workflow.\n\n",
		url, res.ReportSHA256, res.Report.Pages, id)
	b.WriteString("Every added entry is listing-only: its pages say where the report names the market and that the summary is not written yet.\n\n")
	b.WriteString("## Added\n\n")
	for _, a := range res.Added {
		fmt.Fprintf(&b, "- %s\n", a)
	}
	check := res.ToCheck()
	fmt.Fprintf(&b, "\n## To check (%d)\n\n", len(check))
	if len(check) == 0 {
		b.WriteString("Nothing the importer could not place.\n")
	}
	for _, n := range check {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	b.WriteString("\n## Coverage of " + id + "\n\n| | online | physical | total |\n|---|---|---|---|\n")
	fmt.Fprintf(&b, "| before %s\n| after %s\n", before, after)
	b.WriteString("\n## Before merging\n\n" +
		"- Open the report at each new entry's page: the market is named under that section, with that name, kind, country, city and domains.\n" +
		"- Check each new market file's category (guessed from the report's words) and that no new market is one already in data/ under another name.\n" +
		"- Check the counts against the report's own sentence, and every item under \"To check\".\n" +
		"- `go run ./generator validate` passes (the workflow ran it).\n")
	return b.String()
}

// gitRepo runs git and gh in the repository.
type gitRepo struct {
	dir    string
	stderr io.Writer
}

func (g *gitRepo) command(dir string, args ...string) *exec.Cmd {
	name := "git"
	if args[0] == "gh" {
		name, args = "gh", args[1:]
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	return cmd
}

func (g *gitRepo) run(dir string, args ...string) error {
	cmd := g.command(dir, args...)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = g.stderr, &errb
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", strings.Join(cmd.Args, " "), err, strings.TrimSpace(errb.String()))
	}
	return nil
}

func (g *gitRepo) out(dir string, args ...string) (string, error) {
	cmd := g.command(dir, args...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	b, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) || errb.Len() > 0 {
			return "", fmt.Errorf("%s: %w: %s", strings.Join(cmd.Args, " "), err, strings.TrimSpace(errb.String()))
		}
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}
