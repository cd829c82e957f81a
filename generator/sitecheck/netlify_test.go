package sitecheck_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// netlifyContexts are the deploy contexts Netlify names itself; any other [context.NAME] applies
// only to a branch called NAME, and this site deploys no branch by name.
var netlifyContexts = []string{"production", "deploy-preview", "branch-deploy", "dev"}

// contextKeys are the keys a [context.NAME] table can set (Netlify merges them into [build],
// or, for plugins, into the top level); Netlify ignores any other.
var contextKeys = []string{"base", "command", "edge_functions", "environment", "functions", "ignore", "plugins", "processing", "publish"}

// resolvedConfig is what @netlify/config resolves for one context (testdata/netlify/resolve.mjs).
type resolvedConfig struct {
	ConfigPath string `json:"configPath"`
	Build      struct {
		Command     string            `json:"command"`
		Publish     string            `json:"publish"`
		Environment map[string]string `json:"environment"`
	} `json:"build"`
	Redirects []netlifyRedirect `json:"redirects"`
	Headers   []netlifyHeader   `json:"headers"`
	Logs      struct {
		Stdout []string `json:"stdout"`
		Stderr []string `json:"stderr"`
	} `json:"logs"`
}

// resolveNetlify runs Netlify's own configuration package (@netlify/config, pinned in
// testdata/netlify/package-lock.json) offline on dir/netlify.toml, for each context.
func resolveNetlify(t *testing.T, dir string, contexts ...string) map[string]resolvedConfig {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed (apt-get install nodejs npm): netlify.toml is not checked with @netlify/config")
	}
	tool := filepath.Join(sitetest.Root(t), "generator", "sitecheck", "testdata", "netlify")
	if _, err := os.Stat(filepath.Join(tool, "node_modules", "@netlify", "config", "package.json")); err != nil {
		t.Skipf("@netlify/config is not installed (%v): run npm ci --prefix generator/sitecheck/testdata/netlify", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, append([]string{filepath.Join(tool, "resolve.mjs"), dir}, contexts...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("@netlify/config rejects %s: %v\n%s", filepath.Join(dir, "netlify.toml"), err, stderr.String())
	}
	out := map[string]resolvedConfig{}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("resolve.mjs: %v\n%s", err, stdout.String())
	}
	return out
}

// netlifyProblems compares dir/netlify.toml with what Netlify resolves from it in each of its
// contexts, and returns every difference: a context or a key Netlify ignores, a warning, and
// a command, an environment, a redirect or a header rule that Netlify reads otherwise or drops.
func netlifyProblems(t *testing.T, dir string) ([]string, map[string]resolvedConfig) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var c netlifyConfig
	var tables struct {
		Context map[string]map[string]any `toml:"context"`
	}
	if err := toml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if err := toml.Unmarshal(raw, &tables); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(tables.Context)) {
		if !slices.Contains(netlifyContexts, name) {
			problems = append(problems, fmt.Sprintf("[context.%s]: not a Netlify deploy context (%s); Netlify would apply it only to a branch named %q", name, strings.Join(netlifyContexts, ", "), name))
		}
		for _, key := range slices.Sorted(maps.Keys(tables.Context[name])) {
			if !slices.Contains(contextKeys, key) {
				problems = append(problems, fmt.Sprintf("[context.%s]: Netlify ignores %q in a context", name, key))
			}
		}
	}

	contexts := []string{"production", "deploy-preview", "branch-deploy"}
	got := resolveNetlify(t, dir, contexts...)
	for _, name := range contexts {
		r := got[name]
		for _, line := range append(r.Logs.Stdout, r.Logs.Stderr...) {
			problems = append(problems, fmt.Sprintf("%s: Netlify warns: %s", name, strings.TrimSpace(strings.ReplaceAll(line, "\u200b", ""))))
		}
		if want := filepath.Join(dir, "netlify.toml"); r.ConfigPath != want {
			problems = append(problems, fmt.Sprintf("%s: Netlify read %q, not %s", name, r.ConfigPath, want))
		}
		command, env := c.Build.Command, maps.Clone(c.Build.Environment)
		if env == nil {
			env = map[string]string{}
		}
		if ctx, ok := c.Context[name]; ok {
			if ctx.Command != "" {
				command = ctx.Command
			}
			maps.Copy(env, ctx.Environment)
		}
		if r.Build.Command != command {
			problems = append(problems, fmt.Sprintf("%s: Netlify runs %q, netlify.toml says %q", name, r.Build.Command, command))
		}
		if !maps.Equal(r.Build.Environment, env) {
			problems = append(problems, fmt.Sprintf("%s: Netlify's environment %v, netlify.toml says %v", name, r.Build.Environment, env))
		}
		if want := filepath.Join(dir, c.Build.Publish); r.Build.Publish != want {
			problems = append(problems, fmt.Sprintf("%s: Netlify publishes %q, netlify.toml says %q", name, r.Build.Publish, want))
		}
		if !sameRules(r.Redirects, c.Redirects) {
			problems = append(problems, fmt.Sprintf("%s: Netlify resolves the redirects as\n%+v\nnetlify.toml has\n%+v", name, r.Redirects, c.Redirects))
		}
		if !sameRules(r.Headers, c.Headers) {
			problems = append(problems, fmt.Sprintf("%s: Netlify resolves the headers as\n%+v\nnetlify.toml has\n%+v", name, r.Headers, c.Headers))
		}
	}
	return problems, got
}

