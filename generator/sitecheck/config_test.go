package sitecheck_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/mod/modfile"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// netlifyConfig is the part of netlify.toml the tests read.
type netlifyConfig struct {
	Build struct {
		Publish     string            `toml:"publish"`
		Command     string            `toml:"command"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Context map[string]struct {
		Command     string            `toml:"command"`
		Environment map[string]string `toml:"environment"`
	} `toml:"context"`
	Headers   []netlifyHeader   `toml:"headers"`
	Redirects []netlifyRedirect `toml:"redirects"`
}

// netlifyHeader is one [[headers]] rule, as netlify.toml has it and as @netlify/config resolves it.
type netlifyHeader struct {
	For    string            `toml:"for" json:"for"`
	Values map[string]string `toml:"values" json:"values"`
}

// netlifyRedirect is one [[redirects]] rule, as netlify.toml has it and as @netlify/config
// resolves it.
type netlifyRedirect struct {
	From       string              `toml:"from" json:"from"`
	To         string              `toml:"to" json:"to"`
	Status     int                 `toml:"status" json:"status"`
	Force      bool                `toml:"force" json:"force"`
	Conditions map[string][]string `toml:"conditions" json:"conditions"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var c netlifyConfig
	if err := toml.Unmarshal(b, &c); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	return c
}

// goMod returns the Hugo version go.mod pins (without "v") and the Go version it names.
func goMod(t *testing.T) (hugo, goVersion string) {
	t.Helper()
	p := filepath.Join(sitetest.Root(t), "go.mod")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse(p, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.Require {
		if r.Mod.Path == "github.com/gohugoio/hugo" {
			hugo = strings.TrimPrefix(r.Mod.Version, "v")
		}
	}
	if hugo == "" || f.Go == nil {
		t.Fatal("go.mod pins no Hugo version or no Go version")
	}
	return hugo, f.Go.Version
}

// TestNetlifyPinsGoModVersions: Netlify's default Hugo is old, so netlify.toml must name the
// Hugo that go.mod pins (and the Go that go.mod names, for the generator).
func TestNetlifyPinsGoModVersions(t *testing.T) {
	hugo, goVersion := goMod(t)
	c := readNetlify(t)
	env := c.Build.Environment
	if env["HUGO_VERSION"] != hugo {
		t.Errorf("netlify.toml HUGO_VERSION = %q, go.mod pins Hugo %q", env["HUGO_VERSION"], hugo)
	}
	if env["GO_VERSION"] != goVersion {
		t.Errorf("netlify.toml GO_VERSION = %q, go.mod says go %q", env["GO_VERSION"], goVersion)
	}
	if env["HUGO_CACHEDIR"] == "" {
		t.Error("netlify.toml sets no HUGO_CACHEDIR: Hugo's cache would not survive between builds")
	}
	for name, ctx := range c.Context {
		for _, key := range []string{"HUGO_VERSION", "GO_VERSION"} {
			if v, ok := ctx.Environment[key]; ok && v != env[key] {
				t.Errorf("context %s overrides %s with %q", name, key, v)
			}
		}
	}
}

// TestNetlifyCommands: each context generates content first, then runs Hugo with its own
// address (with the trailing slash Hugo needs); the binary Netlify installs, not `go tool hugo`,
// which would compile Hugo inside the build time limit.
func TestNetlifyCommands(t *testing.T) {
	c := readNetlify(t)
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	checkNetlifyCommand(t, "build", c.Build.Command, "$URL")
	for _, name := range []string{"deploy-preview", "branch-deploy"} {
		ctx, ok := c.Context[name]
		if !ok {
			t.Errorf("no [context.%s]", name)
			continue
		}
		checkNetlifyCommand(t, name, ctx.Command, "$DEPLOY_PRIME_URL")
	}
}

// checkNetlifyCommand checks one context's build command: the generator, then Netlify's Hugo,
// both with the context's address (baseVar, e.g. $URL) and Hugo's garbage collector settings.
func checkNetlifyCommand(t *testing.T, name, cmd, baseVar string) {
	t.Helper()
	gen := strings.Index(cmd, "go run ./generator generate")
	hugo := regexp.MustCompile(`(^|&& )(\S+=\S+ )*hugo `).FindStringIndex(cmd)
	switch {
	case gen < 0:
		t.Errorf("%s: command %q does not run the generator", name, cmd)
	case hugo == nil || hugo[0] < gen:
		t.Errorf("%s: command %q does not run hugo after the generator", name, cmd)
	}
	if want := `--baseURL "` + baseVar + `/"`; !strings.Contains(cmd, want) {
		t.Errorf("%s: command %q lacks %s", name, cmd, want)
	}
	// The browser extension that generate writes links to the site: the same address.
	if want := `go run ./generator generate --baseURL "` + baseVar + `/" &&`; !strings.Contains(cmd, want) {
		t.Errorf("%s: command %q lacks %s", name, cmd, want)
	}
	// Hugo's garbage collector settings, as `go run ./generator build` gives them.
	if want := "&& " + strings.Join(pipeline.HugoGC, " ") + " hugo "; !strings.Contains(cmd, want) {
		t.Errorf("%s: command %q lacks %s", name, cmd, want)
	}
	if strings.Contains(cmd, "go tool hugo") || strings.Contains(cmd, "generator build") {
		t.Errorf("%s: command %q compiles Hugo", name, cmd)
	}
	// --gc prunes Hugo's cache: the cards kept in HUGO_CACHEDIR between builds would be drawn again.
	if strings.Contains(cmd, "--gc") {
		t.Errorf("%s: command %q runs Hugo with --gc", name, cmd)
	}
}

// netlifyHeaders returns the header values netlify.toml sets for a path pattern.
func netlifyHeaders(t *testing.T, pattern string) map[string]string {
	t.Helper()
	for _, h := range readNetlify(t).Headers {
		if h.For == pattern {
			return h.Values
		}
	}
	t.Fatalf("netlify.toml has no [[headers]] for %q", pattern)
	return nil
}

// csp parses a Content-Security-Policy into its directives.
func csp(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			out[strings.ToLower(f[0])] = f[1:]
		}
	}
	return out
}

