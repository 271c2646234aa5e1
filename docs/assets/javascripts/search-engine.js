/*
 * Site search, loaded by the search worker (search-worker.js) when the reader
 * first types: it answers a query with results in the theme's shape (so the
 * theme's result list and highlighting stay), over the site's own sharded
 * index (scripts/ftzsite/finish/search_index.py).
 *
 * - A query is cut into clauses: each Latin word (found as the start of a word
 *   when it has 3 letters or more: import finds imported), each run of Chinese
 *   characters (found as a substring: 海关 finds 天津海关, through the pairs of
 *   characters it contains, all in one field), each name of the alias table
 *   (人行 also finds 中国人民银行天津分行), and references to an item or a
 *   measure (第14项第3条, "measure 3 of item 14").  Every clause must occur in
 *   a page; if no page has them all, pages with the most are shown, the missing
 *   words marked.
 * - Pages are ranked by where each clause occurs (an item's name, then its
 *   number, then its measures and paragraphs, then its bodies, topics and
 *   areas), by how many fields hold it, by how rare it is, and by whether all
 *   clauses occur in one field (closeness); then in the order of the list.
 * - A match inside a numbered measure links to #measure-K.
 * - The rules (folding, atoms, references, field bits, weights, anchors) are
 *   the build's (scripts/ftzsite/pages/search_text.py, search_fields.py contract()), read
 *   from meta.json; the list's filter (filters.js) loads this file too and
 *   matches with it (filterItems), over its own JSON block.
 * - Only what a query needs is fetched: the index's metadata, the shards of
 *   its atoms, the titles of the pages found and the text of the first
 *   results.  An offline copy passes the whole index inline.
 */
(() => {
"use strict";

/* ------------------------------------------------------------------ rules
 * How text is cut and matched, and the layout of an item's fields, are not
 * written here: Python writes them (scripts/ftzsite/pages/search_text.py, search_fields.py
 * contract()) into the index's meta.json and the filter's JSON block, and
 * useRules() reads them.  Everything below uses R. */

let R = null;

/* Take the rules of the build: compile its patterns once. */
function useRules(contract) {
  const text = contract.text;
  const chars = new Map(Object.entries(text.fold.chars));
  const weights = contract.weights;
  // The weight of an item's fields, strongest first: its name, number, bodies, topics, areas, and text (bit > last of these).
  const itemOrder = [...weights.item.map((value, bit) => ({ fields: 1 << bit, value })),
    { fields: ~((1 << weights.item.length) - 1), value: weights.text }].sort((a, b) => b.value - a.value);
  R = {
    fold: { from: text.fold.from, to: text.fold.to, shift: text.fold.shift, chars },
    run: new RegExp(text.run, "g"),
    prefixMin: text.prefixMin,
    numerals: text.numerals,
    references: text.references.map(([pattern, kind]) => [new RegExp(pattern, "gi"), text.referenceAtom[kind]]),
    connectives: new RegExp(text.connectives, "gi"),
    introBit: contract.fields.introBit,
    measureBit: contract.fields.measureBit,
    sections: contract.fields.sections,
    weights,
    itemOrder,
  };
  return R;
}

/* ------------------------------------------------------------------ text */

/* Width and case folding that keeps every character's position. */
function fold(text) {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    let folded = char;
    if (code >= R.fold.from && code <= R.fold.to) folded = String.fromCharCode(code + R.fold.shift);
    else if (R.fold.chars.has(char)) folded = R.fold.chars.get(char);
    const lower = folded.toLowerCase();
    out += lower.length === folded.length ? lower : folded;
  }
  return out;
}

const runs = (text) => fold(text).replace(/'/g, "").match(R.run) || [];
const isChinese = (run) => run.charCodeAt(0) > 127;

/* The atoms a query run looks up: a Latin word, a character, or every pair of adjacent characters of a Chinese run. */
function queryAtoms(run) {
  if (!isChinese(run) || run.length === 1) return [run];
  return Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2));
}

/* Every atom a text is found by (search_text.index_atoms): Latin words; Chinese characters and pairs. */
function indexAtoms(text) {
  const atoms = new Set();
  for (const run of runs(text)) {
    if (!isChinese(run)) { atoms.add(run); continue; }
    for (let i = 0; i < run.length; i++) {
      atoms.add(run[i]);
      if (i + 1 < run.length) atoms.add(run.slice(i, i + 2));
    }
  }
  return atoms;
}

