package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/importer"
	"github.com/notorious-markets-watch/nmw/generator/importer/fetch"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

const importPRUsage = `usage: go run ./generator [-data DIR] import-pr [-edition ID [-url URL] [-pdf FILE|URL]] [-base BRANCH] [-remote NAME]

What .github/workflows/import-edition.yml runs. For the edition given, or else for every edition
whose sections are not all complete, it imports the report listing-only with -merge on the
branch import/<edition> (the remote's branch where it exists, else one from BRANCH), commits
data/, pushes, and opens or updates the edition's pull request with gh.

The report is read from -pdf (a PDF saved by hand: a path in the repository, or the https
address of an uploaded copy) with -url (or the edition's report.url) as its official address;
else downloaded from -url, else from the edition's report.url, else from the PDF link found on
the edition's official page (its url), which the pull request says must be confirmed.

A report's new domains of known markets are added to their files and listed in the pull
request. Where the merged data does not validate (a market the import cannot settle), the
pull request is opened as a draft with every problem at the top of its body; validation on the
pull request stays the gate. An edition the import adds nothing to gets no commit and no pull
request. Needs git, gh (logged in, or GH_TOKEN) and pdftotext.
`

// importPR runs the import-pr command.
func importPR(dataDir string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-pr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importPRUsage); fs.PrintDefaults() }
	edition := fs.String("edition", "", "the edition's id (default: every edition whose sections are not complete)")
	reportURL := fs.String("url", "", "the report's official https address (default: the edition's report.url)")
	pdf := fs.String("pdf", "", "the report's PDF saved by hand: a path in the repository or an uploaded copy's https address")
	base := fs.String("base", "", "the branch pull requests go into (default: the current branch)")
	remote := fs.String("remote", "origin", "the git remote to push to")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || (*reportURL != "" || *pdf != "") && *edition == "" {
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
	var jobs []prJob
	for _, e := range site.Editions {
		switch {
		case *edition != "" && e.ID() == *edition:
			jobs = append(jobs, prJob{id: e.ID(), url: firstOf(*reportURL, e.Report.URL), page: e.URL, pdf: *pdf})
		case *edition == "" && !model.Complete(e) && (e.Report.URL != "" || e.URL != ""):
			jobs = append(jobs, prJob{id: e.ID(), url: e.Report.URL, page: e.URL, weekly: true})
		}
	}
	if *edition != "" && len(jobs) == 0 {
		jobs = append(jobs, prJob{id: *edition, url: *reportURL, pdf: *pdf}) // an edition new to data/
	}
	if len(jobs) == 0 {
		fmt.Fprintln(stdout, "import-pr: every edition's sections are complete")
		return nil
	}
	var failed, skipped []string
	for _, j := range jobs {
		err := j.resolve(g.dir, stdout)
		if err != nil && j.weekly {
			// The weekly run goes on without an edition whose report it cannot find.
			fmt.Fprintf(stderr, "import-pr %s: skipped: %v\n", j.id, err)
			skipped = append(skipped, j.id)
			continue
		}
		if err == nil {
			err = importOnePR(g, abs, j, *base, *remote, start, stdout, stderr)
		}
		if err != nil {
			fmt.Fprintf(stderr, "import-pr %s: %v\n", j.id, err)
			failed = append(failed, j.id)
		}
		// Back to where it started, for the next edition.
		if err := g.run(g.dir, "checkout", "--quiet", "--force", *base); err != nil {
			return err
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(stdout, "import-pr: %d editions skipped, no report address found (give it as the workflow's url, or set report.url): %s\n", len(skipped), strings.Join(skipped, ", "))
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d editions failed: %s", len(failed), len(jobs), strings.Join(failed, ", "))
	}
	return nil
}

// prJob is one edition to import: its report's official address, the copy to read instead (a
// PDF saved by hand) and the official page to find the address on where none is given.
type prJob struct {
	id, url, pdf, page string
	weekly             bool   // of the weekly run, not asked for by name
	discovered         bool   // url was found on page, not given
	copyPath           string // the PDF saved by hand, copied out of the work tree (resolve)
}

var editionID = regexp.MustCompile(`^([a-z][a-z0-9-]*)-(\d{4})$`)

// reportWords are the phrases that name each publisher's report in a link to it.
var reportWords = map[string][]string{
	"ustr": {"notorious markets"},
	"eu":   {"counterfeit and piracy watch list", "piracy watch list", "watch list"},
}

// resolve settles where the job's report comes from: a PDF saved by hand is checked and
// copied out of the work tree (the import branch may not have it); without an address, the
// report's link is looked for on the edition's official page.
func (j *prJob) resolve(repo string, stdout io.Writer) error {
	if j.pdf != "" {
		if j.url == "" {
			return fmt.Errorf("-pdf %s: give -url too, the report's official address it was saved from (recorded as report.url)", j.pdf)
		}
		if strings.Contains(j.pdf, "://") {
			return nil // an uploaded copy, downloaded as the report would be
		}
		p := j.pdf
		if !filepath.IsAbs(p) {
			p = filepath.Join(repo, p)
		}
		r, err := fetch.Local(p, fetch.Options{})
		if err != nil {
			return err
		}
		b, err := os.ReadFile(r.Path)
		if err != nil {
			return err
		}
		f, err := os.CreateTemp("", "nmw-report-*.pdf")
		if err != nil {
			return err
		}
		j.copyPath = f.Name()
		_, err = f.Write(b)
		return errors.Join(err, f.Close())
	}
	if j.url != "" {
		return nil
	}
	if j.page == "" {
		return errors.New("no report address: give -url or set report.url")
	}
	m := editionID.FindStringSubmatch(j.id)
	if m == nil || len(reportWords[m[1]]) == 0 {
		return fmt.Errorf("no report address, and no words known to find %s's report by: give -url or set report.url", j.id)
	}
	y, _ := strconv.Atoi(m[2])
	words := reportWords[m[1]]
	u, err := fetch.Discover(context.Background(), j.page, fetch.Wanted{Year: y, Phrases: words}, fetchOptions())
	if err != nil {
		return fmt.Errorf("no report.url, and its page does not give it: %w", err)
	}
	j.url, j.discovered = u, true
	fmt.Fprintf(stdout, "import-pr %s: found the report's address on %s: %s (to confirm)\n", j.id, j.page, u)
	return nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// fetchOptions are the downloads' options: the tests' client, and a User-Agent naming the
// repository the workflow runs in (GitHub sets GITHUB_SERVER_URL and GITHUB_REPOSITORY), so
// a fork names itself.
func fetchOptions() fetch.Options {
	repo := ""
	if s, r := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"); s != "" && r != "" {
		repo = s + "/" + r
	}
	return fetch.Options{Client: importClient, UserAgent: fetch.UserAgent(repo)}
}

// importOnePR imports one edition on its branch and opens or updates its pull request. Files
// the import wrote but that were not committed are removed, so the next edition starts clean.
func importOnePR(g *gitRepo, dataDir string, j prJob, base, remote, start string, stdout, stderr io.Writer) (err error) {
	if j.copyPath != "" {
		defer os.Remove(j.copyPath)
	}
	branch := "import/" + j.id
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
	before := coverageRows(dataDir, j.id)
	opt := importer.Options{Edition: j.id, Report: j.url, DataDir: dataDir, ListingOnly: true, Merge: true, KeepProblems: true}
	switch {
	case j.copyPath != "":
		opt.Report, opt.ReportURL = j.copyPath, j.url
	case j.pdf != "":
		opt.Report, opt.ReportURL = j.pdf, j.url
	}
	opt.Fetch = fetchOptions()
	t0 := time.Now()
	res, err := importer.Run(opt)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed && len(res.Written) > 0 {
			// New files go; changed ones are put back by the checkout of the next edition.
			err = errors.Join(err, g.run(g.dir, append([]string{"clean", "--quiet", "--force", "--"}, res.Written...)...))
		}
	}()
	printImport(stdout, opt, res, time.Since(t0))
	if len(res.Added) == 0 {
		fmt.Fprintf(stdout, "import-pr %s: nothing to add; no commit, pull request left as it is\n", j.id)
		return nil
	}
	// Validation as the pull request's check runs it: what it finds goes at the top of the body.
	site, problems, err := pipeline.Load(dataDir, time.Now())
	if err != nil {
		return err
	}
	var issues []string
	for _, p := range problems {
		if rel, err := filepath.Rel(g.dir, p.File); err == nil {
			p.File = rel
		}
		issues = append(issues, p.String())
	}
	after := coverageRow(site, problems, j.id)
	rel, _ := filepath.Rel(g.dir, dataDir)
	if err := g.run(g.dir, "add", "--", rel); err != nil {
		return err
	}
	msg := fmt.Sprintf("Import %s from its report, listing-only\n\n%s\n", j.id, strings.Join(slices.Concat(res.Added, res.Changed), "\n"))
	if len(issues) > 0 {
		msg += fmt.Sprintf("\n%s left for the reviewer (the pull request is a draft):\n%s\n", count(len(issues), "problem"), strings.Join(issues, "\n"))
	}
	if err := g.run(g.dir, "commit", "--quiet", "-m", msg); err != nil {
		return err
	}
	committed = true
	if err := g.run(g.dir, "push", "--quiet", remote, "HEAD:refs/heads/"+branch); err != nil {
		return err
	}
	body := prBody(prInfo{ID: j.id, URL: j.url, Copy: j.pdf, Discovered: j.discovered, Page: j.page,
		Result: res, Problems: issues, Before: before, After: after})
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
	draft := ""
	if len(issues) > 0 {
		draft = fmt.Sprintf(" as a draft: %s to settle, listed at the top of its description", count(len(issues), "problem"))
	}
	if number != "" {
		if err := g.run(g.dir, "gh", "pr", "edit", number, "--body-file", bodyFile.Name()); err != nil {
			return err
		}
		if len(issues) > 0 {
			if err := g.run(g.dir, "gh", "pr", "ready", number, "--undo"); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "import-pr %s: updated pull request #%s%s\n", j.id, number, draft)
		return nil
	}
	create := []string{"gh", "pr", "create", "--base", base, "--head", branch,
		"--title", fmt.Sprintf("Import %s from its report (listing-only)", j.id), "--body-file", bodyFile.Name()}
	if len(issues) > 0 {
		create = append(create, "--draft")
	}
	if err := g.run(g.dir, create...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "import-pr %s: opened a pull request from %s%s\n", j.id, branch, draft)
	return nil
}

