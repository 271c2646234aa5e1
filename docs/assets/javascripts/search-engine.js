/*
 * Site search, loaded by the search worker (search-worker.js) when the reader
 * first types: it answers a query with results in the theme's shape (so the
 * theme's result list and highlighting stay), over the site's own sharded
 * index (scripts/ftzsite/search.py).
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
 * - Only what a query needs is fetched: the index's metadata, the shards of
 *   its atoms, the titles of the pages found and the text of the first
 *   results.  An offline copy passes the whole index inline.
 */
"use strict";

/* ------------------------------------------------------------------ text
 * The same rules as scripts/ftzsite/search_text.py (tests compare them). */

const CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const RUN = new RegExp(`[a-z0-9]+|[${CHINESE}]+`, "g");

/* Width and case folding that keeps every character's position. */
function fold(text) {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    let folded = char;
    if (code >= 0xff01 && code <= 0xff5e) folded = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) folded = " ";
    else if (code === 0x2018 || code === 0x2019) folded = "'";
    const lower = folded.toLowerCase();
    out += lower.length === folded.length ? lower : folded;
  }
  return out;
}

const runs = (text) => fold(text).replace(/'/g, "").match(RUN) || [];
const isChinese = (run) => run.charCodeAt(0) > 127;

/* The atoms a query run looks up: a Latin word, a character, or every pair of adjacent characters of a Chinese run. */
function queryAtoms(run) {
  if (!isChinese(run) || run.length === 1) return [run];
  return Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2));
}

/* ------------------------------------------------------------------ queries */

const NUMERALS = "〇一二三四五六七八九";
function toNumber(text) {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0, digit = 0;
  for (const char of text) {
    if (char === "百") { total += (digit || 1) * 100; digit = 0; }
    else if (char === "十") { total += (digit || 1) * 10; digit = 0; }
    else digit = NUMERALS.indexOf(char);
  }
  return total + digit;
}