/* ------------------------------------------------------------------ queries */

/* A reference's number: Arabic, or Chinese numerals up to the hundreds (search_text.to_number). */
function toNumber(text) {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0, digit = 0;
  for (const char of text) {
    if (char === "百") { total += (digit || 1) * 100; digit = 0; }
    else if (char === "十") { total += (digit || 1) * 10; digit = 0; }
    else digit = R.numerals.indexOf(char);
  }
  return total + digit;
}

/* A clause holds alternatives; an alternative, groups that must all occur in the page; a group,
 * atoms that must occur in one field (the pairs of a Chinese word, the words of a name). */
const fieldGroup = (words, prefix) => words.flatMap((word) => queryAtoms(word).map((atom) => ({ atom, prefix: prefix && !isChinese(atom) && atom.length >= R.prefixMin })));
const anywhere = (words) => words.map((word) => fieldGroup([word], true));  // each word in the page, as typed words are
const together = (words) => [fieldGroup(words, true)];                      // a name, in one field

/* A query's clauses; `aliases` maps folded words to [names they stand for, why (or null)]. */
function parse(query, aliases) {
  let text = query;
  const clauses = [];
  for (const [pattern, prefix] of R.references) {
    text = text.replace(pattern, (_, number) => {
      clauses.push({ label: null, names: [], via: null, alternatives: [[[{ atom: prefix + toNumber(number), prefix: false }]]] });
      return " ";
    });
  }
  if (clauses.length) text = text.replace(R.connectives, " ");
  const words = runs(text);
  for (let i = 0; i < words.length;) {
    let end = i + 1, names = null, via = null;
    for (let j = words.length; j > i; j--) {
      const found = aliases.get(words.slice(i, j).join(" "));
      if (found) { end = j; [names, via] = found; break; }
    }
    const span = words.slice(i, end);
    const alternatives = [anywhere(span), ...(names || []).map((name) => together(runs(name)))];
    clauses.push({ label: span.join(" "), names: names || [], via, alternatives });
    i = end;
  }
  return clauses;
}

/* The alias table of meta.json or the filter's block: rows [folded words, names, why] → Map. */
const aliasMap = (rows) => new Map(rows.map(([key, names, via]) => [key, [names, via]]));

/* ------------------------------------------------------------------ index */