// TestNetlifySecurityHeaders: every page gets a policy allowing only the site's own scripts
// and styles, no inline code, and no framing by other sites.
func TestNetlifySecurityHeaders(t *testing.T) {
	h := netlifyHeaders(t, "/*")
	policy := csp(h["Content-Security-Policy"])
	for _, d := range []string{"default-src", "script-src", "style-src"} {
		v, ok := policy[d]
		if !ok {
			t.Errorf("CSP lacks %s", d)
			continue
		}
		for _, src := range v {
			if src != "'self'" && src != "'none'" {
				t.Errorf("CSP %s allows %s: only the site's own files may run", d, src)
			}
		}
	}
	if fa := policy["frame-ancestors"]; !slices.Equal(fa, []string{"'none'"}) && !slices.Equal(fa, []string{"'self'"}) {
		t.Errorf("CSP frame-ancestors = %v", fa)
	}
	if !slices.Contains(policy["object-src"], "'none'") && !slices.Equal(policy["default-src"], []string{"'none'"}) {
		t.Error("CSP allows plugins: set object-src or default-src to 'none'")
	}
	if h["X-Content-Type-Options"] != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", h["X-Content-Type-Options"])
	}
	if h["Referrer-Policy"] == "" || h["Referrer-Policy"] == "unsafe-url" {
		t.Errorf("Referrer-Policy = %q", h["Referrer-Policy"])
	}
	for _, p := range []string{"/data/*", "/api/*"} {
		if v := netlifyHeaders(t, p)["Access-Control-Allow-Origin"]; v != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q: scripts elsewhere could not read the open data", p, v)
		}
	}
}

