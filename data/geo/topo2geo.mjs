// Step 1 of data/geo/countries.geojson (see README.md): world-atlas's Natural Earth 1:50m
// countries, TopoJSON, as plain GeoJSON on stdout. Each feature keeps world-atlas's id (the
// ISO 3166-1 numeric code) and name; simplify.go then simplifies and keys it by alpha-2 code.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
process.stdout.write(JSON.stringify(feature(topo, topo.objects.countries)));