/* Where the index comes from: fetched below the site root, or given whole (the offline copy). */
function openStore(config, docs, siteRoot) {
  const bundle = docs && !Array.isArray(docs) ? docs.bundle : null;
  const base = bundle ? null : new URL(config.index, siteRoot);
  const cache = new Map();
  const load = (name) => {
    if (!cache.has(name)) {
      cache.set(name, bundle
        ? Promise.resolve(bundle[name])
        : fetch(new URL(name, base)).then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.url}`);
          return response.json();
        }));
    }
    return cache.get(name);
  };
  let meta = null;
  return {
    load,
    // the rules of the build are taken as soon as its metadata comes
    meta: () => meta || (meta = load("meta.json").then((value) => {
      useRules(value.rules);
      return { ...value, aliases: aliasMap(value.aliases) };
    })),
  };
}

/* The shard holding an atom: the last whose first atom is not after it. */
function shardOf(atom, firsts) {
  let low = 0, high = firsts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (firsts[middle] <= atom) low = middle; else high = middle - 1;
  }
  return low;
}

/* The term shards an atom's postings are in (a prefix may span several). */
function shardsOf({ atom, prefix }, meta) {
  const first = shardOf(atom, meta.terms);
  const last = prefix ? shardOf(atom + "\uffff", meta.terms) : first;
  return Array.from({ length: last - first + 1 }, (_, n) => first + n);
}

const decoded = new WeakMap();  // postings already decoded, for the next query
function decode(flat) {
  if (decoded.has(flat)) return decoded.get(flat);
  const pages = new Map();
  decoded.set(flat, pages);
  for (let i = 0, page = 0; i < flat.length; i += 2) {
    page += flat[i];
    pages.set(page, flat[i + 1]);
  }
  return pages;
}

/* page → mask of fields holding the atom (or, for a prefix, any word it begins), and where it is a whole word;
 * `shards` are the loaded term shards that may hold it. */
function lookUp({ atom, prefix }, shards) {
  const found = new Map(), whole = new Map();
  for (const shard of shards) {
    const keys = prefix ? Object.keys(shard).filter((key) => key.startsWith(atom)) : (atom in shard ? [atom] : []);
    for (const key of keys) {
      for (const [page, mask] of decode(shard[key])) {
        found.set(page, (found.get(page) || 0) | mask);
        if (key === atom) whole.set(page, mask);
      }
    }
  }
  return { found, whole };
}

/* page → {mask, whole} of the fields where a group's atoms occur together; `hit` looks an atom up. */
function matchGroup(atoms, hit) {
  const [firstHit, ...others] = atoms.map(hit);
  const result = new Map();
  for (const [page, mask] of firstHit.found) {
    let common = mask, whole = firstHit.whole.get(page) || 0;
    for (const other of others) {
      common &= other.found.get(page) || 0;
      whole &= other.whole.get(page) || 0;
    }
    if (common) result.set(page, { mask: common, whole: whole & common });
  }
  return result;
}

/* page → {mask, whole, strength, direct} of the fields where the clause occurs: any alternative, all of its
 * groups in the page; its strength is that of its weakest group's best field; direct when the words as
 * typed occur (the first alternative), not only a name they stand for.  The search and the filter both
 * decide here whether a page holds a clause. */
function match(clause, meta, hit) {
  const result = new Map();
  const alternatives = clause.alternatives.map((groups) => groups.map((atoms) => matchGroup(atoms, hit)));
  for (const [index, [firstGroup, ...others]] of alternatives.entries()) {
    for (const [page, first] of firstGroup) {
      const all = [first, ...others.map((found) => found.get(page))];
      if (all.some((found) => !found)) continue;
      const isItem = page < meta.items;
      const before = result.get(page) || { mask: 0, whole: 0, strength: 0, direct: false };
      result.set(page, {
        direct: before.direct || index === 0,
        mask: all.reduce((mask, found) => mask | found.mask, before.mask),
        whole: all.every((found) => found.whole) ? before.whole | first.whole : before.whole,
        strength: Math.max(before.strength, Math.min(...all.map((found) => best(found.mask, isItem)))),
      });
    }
  }
  return result;
}

/* Every atom the clauses look up. */
const atomsOf = (clauses) => clauses.flatMap((clause) => clause.alternatives.flat(2));

/* Load the shards the clauses need, then look their atoms up (once each). */
async function matchAll(clauses, meta, store) {
  const needed = [...new Set(atomsOf(clauses).flatMap((spec) => shardsOf(spec, meta)))];
  const loaded = new Map(await Promise.all(needed.map(async (n) => [n, await store.load(`t/${n}.json`)])));
  const seen = new Map();
  const hit = (spec) => {
    const key = `${spec.prefix ? 1 : 0}${spec.atom}`;
    if (!seen.has(key)) seen.set(key, lookUp(spec, shardsOf(spec, meta).map((n) => loaded.get(n))));
    return seen.get(key);
  };
  return clauses.map((clause) => match(clause, meta, hit));
}

/* ------------------------------------------------------------------ the list's filter
 * The filter of /reforms/ (filters.js) matches with the code above, over an index it builds in
 * memory from the page's JSON block (scripts/ftzsite/pages/filters.py): the search's item fields, rules
 * and alias table.  So a query finds the same items in both, and works from file:// (no fetch). */

/* {rules, aliases, items: [[id, [[bit, text, extra atoms], …]], …]} → an in-memory index of the items. */
function memoryIndex(block) {
  useRules(block.rules);
  const masks = new Map();  // atom → Map(page → mask)
  block.items.forEach(([, fields], page) => {
    for (const [bit, text, extra] of fields) {
      for (const atom of [...indexAtoms(text), ...extra]) {
        if (!masks.has(atom)) masks.set(atom, new Map());
        const byPage = masks.get(atom);
        byPage.set(page, (byPage.get(page) || 0) | (1 << bit));
      }
    }
  });
  const shard = {};  // one shard, encoded as the index's: [page delta, mask, …]
  for (const [atom, byPage] of masks) {
    let previous = 0;
    shard[atom] = [...byPage].flatMap(([page, mask]) => { const delta = page - previous; previous = page; return [delta, mask]; });
  }
  return { ids: block.items.map(([id]) => id), aliases: aliasMap(block.aliases), meta: { items: block.items.length, pages: block.items.length, terms: [""] }, shard };
}

/* The ids of the items holding every clause of a query, or null when the query has none (all items). */
function filterItems(index, query) {
  const clauses = parse(query, index.aliases);
  if (!clauses.length) return null;
  const hit = (spec) => lookUp(spec, [index.shard]);
  const matches = clauses.map((clause) => match(clause, index.meta, hit));
  return new Set(index.ids.filter((_, page) => matches.every((byPage) => byPage.has(page))));
}

/* ------------------------------------------------------------------ ranking */

/* How much a match in a field counts (pages/search_fields.py's weights): an item's name, its number, bodies, areas, topics
 * (by bit), its text; a page's title, its text. */
function weight(bit, isItem) {
  const w = R.weights;
  return isItem ? (bit < w.item.length ? w.item[bit] : w.text) : (bit === 0 ? w.pageTitle : w.pageText);
}

/* The set bits of a mask, lowest first, and how many there are (masks are 31-bit). */
function bits(mask) {
  const found = [];
  for (let rest = mask; rest; rest &= rest - 1) found.push(31 - Math.clz32(rest & -rest));
  return found;
}
function count(mask) {
  let found = 0;
  for (let rest = mask; rest; rest &= rest - 1) found += 1;
  return found;
}

/* The weight of the best field in a mask: an item's fields by weight, strongest first (see useRules). */
function best(mask, isItem) {
  if (!isItem) return mask & 1 ? R.weights.pageTitle : R.weights.pageText;
  return R.itemOrder.find(({ fields }) => mask & fields).value;
}

function fieldScore(mask, isItem) {
  return best(mask, isItem) * (1 + 0.1 * Math.min(count(mask) - 1, 5));
}

function rank(clauses, matches, meta) {
  const pages = new Map();
  matches.forEach((byPage, c) => {
    const rarity = Math.log(1 + meta.pages / Math.max(byPage.size, 1));
    for (const [page, { mask, whole, strength, direct }] of byPage) {
      const isItem = page < meta.items;
      const entry = pages.get(page) || { page, isItem, masks: new Array(clauses.length).fill(0), strengths: [], score: 0, matched: 0, via: [] };
      if (!direct && clauses[c].via) entry.via.push(clauses[c].via);
      entry.masks[c] = mask;
      entry.strengths.push(strength);
      entry.matched += 1;
      entry.score += rarity * fieldScore(mask, isItem) * (whole ? 1.2 : 1);
      pages.set(page, entry);
    }
  });
  const most = Math.max(0, ...[...pages.values()].map((entry) => entry.matched));
  const shown = [...pages.values()].filter((entry) => entry.matched === most);
  for (const entry of shown) {
    const together = entry.masks.reduce((a, b) => a & b, -1 >>> 1);
    if (clauses.length > 1 && together) entry.score *= 1.3;  // all clauses in one field
    entry.fields = entry.masks.reduce((a, b) => a | b, 0);
    entry.fieldCount = count(entry.fields);
    // Where the weakest clause occurs: a page with every word in its name comes before
    // one with a word only among its bodies or areas, however often the others occur.
    entry.weakest = Math.min(...entry.strengths);
  }
  return shown.sort((a, b) => b.weakest - a.weakest || b.score - a.score || b.fieldCount - a.fieldCount || a.page - b.page);
}

/* ------------------------------------------------------------------ results */

const FIRST_RESULTS = 10;  // results shown with their text (the theme shows ten, then more on scrolling)
// An item page's field bits come with the rules (pages/search_fields.py): its bodies', areas' and topics' sections
// (R.sections, bit → anchor), intro paragraphs from R.introBit, and measure K at R.measureBit + K.

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" };
const escapeHtml = (char) => ENTITIES[char] || char;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/* Patterns of what the query found: Latin words from a word start (apostrophes allowed inside), Chinese anywhere. */
function patterns(clauses) {
  const found = [];
  for (const clause of clauses) {
    const texts = [...(clause.label ? clause.label.split(" ") : []), ...clause.names.map((name) => fold(name))];
    for (const text of texts) {
      for (const run of runs(text)) {
        const body = [...run].map(escapeRegExp).join(isChinese(run) ? "" : "'?");
        found.push(new RegExp(isChinese(run) ? body : `(?<![a-z0-9'])${body}`, "g"));
      }
    }
  }
  return found;
}

/* Text as HTML with the matches in <mark>. */
function highlight(text, found) {
  const folded = fold(text);
  const ranges = [];
  for (const pattern of found) {
    pattern.lastIndex = 0;
    let hit;
    while ((hit = pattern.exec(folded))) {
      if (hit[0].length) ranges.push([hit.index, hit.index + hit[0].length]);
      else pattern.lastIndex += 1;
    }
  }
  const escape = (part) => part.replace(/[&<>"]/g, escapeHtml);
  if (!ranges.length) return escape(text);
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "", at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;  // within a mark already made
    const from = Math.max(start, at);
    if (from > at || !out.endsWith("</mark>")) out += escape(text.slice(at, from)) + "<mark>";
    else out = out.slice(0, -"</mark>".length);  // touches the previous mark: one mark
    out += escape(text.slice(from, end)) + "</mark>";
    at = end;
  }
  return out + escape(text.slice(at));
}

/* One result: the page, then the fields that hold the query (in the theme's shape). */
function group(entry, context) {
  const { meta, titles, fragments, found, terms } = context;
  const [location, title] = titles.get(entry.page);
  const fields = new Map((fragments.get(entry.page) || []).map((row) => [row[0], row]));
  const paragraph = (text) => (text ? `<p>${highlight(text, found)}</p>` : "");
  const { introBit, measureBit, sections: itemSections } = R;
  const lead = fields.get(entry.isItem ? introBit : 1) || fields.get(measureBit + 1);
  // Found through a related body's name or a generic word: say why, under the title (the theme
  // hides a result's first text when sections of the page matched, never its title).
  const why = entry.via.map((text) => `<span class="ftz-via">${meta.labels.via}${text.replace(/[&<>"]/g, escapeHtml)}</span>`).join("");
  const head = { location, title: highlight(title, found) + why, text: paragraph(lead && lead[3]), score: entry.score, terms };
  const strongest = best(entry.fields, entry.isItem);
  const sections = [];
  for (const bit of bits(entry.fields)) {
    if (bit <= 1 || (!fragments.has(entry.page) && entry.isItem && bit <= measureBit)) continue;  // past the first results: measures only
    const row = fields.get(bit);
    let anchor = row && row[1], heading = row && row[2];
    if (entry.isItem && bit > measureBit && !row) [anchor, heading] = [`#measure-${bit - measureBit}`, meta.labels.measure.replace("{k}", bit - measureBit)];
    if (entry.isItem && itemSections[bit] && !row) [anchor, heading] = [itemSections[bit], meta.labels[itemSections[bit].slice(1)]];
    if (!anchor) continue;
    const score = weight(bit, entry.isItem) === strongest ? entry.score : entry.score / 2;
    sections.push({ location: location + anchor, title: highlight(heading, found), text: paragraph(row && row[3]), score, terms });
  }
  return [head, ...sections.sort((a, b) => b.score - a.score)];
}

async function search(store, query) {
  const meta = await store.meta();
  const clauses = parse(query, meta.aliases);
  if (!clauses.length) return { items: [] };
  const matches = await matchAll(clauses, meta, store);
  const ranked = rank(clauses, matches, meta);
  const tables = [...new Set(ranked.map((entry) => Math.floor(entry.page / meta.pageShard)))];
  const first = ranked.slice(0, FIRST_RESULTS).map((entry) => entry.page);
  const [tableRows, fragmentRows] = await Promise.all([
    Promise.all(tables.map((n) => store.load(`p/${n}.json`))),
    Promise.all(first.map((page) => store.load(`f/${page}.json`))),
  ]);
  const titles = new Map();
  tables.forEach((n, t) => tableRows[t].forEach((row, i) => titles.set(n * meta.pageShard + i, row)));
  const fragments = new Map(first.map((page, i) => [page, fragmentRows[i]]));
  const terms = {};
  clauses.forEach((clause, c) => {
    if (!clause.label) return;
    const found = ranked.some((entry) => entry.masks[c]);
    terms[clause.label] = found;
    for (const name of clause.names) terms[name] = found;
  });
  const context = { meta, titles, fragments, found: patterns(clauses), terms };
  return { items: ranked.map((entry) => group(entry, context)) };
}

/* ------------------------------------------------------------------ exports */

/* The worker (importScripts) and the list's page (a classic script) find it on self; Node's tests require it. */
const ftzSearch = { useRules, fold, runs, queryAtoms, indexAtoms, toNumber, parse, aliasMap, openStore, search, memoryIndex, filterItems, weight, best, highlight, patterns };
if (typeof self !== "undefined") self.ftzSearch = ftzSearch;
if (typeof module !== "undefined") module.exports = ftzSearch;
})();
