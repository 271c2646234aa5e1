/*
 * Site search worker: a drop-in for the theme's search worker (its messages
 * and result shape, so the theme's search box and result list stay).
 *
 * The theme starts this worker with every page and sends it an empty query
 * at once.  So that a page's first load stays small whatever the size of the
 * list, the search itself (search-engine.js) and the index are loaded only
 * when the reader types.
 *
 * Messages: {type: 0, data: {config, docs}} → {type: 1};
 *           {type: 2, data: query} → {type: 3, data: {items: [[doc, ...], ...]}}.
 */
"use strict";

// This script's address; in the offline copy, the iframe-worker shim runs it as a page's script.
const HERE = (self.document && self.document.currentScript && self.document.currentScript.src) || self.location.href;
let setup = null;  // the theme's configuration and index (whole, in the offline copy)
let store = null;  // the index, opened at the first search
let latest = 0;    // the newest query: answers to older ones are dropped
let waiting = null; // a query typed before the theme's configuration came: answered when it comes

function search(query) {
  const ticket = ++latest;
  const answer = (data) => ticket === latest && self.postMessage({ type: 3, data });
  if (!query.trim()) return answer({ items: [] });
  // On a slow machine a reader can type before the theme has fetched its configuration:
  // "no results" then would be wrong, so the query waits for it.
  if (!setup) return void (waiting = query);
  // importScripts loads at once in a worker; the shim's returns a promise.
  Promise.resolve(self.ftzSearch || importScripts(new URL("search-engine.js", HERE).href)).then(() => {
    store = store || self.ftzSearch.openStore(setup.config, setup.docs, new URL("../../", HERE));
    return self.ftzSearch.search(store, query);
  }).then(answer, (error) => {
    console.error("search:", error);
    answer({ items: [] });
  });
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === 0) {
    setup = message.data;
    store = null;
    self.postMessage({ type: 1 });
    if (waiting !== null) search(waiting);
    waiting = null;
  } else if (message.type === 2) {
    search(String(message.data));
  }
});
