/* The list filter's pure part, alone (node --test; started by `npm test`). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const State = require("../../docs/assets/javascripts/filter-state.js");

const known = { zone: new Set(["airport", "dongjiang", "ftz-wide"]), agency: new Set(["tianjin-customs", "pboc"]), topic: new Set(["finance"]) };
const rows = [
  { id: "a", zone: ["airport"], agency: ["tianjin-customs"], topic: ["finance"] },
  { id: "b", zone: ["dongjiang"], agency: ["pboc"], topic: [] },
  { id: "c", zone: ["ftz-wide"], agency: ["tianjin-customs", "pboc"], topic: ["finance"] },
];
const noWords = () => null;

test("the URL gives the state: repeated values once, unknown values dropped", () => {
  assert.deepEqual(State.fromQuery("?zone=airport&zone=airport&zone=moon&agency=pboc&q=%E6%B5%B7%E5%85%B3", known),
    { q: "海关", zone: ["airport"], agency: ["pboc"], topic: [] });
  assert.deepEqual(State.fromQuery("", known), State.empty());
});

test("the state gives the URL, and back", () => {
  const state = { q: " customs ", zone: ["airport", "dongjiang"], agency: [], topic: ["finance"] };
  const query = State.toQuery(state);
  assert.equal(query, "?zone=airport&zone=dongjiang&topic=finance&q=customs");
  assert.deepEqual(State.fromQuery(query, known), { ...state, q: "customs" });
  assert.equal(State.toQuery(State.empty()), "");
});

test("a facet given twice means either value; different facets must all hold", () => {
  assert.deepEqual(State.visible(rows, State.empty(), noWords), ["a", "b", "c"]);
  assert.deepEqual(State.visible(rows, { ...State.empty(), zone: ["airport", "dongjiang"] }, noWords), ["a", "b"]);
  assert.deepEqual(State.visible(rows, { ...State.empty(), zone: ["airport", "ftz-wide"], agency: ["pboc"] }, noWords), ["c"]);
  assert.deepEqual(State.visible(rows, { ...State.empty(), topic: ["finance"], agency: ["pboc"] }, noWords), ["c"]);
});

test("words narrow the rows to those the matcher finds", () => {
  const byWords = (q) => (q === "x" ? new Set(["b", "c"]) : null);
  assert.deepEqual(State.visible(rows, { ...State.empty(), q: "x" }, byWords), ["b", "c"]);
  assert.deepEqual(State.visible(rows, { ...State.empty(), q: "x", zone: ["airport"] }, byWords), []);
  assert.equal(State.isFiltered({ ...State.empty(), q: "  " }), false);
  assert.equal(State.isFiltered({ ...State.empty(), topic: ["finance"] }), true);
});
