// Reads a built site's robots.txt, sitemaps and feeds as crawlers and feed readers do, with
// maintained parsers from npm (pinned in package-lock.json), and prints what they make of them
// as JSON. Usage: node readers.mjs PUBLIC_DIR BASE_URL FEED... (FEED: a feed's path below
// PUBLIC_DIR); run by generator/opendata's TestStandards.
import { readFileSync, createReadStream } from "node:fs";
import { join } from "node:path";
import robotsParser from "robots-parser";
import { XMLToSitemapItemStream, XMLToSitemapIndexStream, ErrorLevel } from "sitemap";
import { parseFeed } from "@rowanmanning/feed-parser";

const [dir, base] = process.argv.slice(2);
const out = { robots: {}, sitemaps: {}, feeds: {} };

// robots.txt: which addresses a crawler may fetch, and the sitemaps it announces.
const robotsURL = new URL("robots.txt", base).href;
const robots = robotsParser(robotsURL, readFileSync(join(dir, "robots.txt"), "utf8"));
out.robots = {
  sitemaps: robots.getSitemaps(),
  allowed: Object.fromEntries([base, new URL("markets/", base).href, new URL("data/", base).href]
    .map((u) => [u, robots.isAllowed(u, "Googlebot")])),
};

// A sitemap or sitemap index, with every warning the parser has: each is a problem.
async function sitemap(file, index) {
  const problems = [];
  const logger = (level, ...message) => problems.push(level + ": " + message.join(" "));
  const opts = { level: ErrorLevel.THROW, logger };
  const parser = index ? new XMLToSitemapIndexStream(opts) : new XMLToSitemapItemStream(opts);
  const items = [];
  try {
    await new Promise((resolve, reject) => {
      createReadStream(join(dir, file)).pipe(parser).on("data", (i) => items.push(i)).on("end", resolve).on("error", reject);
    });
  } catch (e) {
    problems.push("error: " + e.message);
  }
  return { items, problems };
}

// With several languages Hugo writes an index of one sitemap per language.
const index = await sitemap("sitemap.xml", true);
out.sitemaps["sitemap.xml"] = { urls: index.items.map((i) => i.url), problems: index.problems };
for (const i of index.items) {
  const rel = new URL(i.url).pathname.slice(new URL(base).pathname.length);
  const s = await sitemap(rel, false);
  out.sitemaps[rel] = { urls: s.items.map((x) => x.url), links: s.items.reduce((n, x) => n + (x.links || []).length, 0), problems: s.problems };
}

// Each feed, as a feed reader would show it.
for (const rel of process.argv.slice(4)) {
  try {
    const f = parseFeed(readFileSync(join(dir, rel), "utf8"));
    out.feeds[rel] = {
      type: f.meta.type, version: f.meta.version, title: f.title, url: f.url, language: f.language,
      items: f.items.map((i) => ({ title: i.title, url: i.url, id: i.id, published: i.published })),
    };
  } catch (e) {
    out.feeds[rel] = { error: e.message };
  }
}
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
