/*
 * The build's contract for the Node tests: the rules and an item filter block,
 * asked from the Python that writes them (scripts/ftzsite), never copied here.
 * PYTHON names the interpreter (pytest passes its own); else the project's .venv, else python3.
 */
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
const PYTHON = process.env.PYTHON || [path.join(ROOT, ".venv/bin/python")].find(fs.existsSync) || "python3";

/* Run a Python expression with the project's modules importable, and parse what it prints as JSON. */
function python(expression) {
  const code = `import json, sys\nsys.path.insert(0, "scripts")\n${expression.imports || ""}\nprint(json.dumps(${expression.value}, ensure_ascii=False))`;
  return JSON.parse(execFileSync(PYTHON, ["-c", code], { cwd: ROOT, encoding: "utf-8", maxBuffer: 64 << 20 }));
}

let cached = null;
/* {rules, blocks: {zh, en}}: search_fields.contract() and the filter's block of each language. */
function contract() {
  if (!cached) {
    cached = python({
      imports: "from ftzsite.pages import filters, search_fields\nfrom ftzsite.data.load import load_dataset\ndata = load_dataset()",
      value: '{"rules": search_fields.contract(), "blocks": {lang: filters.filter_data(data, lang) for lang in ("zh", "en")}}',
    });
  }
  return cached;
}

module.exports = { contract, python, ROOT };