// sameRules compares redirect or header rules, taking an absent map as an empty one (Netlify
// fills in empty conditions).
func sameRules[T any](a, b []T) bool {
	norm := func(rules []T) []byte {
		j, _ := json.Marshal(rules)
		var v any
		json.Unmarshal(j, &v)
		if list, ok := v.([]any); ok {
			for _, r := range list {
				if m, ok := r.(map[string]any); ok {
					for k, x := range m {
						if x == nil {
							m[k] = map[string]any{}
						}
					}
				}
			}
		}
		j, _ = json.Marshal(v)
		return j
	}
	return len(a) == len(b) && bytes.Equal(norm(a), norm(b))
}

// TestNetlifyResolvesConfig: Netlify's own configuration package reads netlify.toml, offline,
// as it says, with no warning, in production, deploy previews and branch deploys: each context's
// build command with its own address, the Hugo and Go versions go.mod pins, the language
// redirects with their conditions and the security and cache headers.
func TestNetlifyResolvesConfig(t *testing.T) {
	root := sitetest.Root(t)
	problems, got := netlifyProblems(t, root)
	for _, p := range problems {
		t.Error(p)
	}
	hugo, goVersion := goMod(t)
	for name, base := range map[string]string{"production": "$URL", "deploy-preview": "$DEPLOY_PRIME_URL", "branch-deploy": "$DEPLOY_PRIME_URL"} {
		r := got[name]
		checkNetlifyCommand(t, name, r.Build.Command, base)
		if r.Build.Environment["HUGO_VERSION"] != hugo || r.Build.Environment["GO_VERSION"] != goVersion {
			t.Errorf("%s: Netlify installs Hugo %q and Go %q; go.mod pins Hugo %s and Go %s", name, r.Build.Environment["HUGO_VERSION"], r.Build.Environment["GO_VERSION"], hugo, goVersion)
		}
		if r.Build.Environment["HUGO_CACHEDIR"] == "" {
			t.Errorf("%s: no HUGO_CACHEDIR", name)
		}
		if r.Build.Publish != filepath.Join(root, "public") {
			t.Errorf("%s: Netlify publishes %s", name, r.Build.Publish)
		}
		checkLanguageRedirects(t, r.Redirects)
		var all map[string]string
		for _, h := range r.Headers {
			if h.For == "/*" {
				all = h.Values
			}
		}
		if !strings.Contains(all["Content-Security-Policy"], "script-src 'self'") || all["X-Content-Type-Options"] != "nosniff" {
			t.Errorf("%s: Netlify resolves no security headers for /*: %v", name, all)
		}
	}
}

// TestNetlifyRejectsBrokenConfig: the comparison above can fail. Each mistake in the fixture is
// reported: a context Netlify would take for a branch, a key it ignores in a context, a
// redirect it drops with a warning and a header rule it drops without one.
func TestNetlifyRejectsBrokenConfig(t *testing.T) {
	problems, _ := netlifyProblems(t, filepath.Join(sitetest.Root(t), "generator", "sitecheck", "testdata", "netlify-broken"))
	all := strings.Join(problems, "\n")
	for _, want := range []string{
		`[context.deploy_preview]: not a Netlify deploy context`,
		`[context.production]: Netlify ignores "comand"`,
		`Netlify warns: Warning: some redirects have syntax errors`,
		`Missing "from" field`,
		`production: Netlify resolves the redirects as`,
		`production: Netlify resolves the headers as`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the broken netlify.toml is not reported for %q; problems:\n%s", want, all)
		}
	}
}