// coverageRows is the edition's row of the coverage table, or why there is none.
func coverageRows(dataDir, id string) string {
	site, problems, err := pipeline.Load(dataDir, time.Now())
	if err != nil {
		return "| not computed: " + err.Error() + " | | |"
	}
	return coverageRow(site, problems, id)
}

// coverageRow is the edition's row of the coverage table of data already loaded.
func coverageRow(site *model.Site, problems []dataset.Problem, id string) string {
	if len(problems) > 0 {
		return "| not computed: the data has problems (above) | | |"
	}
	for _, c := range model.Coverage(site) {
		if c.Edition.ID() == id {
			return fmt.Sprintf("| %s | %s | %s |", c.Online, c.Physical, c.Total)
		}
	}
	return "| not in data/ | | |"
}

// prInfo is what the pull request's description says: where the report came from, what the
// import added and changed, and what is left to settle.
type prInfo struct {
	ID         string
	URL        string // the report's official address, recorded as report.url
	Copy       string // the PDF read instead, saved by hand (a path or an uploaded copy), if any
	Discovered bool   // URL was found on Page, not given: to confirm
	Page       string
	Result     *importer.Result
	Problems   []string // what validation finds in the merged data, file:line: field: message
	Before     string   // the edition's coverage row before and after
	After      string
}