// workflow is the part of the Pages workflow the tests read.
type workflow struct {
	Env         map[string]string `yaml:"env"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Needs       any               `yaml:"needs"`
		Env         map[string]string `yaml:"env"`
		Permissions map[string]string `yaml:"permissions"`
		Environment struct {
			Name string `yaml:"name"`
		} `yaml:"environment"`
		Steps []struct {
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]any    `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestPagesWorkflow: the official shape (configure-pages, build with the Pages base URL,
// upload-pages-artifact, deploy-pages), the tests before the build, and the Hugo go.mod pins.
func TestPagesWorkflow(t *testing.T) {
	hugo, _ := goMod(t)
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	if v, ok := w.Env["HUGO_VERSION"]; ok && v != hugo {
		t.Errorf("workflow HUGO_VERSION = %q, go.mod pins %q", v, hugo)
	}
	build, deploy := w.Jobs["build"], w.Jobs["deploy"]
	if v, ok := build.Env["HUGO_VERSION"]; ok && v != hugo {
		t.Errorf("build job HUGO_VERSION = %q, go.mod pins %q", v, hugo)
	}
	step := map[string]int{}
	for i, s := range build.Steps {
		name := s.Uses
		if at := strings.Index(name, "@"); at >= 0 {
			name = name[:at]
		}
		switch {
		case name != "":
			step[name] = i
		case strings.Contains(s.Run, "go test ./..."):
			step["test"] = i
		case strings.Contains(s.Run, "hugo"):
			t.Errorf("step %d runs a Hugo other than the one go.mod pins: %q", i, s.Run)
		case strings.Contains(s.Run, "go run ./generator build"):
			step["build"] = i
			if !strings.Contains(s.Run, `--baseURL "${{ steps.pages.outputs.base_url }}/"`) {
				t.Errorf("build step %q does not use the Pages base URL with a trailing slash", s.Run)
			}
		}
		if v, ok := s.Env["HUGO_VERSION"]; ok && v != hugo {
			t.Errorf("step %d HUGO_VERSION = %q, go.mod pins %q", i, v, hugo)
		}
		if name == "actions/setup-go" && s.With["go-version-file"] != "go.mod" {
			t.Errorf("setup-go does not take the Go version from go.mod: %v", s.With)
		}
		if name == "actions/upload-pages-artifact" && s.With["path"] != "./public" {
			t.Errorf("upload-pages-artifact path = %v", s.With["path"])
		}
	}
	order := []string{"actions/checkout", "actions/setup-go", "test", "actions/configure-pages", "build", "actions/upload-pages-artifact"}
	for i, name := range order {
		if _, ok := step[name]; !ok {
			t.Errorf("build job has no %s step", name)
		} else if i > 0 && step[name] < step[order[i-1]] {
			t.Errorf("build job runs %s before %s", name, order[i-1])
		}
	}
	// Hugo's cache (the preview cards) survives between deploys: restored before the build,
	// which writes it (HUGO_CACHEDIR, set in the step: the runner context is not allowed in a
	// job's env), and saved after it, all at one path.
	cacheOrder := []string{"actions/cache/restore", "build", "actions/cache/save"}
	for i, name := range cacheOrder {
		if _, ok := step[name]; !ok {
			t.Errorf("build job has no %s step: each deploy would draw every preview card again", name)
		} else if i > 0 && step[name] < step[cacheOrder[i-1]] {
			t.Errorf("build job runs %s before %s", name, cacheOrder[i-1])
		}
	}
	if i, ok := step["build"]; ok {
		dir := build.Steps[i].Env["HUGO_CACHEDIR"]
		if dir == "" {
			t.Error("the build step sets no HUGO_CACHEDIR")
		}
		for _, name := range []string{"actions/cache/restore", "actions/cache/save"} {
			if j, ok := step[name]; ok && build.Steps[j].With["path"] != dir {
				t.Errorf("%s path = %v, the build's HUGO_CACHEDIR is %q", name, build.Steps[j].With["path"], dir)
			}
		}
	}
	if build.Steps != nil && step["actions/configure-pages"] >= 0 && build.Steps[step["actions/configure-pages"]].ID != "pages" {
		t.Error("configure-pages step has no id: pages, which the build step reads")
	}
	if deploy.Needs != "build" || deploy.Environment.Name != "github-pages" {
		t.Errorf("deploy job: needs %v, environment %q", deploy.Needs, deploy.Environment.Name)
	}
	deploys := false
	for _, s := range deploy.Steps {
		deploys = deploys || strings.HasPrefix(s.Uses, "actions/deploy-pages@")
	}
	if !deploys {
		t.Error("deploy job does not use actions/deploy-pages")
	}
	perms := w.Permissions
	if deploy.Permissions != nil {
		perms = deploy.Permissions
	}
	if perms["pages"] != "write" || perms["id-token"] != "write" {
		t.Errorf("deploy permissions %v lack pages: write and id-token: write", perms)
	}
}

// TestNetlifyLanguageRedirects: on Netlify a first visit to the home page goes to the browser's
// language (Netlify compares the first two letters of Accept-Language), a temporary redirect so
// that a reader's later choice (the nf_lang cookie) wins; a missing page below a language's
// folder gets that language's "page not found".
func TestNetlifyLanguageRedirects(t *testing.T) {
	checkLanguageRedirects(t, readNetlify(t).Redirects)
}

// checkLanguageRedirects checks the language redirects of TestNetlifyLanguageRedirects.
func checkLanguageRedirects(t *testing.T, redirects []netlifyRedirect) {
	t.Helper()
	want := map[string]string{"es": "es", "fr": "fr", "de": "de", "zh-hans": "zh"}
	home, notFound := map[string]bool{}, map[string]bool{}
	for _, r := range redirects {
		switch {
		case r.From == "/":
			lang := strings.Trim(r.To, "/")
			if r.Status != 302 || !r.Force || !slices.Equal(r.Conditions["Language"], []string{want[lang]}) {
				t.Errorf("redirect / to %s: status %d, force %v, conditions %v; want 302, force, Language = [%q]", r.To, r.Status, r.Force, r.Conditions, want[lang])
			}
			home[lang] = true
		case strings.HasSuffix(r.From, "/*"):
			lang := strings.Trim(strings.TrimSuffix(r.From, "*"), "/")
			if r.To != "/"+lang+"/404.html" || r.Status != 404 || r.Force {
				t.Errorf("redirect %s: to %s, status %d, force %v; want /%s/404.html, 404, no force", r.From, r.To, r.Status, r.Force, lang)
			}
			notFound[lang] = true
		}
	}
	for lang := range want {
		if !home[lang] || !notFound[lang] {
			t.Errorf("netlify.toml: language %s has a home redirect %v and a not-found rule %v, want both", lang, home[lang], notFound[lang])
		}
	}
}
