/*
 * Site search worker: a drop-in for the theme's search worker (same messages,
 * same result shape, so the theme's search box and result list are unchanged).
 *
 * Why not the theme's lunr worker: it cuts a Chinese query into words of the
 * index and drops the query's last character when the rest is a word (保税
 * becomes 保*), matches each word as a prefix (海关 misses 天津海关), and joins
 * query words with OR, so partial matches crowd out full ones.  This worker:
 *
 * - matches a Chinese term as a substring, so every part of a name is found
 *   without a segmenter; Latin words and numbers as word prefixes (import
 *   finds imported, 1 finds 1 before 10);
 * - requires every query word to occur in a page (title, text or keywords);
 *   only if no page has them all does it show pages with some, marking the
 *   missing words;
 * - ranks pages by where the words occur: page title, then keywords (an item's
 *   number), then section titles, then text; exact words before prefixes.
 *
 * Messages: {type: 0, data: {config, docs}} → {type: 1};
 *           {type: 2, data: query} → {type: 3, data: {items: [[doc, ...], ...]}}.
 * The theme loads the index with every page; so that this stays small, the
 * entries live in a file of their own (config.docs, beside the index), which
 * is fetched when the reader first types a query (scripts/ftzsite/search.py);
 * its path in config.docs is relative to the site root.  Without config.docs
 * (the copy opened from disk), the entries come inline in the setup message.
 */
"use strict";

const SEPARATOR = /[\s\u200b\u3000,，、。.．;；:：!！?？“”"‘()（）《》〔〕\[\]【】{}<>+\-–—/|·]+/;
const WEIGHT = { pageTitle: 12, keywords: 10, sectionTitle: 4, text: 1 };

let pages = [];

/* Case and width folding that keeps every character's position. */
function fold(text) {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (char === "\u3000") out += " ";
    else if (char === "\u2019") out += "'";
    else out += char.toLowerCase();
  }
  return out;
}

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
const decode = (text) => text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);
const encode = (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[char] || char;
const plain = (html) => decode(html.replace(/<[^>]+>/g, " ").replace(/\u200b/g, ""));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isLatinWord = (term) => /^[a-z0-9']+$/.test(term);

/* A matcher per query term: Latin words at a word start, anything else anywhere. */
function matcher(term) {
  return new RegExp((isLatinWord(term) ? "(?<![a-z0-9'])" : "") + escape(term), "g");
}

function terms(query) {
  return [...new Set(fold(query).split(SEPARATOR).filter(Boolean))];
}

/* How well one field matches one term: 0, or more for more and for whole words. */
function fieldScore(folded, term, pattern) {
  pattern.lastIndex = 0;
  let count = 0, whole = false, match;
  while ((match = pattern.exec(folded))) {
    count += 1;
    const after = folded.charAt(match.index + term.length);
    if (!/[a-z0-9']/.test(after)) whole = true;
  }
  return count ? (1 + Math.log(count)) * (whole ? 1.5 : 1) : 0;
}

function setup(docs) {
  const byPage = new Map();
  for (const doc of docs) {
    const page = doc.location.split("#")[0];
    const entry = {
      doc,
      isPage: !doc.location.includes("#"),
      title: fold(plain(doc.title)),
      text: fold(plain(doc.text)),
      keywords: fold((doc.keywords || []).join(" ")),
    };
    if (!byPage.has(page)) byPage.set(page, []);
    byPage.get(page).push(entry);
  }
  pages = [...byPage.entries()].map(([location, entries]) => ({ location, entries }));
}

function scoreEntry(entry, term, pattern) {
  const title = fieldScore(entry.title, term, pattern) * (entry.isPage ? WEIGHT.pageTitle : WEIGHT.sectionTitle);
  return title + fieldScore(entry.keywords, term, pattern) * WEIGHT.keywords + fieldScore(entry.text, term, pattern) * WEIGHT.text;
}

/* Wrap matches of the terms in <mark>, in the text between HTML tags (entities decoded, then encoded again). */
function highlight(html, patterns) {
  return html.replace(/\u200b/g, "").split(/(<[^>]+>)/).map((segment) => {
    if (segment.startsWith("<")) return segment;
    const part = decode(segment);
    const folded = fold(part);
    const marks = new Array(part.length).fill(false);
    for (const { term, pattern } of patterns) {
      pattern.lastIndex = 0;
      let match;
      while ((match = pattern.exec(folded))) marks.fill(true, match.index, match.index + term.length);
    }
    let out = "";
    for (let i = 0; i < part.length; i++) {
      if (marks[i] && !marks[i - 1]) out += "<mark>";
      out += encode(part[i]);
      if (marks[i] && !marks[i + 1]) out += "</mark>";
    }
    return out;
  }).join("");
}

function search(query) {
  const wanted = terms(query).map((term) => ({ term, pattern: matcher(term) }));
  if (!wanted.length) return { items: [] };
  const scored = pages.map((page) => {
    const entryScores = page.entries.map((entry) => wanted.map(({ term, pattern }) => scoreEntry(entry, term, pattern)));
    const found = wanted.map((_, t) => entryScores.some((scores) => scores[t] > 0));
    const score = wanted.reduce((sum, _, t) => sum + Math.max(...entryScores.map((scores) => scores[t])), 0);
    return { page, entryScores, found, matched: found.filter(Boolean).length, score };
  }).filter((result) => result.matched > 0);
  const complete = scored.filter((result) => result.matched === wanted.length);
  const shown = (complete.length ? complete : scored)
    .sort((a, b) => b.matched - a.matched || b.score - a.score || a.page.location.localeCompare(b.page.location));
  return { items: shown.map((result) => group(result, wanted)) };
}

/* One result: the page first (with the page's score), then its matching sections. */
function group({ page, entryScores, found, score }, wanted) {
  const termsFound = Object.fromEntries(wanted.map(({ term }, t) => [term, found[t]]));
  const render = (entry, entryScore) => ({
    ...entry.doc,
    title: highlight(entry.doc.title, wanted),
    text: highlight(entry.doc.text, wanted),
    score: entryScore,
    terms: termsFound,
  });
  const docs = page.entries.map((entry, e) => ({ entry, own: entryScores[e].reduce((a, b) => a + b, 0) }));
  const head = docs.find(({ entry }) => entry.isPage) || docs[0];
  const sections = docs.filter((d) => d !== head && d.own > 0).sort((a, b) => b.own - a.own);
  return [render(head.entry, score), ...sections.map(({ entry, own }) => render(entry, Math.min(own, score - 1e-6)))];
}

/* The site root: this worker is at <root>assets/javascripts/search-worker.js. */
const SITE_ROOT = new URL("../../", self.location.href);
let source = null;   // where the entries come from: inline, or a file
let entries = null;  // a promise of the set-up entries

function loadEntries() {
  if (!entries) {
    entries = source.url
      ? fetch(source.url).then((response) => response.json()).then(setup)
      : Promise.resolve(setup(source.docs));
  }
  return entries;
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === 0) {
    const { config, docs } = message.data;
    source = { docs, url: config.docs && new URL(config.docs, SITE_ROOT) };
    entries = null;
    self.postMessage({ type: 1 });
  } else if (message.type === 2) {
    // The theme sends the current query as soon as the worker is ready, usually
    // empty: that needs no entries, so they are loaded only once a word is typed
    // (once loading, answers keep the order of the queries).
    if (!entries && !terms(message.data).length) self.postMessage({ type: 3, data: { items: [] } });
    else loadEntries().then(() => self.postMessage({ type: 3, data: search(message.data) }));
  }
});
