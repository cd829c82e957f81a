// Writes data/place-names.yaml, the names of data/markets/' cities in each language of the site,
// and generator/place/cldr.go, the country names the site takes from CLDR 48 rather than from
// Go's older CLDR tables (see README.md). Run once, from this folder:
//
//	npm ci && node place-names.mjs
//
// A city's name in a language comes from the first source that has one:
//  1. CLDR 48.2.0 (cldr-dates-full): the exemplar city of a time zone whose English name is the
//     city's and whose country (the zone's BCP 47 key starts with it) is the market's;
//  2. Natural Earth's populated places (natural-earth-places.csv, rows copied from Natural
//     Earth's file, see README.md), by NAME or NAME_EN and ISO_A2; NAME_ZH is converted to
//     simplified characters with opencc-js (OpenCC's "t" to "cn" tables);
//  3. CLDR's name by inheritance: a locale with no exemplar city for a zone writes the zone id's
//     city ("Bangkok" for Asia/Bangkok).
// A city no source names keeps its spelling in data/markets/ (it is printed on stderr). A city
// written "A and B" is named from A and B joined by the language's "and".
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const OpenCC = require("opencc-js");
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

// The site's languages (hugo.toml) and their CLDR locales.
const langs = { de: "de", es: "es", fr: "fr", "zh-hans": "zh-Hans" };
const and = { de: " und ", es: " y ", fr: " et ", "zh-hans": "和" };
const cldrVersion = require("cldr-dates-full/package.json").version;

// CLDR: zones by "Country|English city".
const get = (o, path) => path.split("/").reduce((a, k) => a?.[k], o);
const zoneNames = (l) => require(`cldr-dates-full/main/${l}/timeZoneNames.json`).main[l].dates.timeZoneNames.zone;
const en = zoneNames("en");
const local = Object.fromEntries(Object.entries(langs).map(([lang, l]) => [lang, zoneNames(l)]));
const zones = new Map();
for (const [key, v] of Object.entries(require("cldr-bcp47/bcp47/timezone.json").keyword.u.tz)) {
  if (typeof v !== "object" || !v._alias || key.length < 3) continue;
  const id = v._alias.split(" ")[0];
  const city = get(en, id)?.exemplarCity ?? id.split("/").pop().replaceAll("_", " ");
  zones.set(`${key.slice(0, 2).toUpperCase()}|${city}`, id);
}

// Natural Earth: rows by "Country|name".
const [header, ...rows] = readFileSync(new URL("natural-earth-places.csv", import.meta.url), "utf8").trim().split("\n");
const cols = header.split(",");
const ne = new Map();
for (const line of rows) {
  const r = Object.fromEntries(line.split(",").map((v, i) => [cols[i], v]));
  for (const n of [r.NAME, r.NAME_EN]) ne.set(`${r.ISO_A2}|${n}`, r);
}

// name is one city's name in lang and its source, or undefined.
function name(country, city, lang) {
  const zone = zones.get(`${country}|${city}`);
  const explicit = zone && get(local[lang], zone)?.exemplarCity;
  if (explicit) return { name: explicit, source: `cldr ${cldrVersion} ${zone}` };
  const r = ne.get(`${country}|${city}`);
  const v = r?.[`NAME_${lang === "zh-hans" ? "ZH" : lang.toUpperCase()}`];
  if (v) {
    const source = `natural-earth ne_id ${r.NE_ID} (${r.WIKIDATAID})`;
    if (lang !== "zh-hans") return { name: v, source };
    const s = toSimplified(v);
    return s === v ? { name: v, source } : { name: s, source: `${source}, ${v} to simplified by opencc-js` };
  }
  if (zone) return { name: zone.split("/").pop().replaceAll("_", " "), source: `cldr ${cldrVersion} ${zone} (zone id)` };
  return undefined;
}

const cities = new Map();
const dir = new URL("../markets/", import.meta.url);
for (const f of readdirSync(dir).sort()) {
  const text = readFileSync(new URL(f, dir), "utf8");
  const city = text.match(/^city: (.+)$/m)?.[1];
  const country = text.match(/^country: (.+)$/m)?.[1];
  if (city && country) cities.set(`${country}|${city}`, { city, country });
}

const q = JSON.stringify; // a JSON string is a YAML string
let out =
  "# The names of data/markets/' cities in each language of the site, with the source of each:\n" +
  `# CLDR ${cldrVersion} exemplar cities, or Natural Earth populated places (data/geo/natural-earth-places.csv).\n` +
  "# Written by data/geo/place-names.mjs; see data/geo/README.md. A city not here keeps its spelling.\n";
