/* The search worker's messages, alone (node --test; started by `npm test`): the worker runs in a sandbox
   whose `self` records what it posts, with a stand-in engine (the engine has its own tests). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const WORKER = fs.readFileSync(path.join(__dirname, "../../docs/assets/javascripts/search-worker.js"), "utf-8");

function startWorker() {
  const posted = [];
  let onMessage = null;
  const self = {
    location: { href: "https://example.org/assets/javascripts/search-worker.js" },
    addEventListener: (type, handler) => { onMessage = handler; },
    postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),  // as a real worker copies it (and into this realm)
    ftzSearch: { openStore: (config) => ({ config }), search: (store, query) => ({ items: [[{ location: `found ${query}` }]] }) },
  };
  vm.runInNewContext(WORKER, { self, URL, Promise, console });
  const send = async (message) => { onMessage({ data: message }); await new Promise((resolve) => setImmediate(resolve)); };
  return { posted, send };
}

const SETUP = { type: 0, data: { config: { lang: ["en"] }, docs: [] } };

test("the theme's empty query is answered at once, with nothing loaded", async () => {
  const worker = startWorker();
  await worker.send(SETUP);
  await worker.send({ type: 2, data: "" });
  assert.deepEqual(worker.posted, [{ type: 1 }, { type: 3, data: { items: [] } }]);
});

test("a query typed before the theme's configuration is answered when it comes, not with 'no results'", async () => {
  const worker = startWorker();
  await worker.send({ type: 2, data: "customs" });
  assert.deepEqual(worker.posted, []);
  await worker.send(SETUP);
  assert.deepEqual(worker.posted, [{ type: 1 }, { type: 3, data: { items: [[{ location: "found customs" }]] } }]);
});

test("only the newest of the queries typed before the configuration is answered", async () => {
  const worker = startWorker();
  await worker.send({ type: 2, data: "cust" });
  await worker.send({ type: 2, data: "customs" });
  await worker.send(SETUP);
  assert.deepEqual(worker.posted.slice(1), [{ type: 3, data: { items: [[{ location: "found customs" }]] } }]);
});
