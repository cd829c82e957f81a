// Resolves netlify.toml with Netlify's own configuration package, offline, once per deploy
// context, and prints what Netlify would use: {"<context>": {build, redirects, headers}}.
// Usage: node resolve.mjs DIR CONTEXT... (run by generator/sitecheck's TestNetlifyResolvesConfig).
import { resolveConfig } from "@netlify/config";

const [dir, ...contexts] = process.argv.slice(2);
const out = {};
for (const context of contexts) {
  // buffer: Netlify's warnings are returned in logs rather than printed.
  const r = await resolveConfig({ cwd: dir, repositoryRoot: dir, offline: true, context, branch: "nmw-test-branch", buffer: true });
  out[context] = {
    configPath: r.configPath,
    build: r.config.build,
    redirects: r.config.redirects,
    headers: r.config.headers,
    logs: r.logs,
  };
}
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