// prBody is the pull request's description, assembled here and only here. The report's
// stated counts against those found come first, then what blocks the merge (problems: the
// pull request is then a draft; an address to confirm),
// then what was added and changed, the "to check" list, the coverage and the checklist.
func prBody(in prInfo) string {
	res := in.Result
	var b strings.Builder
	// Found against stated comes first: a difference means part of the report was missed.
	acc := res.Accounting()
	lines := acc.Lines()
	if acc.Differs() {
		fmt.Fprintf(&b, "> [!WARNING]\n> **%s**\n\n", strings.TrimPrefix(lines[0], "WARNING: "))
	} else {
		fmt.Fprintf(&b, "**Found against stated:** %s\n\n", lines[0])
	}
	for _, l := range lines[1:] {
		fmt.Fprintf(&b, "%s\n\n", l)
	}
	if len(in.Problems) > 0 {
		fmt.Fprintf(&b, "> [!CAUTION]\n> **Draft: the merged data has %s the import could not settle.** Fix each on this branch (validation on the pull request must pass), then mark it ready for review.\n\n", count(len(in.Problems), "problem"))
		fmt.Fprintf(&b, "## Problems (%d)\n\n", len(in.Problems))
		for _, p := range in.Problems {
			fmt.Fprintf(&b, "- `%s`\n", strings.ReplaceAll(p, "`", "'"))
		}
		b.WriteString("\n")
	}
	if in.Discovered {
		fmt.Fprintf(&b, "> [!WARNING]\n> **The report's address was discovered, not given:** the import found %s as the report's PDF link on the edition's official page %s and recorded it as `report.url`. Confirm it is the official report of %s before merging.\n\n", in.URL, in.Page, in.ID)
	}
	from := fmt.Sprintf("the report at %s", in.URL)
	if in.Copy != "" {
		from = fmt.Sprintf("a copy of the report at %s saved by hand (`%s`)", in.URL, in.Copy)
	}
	fmt.Fprintf(&b, "Imported from %s (SHA-256 `%s`, %d pages) by `go run ./generator import -edition %s -listing-only -merge`, run by the import-edition workflow.\n\n",
		from, res.ReportSHA256, res.Report.Pages, in.ID)
	b.WriteString("Every added entry is listing-only: its pages say where the report names the market and that the summary is not written yet.\n\n")
	b.WriteString("## Added\n\n")
	for _, a := range res.Added {
		fmt.Fprintf(&b, "- %s\n", a)
	}
	if len(res.Changed) > 0 {
		fmt.Fprintf(&b, "\n## Changed: new domains of markets in data/ (%d)\n\n", len(res.Changed))
		b.WriteString("The report names these markets with domains their files lacked; each was added as current, with the report among the file's sources. Check each against the report's page.\n\n")
		for _, c := range res.Changed {
			fmt.Fprintf(&b, "- %s\n", c)
		}
	}
	check := res.ToCheck()
	fmt.Fprintf(&b, "\n## To check (%d)\n\n", len(check))
	if len(check) == 0 {
		b.WriteString("Nothing the importer could not place.\n")
	}
	for _, n := range check {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	b.WriteString("\n## Coverage of " + in.ID + "\n\n| | online | physical | total |\n|---|---|---|---|\n")
	fmt.Fprintf(&b, "| before %s\n| after %s\n", in.Before, in.After)
	b.WriteString("\n## Before merging\n\n")
	if len(in.Problems) > 0 {
		b.WriteString("- Settle every problem above on this branch; validation on the pull request lists any left.\n")
	}
	if in.Discovered {
		b.WriteString("- Confirm the discovered address is the official report (open it; compare the title and year).\n")
	}
	b.WriteString("- Open the report at each new entry's page: the market is named under that section, with that name, kind, country, city and domains.\n" +
		"- Check each new market file's category (guessed from the report's words) and that no new market is one already in data/ under another name.\n")
	if len(res.Changed) > 0 {
		b.WriteString("- Check each domain added to a market in data/: the report names it for that market, and it is not another market's.\n")
	}
	b.WriteString("- Check the counts against the report's own sentence, and every item under \"To check\".\n" +
		"- `go run ./generator validate` passes (the pull request's check runs it).\n")
	return b.String()
}

// count is "1 problem", "2 problems".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
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
