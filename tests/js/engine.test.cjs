/* The search engine's pure parts, alone (node --test; started by `npm test`). The rules come from Python. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const engine = require("../../docs/assets/javascripts/search-engine.js");
const { contract } = require("./contract.cjs");

const rules = () => engine.useRules(contract().rules);

test("folding follows the build's table: full-width, the ideographic space, curly apostrophes, case", () => {
  rules();
  assert.equal(engine.fold("ＡＯＧ\u3000People’s"), "aog people's");
  assert.equal(engine.fold("İ").length, 1);  // a lower case that would change the length is left alone
});

test("runs and atoms: Latin words, runs of Chinese, pairs of characters", () => {
  rules();
  assert.deepEqual(engine.runs("天津海关 People’s Bank, 300余家"), ["天津海关", "peoples", "bank", "300", "余家"]);
  assert.deepEqual(engine.queryAtoms("市场监管"), ["市场", "场监", "监管"]);
  assert.deepEqual([...engine.indexAtoms("海关 AOG")].sort(), ["aog", "关", "海", "海关"]);
});

test("numbers of references: Arabic and Chinese numerals", () => {
  rules();
  assert.deepEqual(["14", "十四", "十", "二十", "一百〇二", "三"].map(engine.toNumber), [14, 14, 10, 20, 102, 3]);
});

test("parse: references, aliases and words become clauses", () => {
  rules();
  const atoms = (q, aliases = new Map()) => engine.parse(q, aliases).map((c) => c.alternatives[0].flat().map((s) => s.atom).join("+"));
  assert.deepEqual(atoms("第十四项第3条"), ["#i14", "#m3"]);
  assert.deepEqual(atoms("measure 3 of item 14"), ["#i14", "#m3"]);  // "of" is dropped once a reference is found
  assert.deepEqual(atoms("imports of goods"), ["imports", "of", "goods"]);
  const clauses = engine.parse("人行 审批", new Map([["人行", [["中国人民银行天津分行"], "via"]]]));
  assert.equal(clauses.length, 2);
  assert.deepEqual(clauses[0].names, ["中国人民银行天津分行"]);
  assert.equal(clauses[0].via, "via");
  // a Latin word is a prefix from prefixMin letters on, a whole word below it
  const spec = (q) => engine.parse(q, new Map())[0].alternatives[0][0][0];
  assert.equal(spec("imp").prefix, true);
  assert.equal(spec("im").prefix, false);
});

test("weights and best fields are the contract's, not the engine's own", () => {
  const given = contract().rules;
  rules();
  assert.deepEqual(given.weights.item.map((_, bit) => engine.weight(bit, true)), given.weights.item);
  assert.equal(engine.weight(given.fields.measureBit + 1, true), given.weights.text);
  assert.equal(engine.weight(0, false), given.weights.pageTitle);
  // Change the contract and the engine follows: it holds no copy of the numbers.
  const changed = structuredClone(given);
  changed.weights.item[2] = 999;
  engine.useRules(changed);
  assert.equal(engine.weight(2, true), 999);
  assert.equal(engine.best(1 << 2 | 1 << 0, true), 999);
  rules();
});

test("highlight marks Latin words from a word start and Chinese anywhere, escaping the rest", () => {
  rules();
  const found = engine.patterns(engine.parse("customs 海关", new Map()));
  assert.equal(engine.highlight("Tianjin Customs <b> 天津海关", found), "Tianjin <mark>Customs</mark> &lt;b&gt; 天津<mark>海关</mark>");
  assert.equal(engine.highlight("ecustoms", engine.patterns(engine.parse("customs", new Map()))), "ecustoms");
});

test("the filter's index finds items by words, aliases and references, and requires every clause", () => {
  for (const lang of ["zh", "en"]) {
    const index = engine.memoryIndex(contract().blocks[lang]);
    const find = (q) => [...engine.filterItems(index, q)].sort();
    assert.deepEqual(find("人行"), ["2021-14", "2021-16"]);
    assert.deepEqual(find("第14项"), ["2021-14"]);
    assert.deepEqual(find("item 14"), ["2021-14"]);
    assert.deepEqual(find("measure 3 of item 14"), ["2021-14"]);
    assert.ok(find("第3条").length > 1);
    assert.deepEqual(find("人行 第16项"), ["2021-16"]);  // both clauses
    assert.deepEqual(find("关海"), []);                  // pairs in order, not characters anywhere
    assert.equal(engine.filterItems(index, " ，"), null); // no clause: every item
  }
});
