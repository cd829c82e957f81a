package sitecheck_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// shellcheck is Debian's shellcheck (.ci/run installs it), which actionlint runs on every run:
// script; "" when it is not installed.
func shellcheck(t *testing.T) string {
	p, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Log("shellcheck is not installed (apt-get install shellcheck): run: scripts are not checked")
		return ""
	}
	return p
}

// lint runs actionlint (the version go.mod pins) on one workflow file and returns its errors,
// one "file:line:col: message [rule]" each.
func lint(t *testing.T, path, shellcheck string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: shellcheck})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(path, src, nil)
	if err != nil {
		t.Fatalf("actionlint %s: %v", path, err)
	}
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// TestWorkflowsPassActionlint: GitHub refuses a workflow that actionlint rejects (an unknown
// context, a bad key), so every file in .github/workflows/, whatever its name, must pass
// actionlint, with shellcheck on its scripts where shellcheck is installed.
func TestWorkflowsPassActionlint(t *testing.T) {
	sc := shellcheck(t)
	var files []string
	for _, ext := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(sitetest.Root(t), ".github", "workflows", ext))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no workflow in .github/workflows/")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			for _, e := range lint(t, f, sc) {
				t.Error(e)
			}
		})
	}
}

// TestActionlintRejectsBrokenWorkflow: the check above can fail. The fixture has the runner
// context in a job's env (as pages.yml once had) and an unquoted variable in a script.
func TestActionlintRejectsBrokenWorkflow(t *testing.T) {
	sc := shellcheck(t)
	errs := strings.Join(lint(t, filepath.Join("testdata", "workflows", "broken.yml"), sc), "\n")
	if !strings.Contains(errs, `broken.yml:12:`) || !strings.Contains(errs, `context "runner" is not allowed here`) {
		t.Errorf("actionlint does not reject the runner context in a job's env; it says:\n%s", errs)
	}
	if sc != "" && !strings.Contains(errs, "SC2086") {
		t.Errorf("shellcheck does not flag the unquoted $dir; actionlint says:\n%s", errs)
	}
}
