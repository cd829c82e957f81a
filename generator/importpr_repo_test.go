package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ghStub stands in for gh at the process boundary: it logs each call and the body file it is
// given, and answers `pr list` with the number of the pull request it "opened".
const ghStub = `#!/bin/sh
log="$GH_LOG"
echo "gh $*" >> "$log"
while [ $# -gt 0 ]; do
  if [ "$1" = "--body-file" ]; then echo "--- body" >> "$log"; cat "$2" >> "$log"; echo "--- end" >> "$log"; fi
  if [ "$1" = "create" ]; then echo 7 > "$GH_LOG.pr"; fi
  if [ "$1" = "list" ] && [ -f "$GH_LOG.pr" ]; then cat "$GH_LOG.pr"; fi
  shift
done
`

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// importRepo is a repository for import-pr to work in: the importer's test data with the
// files given (path under data/ → content), committed on main and pushed to a bare remote,
// with gh stubbed (its calls logged in GHLog).
type importRepo struct {
	Root, Repo, Remote, Data, GHLog string
}

func newImportRepo(t *testing.T, files map[string]string) importRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root := t.TempDir()
	r := importRepo{Root: root, Repo: filepath.Join(root, "repo"), Remote: filepath.Join(root, "remote.git"), GHLog: filepath.Join(root, "gh.log")}
	r.Data = filepath.Join(r.Repo, "data")
	if err := os.CopyFS(r.Data, os.DirFS(filepath.Join("importer", "testdata", "data"))); err != nil {
		t.Fatal(err)
	}
	for p, content := range files {
		p = filepath.Join(r.Repo, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
		"GITHUB_SERVER_URL": "", "GITHUB_REPOSITORY": ""} {
		t.Setenv(k, v)
	}
	git(t, root, "init", "--quiet", "--bare", "-b", "main", r.Remote)
	git(t, r.Repo, "init", "--quiet", "-b", "main")
	git(t, r.Repo, "add", ".")
	git(t, r.Repo, "commit", "--quiet", "-m", "data")
	git(t, r.Repo, "remote", "add", "origin", r.Remote)
	git(t, r.Repo, "push", "--quiet", "origin", "main")
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(ghStub), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("GH_LOG", r.GHLog)
	return r
}

// ghLog is what gh was called with, and the bodies it was given.
func (r importRepo) ghLog(t *testing.T) string {
	t.Helper()
	b, _ := os.ReadFile(r.GHLog)
	return string(b)
}

// localClient is srv's client, which connects to srv whatever host an address names: nothing
// leaves the machine (the test data's editions cite made-up hosts), and another host's
// address fails its TLS check at once.
func localClient(srv *httptest.Server) *http.Client {
	c := srv.Client()
	tr := c.Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}
	c.Transport = tr
	return c
}