for (const { city, country } of [...cities.values()].sort((a, b) => (a.city < b.city ? -1 : a.city > b.city ? 1 : 0))) {
  const parts = city.split(" and ");
  const names = {};
  for (const lang of Object.keys(langs)) {
    const each = parts.map((p) => name(country, p, lang));
    if (each.every(Boolean)) names[lang] = { name: each.map((e) => e.name).join(and[lang]), source: each.map((e) => e.source).join(" + ") };
  }
  const missing = Object.keys(langs).filter((l) => !names[l]);
  if (missing.length) console.error(`no name for ${city} (${country}) in ${missing.join(", ")}: it keeps its spelling`);
  if (!Object.keys(names).length) continue;
  out += `- city: ${q(city)}\n  country: ${country}\n  names:\n`;
  for (const [lang, n] of Object.entries(names)) out += `    ${lang}: ${q(n.name)}\n`;
  out += "  sources:\n";
  for (const [lang, n] of Object.entries(names)) out += `    ${lang}: ${q(n.source)}\n`;
}
writeFileSync(new URL("../place-names.yaml", import.meta.url), out);

// Country names Go's CLDR tables (golang.org/x/text, CLDR 32) have old: the names of CLDR 48
// for renamed countries, and for de/es/fr the short names of Hong Kong and Macao, so that they
// sort under H and M ("Hongkong", not "Sonderverwaltungsregion Hongkong").
const territories = (l) => require(`cldr-localenames-full/main/${l}/territories.json`).main[l].localeDisplayNames.territories;
const all = { en: "en", ...langs };
const countries = {};
for (const code of ["MK", "SZ"]) countries[code] = Object.fromEntries(Object.entries(all).map(([lang, l]) => [lang, territories(l)[code]]));
for (const code of ["HK", "MO"]) countries[code] = Object.fromEntries(["de", "es", "fr"].map((lang) => [lang, territories(langs[lang])[`${code}-alt-short`]]));
// Natural Earth outlines with no country code that CLDR still names: the Australian Indian Ocean
// Territories are Christmas Island and the Cocos (Keeling) Islands.
const outlines = { "Indian Ocean Ter.": ["CX", "CC"] };
const andEn = { en: " and ", ...and };
const outlineNames = {};
for (const [outline, codes] of Object.entries(outlines)) {
  outlineNames[outline] = Object.fromEntries(Object.entries(all).map(([lang, l]) => [lang, codes.map((c) => territories(l)[c]).join(andEn[lang])]));
}
// Outlines neither CLDR nor Natural Earth's populated places name, named from a page read, with
// that page: only where one was found (N. Cyprus and Siachen Glacier have none yet).
const pageNames = {
  Somaliland: { "zh-hans": { name: "索马里兰", source: "https://zh.wikipedia.org/wiki/索马里兰共和国?oldformat=true (its name in mainland China)" } },
};
let go =
  `// Code generated by data/geo/place-names.mjs from CLDR ${require("cldr-localenames-full/package.json").version} (npm cldr-localenames-full) and the pages named below; DO NOT EDIT.\n\n` +
  "package place\n\n" +
  "// cldrNames are country names, by code and language, that replace golang.org/x/text's.\n" +
  "var cldrNames = map[string]map[string]string{\n";
for (const [code, names] of Object.entries(countries)) {
  go += `\t${q(code)}: {`;
  go += Object.entries(names).map(([l, n]) => `${q(l)}: ${q(n)}`).join(", ");
  go += "},\n";
}
go += "}\n\n// cldrOutlines are names, by language, of Natural Earth outlines with no country code: from CLDR,\n// or from the page named beside them.\nvar cldrOutlines = map[string]map[string]string{\n";
for (const [outline, names] of Object.entries(outlineNames)) {
  go += `\t${q(outline)}: {` + Object.entries(names).map(([l, n]) => `${q(l)}: ${q(n)}`).join(", ") + "},\n";
}
for (const [outline, names] of Object.entries(pageNames)) {
  for (const [l, n] of Object.entries(names)) go += `\t// ${outline} in ${l}: ${n.source}\n`;
  go += `\t${q(outline)}: {` + Object.entries(names).map(([l, n]) => `${q(l)}: ${q(n.name)}`).join(", ") + "},\n";
}
writeFileSync(new URL("../../generator/place/cldr.go", import.meta.url), go + "}\n");
