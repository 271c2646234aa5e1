/*
 * For pytest (tests/engine.py): runs the browser's search engine in Node on a batch of queries.
 * stdin: {"lang", "queries", "site" (a built site, for "search")}; stdout: {query: [item ids]}.
 *   node run-engine.cjs filter  – the list filter's matching (filterItems) over the filter's block from Python
 *   node run-engine.cjs search  – the site search (search()) over the built site's sharded index, item pages only
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const engine = require("../../docs/assets/javascripts/search-engine.js");
const { contract } = require("./contract.cjs");

async function main() {
  const { lang, queries, site } = JSON.parse(fs.readFileSync(0, "utf-8"));
  const out = {};
  if (process.argv[2] === "filter") {
    const index = engine.memoryIndex(contract().blocks[lang]);
    for (const q of queries) {
      const found = engine.filterItems(index, q);
      out[q] = found ? [...found] : index.ids;
    }
  } else {
    const folder = path.join(site, lang === "zh" ? "" : lang, "search", "index");
    const bundle = {};
    const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else bundle[path.relative(folder, full).split(path.sep).join("/")] = JSON.parse(fs.readFileSync(full, "utf-8"));
    });
    walk(folder);
    const store = engine.openStore({}, { bundle }, null);
    for (const q of queries) {
      const { items } = await engine.search(store, q);
      out[q] = items.map(([head]) => (head.location.match(/^reforms\/([^/]+)\/$/) || [])[1]).filter(Boolean);
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => { console.error(error); process.exit(1); });