const NUMBER = "([0-9〇一二三四五六七八九十百]+)";
const REFERENCES = [
  [new RegExp(`第\\s*${NUMBER}\\s*项`, "g"), "item"],
  [new RegExp(`第\\s*${NUMBER}\\s*条`, "g"), "measure"],
  [/\bitem\s*(?:no\.?\s*)?(\d+)\b/gi, "item"],
  [/(?:\bmeasure\s*(?:no\.?\s*)?|#measure-)(\d+)\b/gi, "measure"],
];

/* A clause holds alternatives; an alternative, groups that must all occur in the page; a group,
 * atoms that must occur in one field (the pairs of a Chinese word, the words of a name). */
const fieldGroup = (words, prefix) => words.flatMap((word) => queryAtoms(word).map((atom) => ({ atom, prefix: prefix && !isChinese(atom) && atom.length >= 3 })));
const anywhere = (words) => words.map((word) => fieldGroup([word], true));  // each word in the page, as typed words are
const together = (words) => [fieldGroup(words, true)];                      // a name, in one field

function parse(query, aliases) {
  let text = query;
  const clauses = [];
  for (const [pattern, kind] of REFERENCES) {
    text = text.replace(pattern, (_, number) => {
      const atom = `#${kind[0]}${toNumber(number)}`;
      clauses.push({ label: null, names: [], via: null, alternatives: [[[{ atom, prefix: false }]]] });
      return " ";
    });
  }
  if (clauses.length) text = text.replace(/\b(?:of|in|and)\b/gi, " ");
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
    // alias table rows: [folded words, names they stand for, why they find them (or null)]
    meta: () => meta || (meta = load("meta.json").then((value) => ({ ...value, aliases: new Map(value.aliases.map(([key, names, via]) => [key, [names, via]])) }))),
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

/* page → mask of fields holding the atom (or, for a prefix, any word it begins), and where it is a whole word. */
async function lookUp({ atom, prefix }, meta, store) {
  const first = shardOf(atom, meta.terms);
  const last = prefix ? shardOf(atom + "\uffff", meta.terms) : first;
  const shards = await Promise.all(Array.from({ length: last - first + 1 }, (_, n) => store.load(`t/${first + n}.json`)));
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

/* page → {mask, whole} of the fields where a group's atoms occur together. */
async function matchGroup(atoms, meta, store) {
  const [firstHit, ...others] = await Promise.all(atoms.map((spec) => lookUp(spec, meta, store)));
  const result = new Map();
  for (const [page, mask] of firstHit.found) {
    let common = mask, whole = firstHit.whole.get(page) || 0;
    for (const hit of others) {
      common &= hit.found.get(page) || 0;
      whole &= hit.whole.get(page) || 0;
    }
    if (common) result.set(page, { mask: common, whole: whole & common });
  }
  return result;
}


/* page → {mask, whole, strength, direct} of the fields where the clause occurs: any alternative, all of its
 * groups in the page; its strength is that of its weakest group's best field; direct when the words as
 * typed occur (the first alternative), not only a name they stand for. */
async function match(clause, meta, store) {
  const result = new Map();
  const alternatives = await Promise.all(clause.alternatives.map((groups) => Promise.all(groups.map((atoms) => matchGroup(atoms, meta, store)))));
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

/* ------------------------------------------------------------------ ranking */

/* How much a match in a field counts: an item's name, its number, its text, bodies, topics, areas; a page's title, its text. */
const ITEM_WEIGHTS = [100, 80, 4, 2, 3];
const TEXT_WEIGHT = 10, PAGE_TITLE = 100, PAGE_TEXT = 5;
const weight = (bit, isItem) => (isItem ? (bit < ITEM_WEIGHTS.length ? ITEM_WEIGHTS[bit] : TEXT_WEIGHT) : (bit === 0 ? PAGE_TITLE : PAGE_TEXT));

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

/* The weight of the best field in a mask: an item's fields by weight, strongest first (text is bit 5 and up). */
const ITEM_ORDER = [...ITEM_WEIGHTS.map((value, bit) => ({ fields: 1 << bit, value })), { fields: ~((1 << ITEM_WEIGHTS.length) - 1), value: TEXT_WEIGHT }]
  .sort((a, b) => b.value - a.value);
function best(mask, isItem) {
  if (!isItem) return mask & 1 ? PAGE_TITLE : PAGE_TEXT;
  return ITEM_ORDER.find(({ fields }) => mask & fields).value;
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
// An item page's field bits (scripts/ftzsite/search.py): 2–4 bodies, areas and topics, intro paragraphs
// from INTRO_BIT, and measure K at MEASURE_BIT + K.
const ITEM_SECTIONS = { 2: "#agencies", 3: "#areas", 4: "#topics" };
const INTRO_BIT = 5, MEASURE_BIT = 9;

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
  const lead = fields.get(entry.isItem ? INTRO_BIT : 1) || fields.get(MEASURE_BIT + 1);
  // Found through a related body's name or a generic word: say why, under the title (the theme
  // hides a result's first text when sections of the page matched, never its title).
  const why = entry.via.map((text) => `<span class="ftz-via">${meta.labels.via}${text.replace(/[&<>"]/g, escapeHtml)}</span>`).join("");
  const head = { location, title: highlight(title, found) + why, text: paragraph(lead && lead[3]), score: entry.score, terms };
  const strongest = best(entry.fields, entry.isItem);
  const sections = [];
  for (const bit of bits(entry.fields)) {
    if (bit <= 1 || (!fragments.has(entry.page) && entry.isItem && bit <= MEASURE_BIT)) continue;  // past the first results: measures only
    const row = fields.get(bit);
    let anchor = row && row[1], heading = row && row[2];
    if (entry.isItem && bit > MEASURE_BIT && !row) [anchor, heading] = [`#measure-${bit - MEASURE_BIT}`, meta.labels.measure.replace("{k}", bit - MEASURE_BIT)];
    if (entry.isItem && ITEM_SECTIONS[bit] && !row) [anchor, heading] = [ITEM_SECTIONS[bit], meta.labels[ITEM_SECTIONS[bit].slice(1)]];
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
  const matches = await Promise.all(clauses.map((clause) => match(clause, meta, store)));
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

if (typeof self !== "undefined") self.ftzSearch = { openStore, search };
/* For the parity tests with scripts/ftzsite/search_text.py and search.py (run in Node). */
if (typeof module !== "undefined") module.exports = { fold, runs, queryAtoms, parse, toNumber, highlight, INTRO_BIT, MEASURE_BIT };
