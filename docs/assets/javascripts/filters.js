/*
 * Filters, sorting and a shareable address for the list of items on /reforms/.
 *
 * Progressive enhancement: without JavaScript the form stays hidden and the
 * table shows every item.  The state lives in the URL, so a filtered view can
 * be shared and back/forward work:
 *
 *   ?zone=<area slug or ftz-wide>&agency=<body slug>&topic=<topic slug>&q=<text>
 *
 * A facet given twice means either value (OR); different facets must all
 * hold (AND).  Free text matches like the site search (search-engine.js):
 * the query is folded and cut into terms; a Latin term must start a word,
 * any other term (Chinese) may occur anywhere; every term must occur in what
 * a reader sees of the item.  The page carries each item's words in a JSON
 * block (scripts/ftzsite/filters.py), so this also works from file://.
 *
 * Markup: a root [data-ftz-filter] holding the form, the table, an empty-result
 * note and the JSON block.  Interface texts come from the form's data-* attributes.
 * Only /reforms/ loads this file, deferred: it runs after the theme's script.
 */
(function () {
  "use strict";

  const FACETS = ["zone", "agency", "topic"];
  // Where a query is cut into terms, and its folding (full-width to half-width, lower case: ＡＯＧ finds AOG),
  // as the site search folds (search-engine.js), so that the filter finds what search finds.
  const SEPARATOR = /[\s\u200b\u3000,，、。.．;；:：!！?？“”"‘()（）《》〔〕\[\]【】{}<>+\-–—/|·]+/;

  function fold(text) {
    let out = "";
    for (const char of text) {
      const code = char.charCodeAt(0);
      if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0).toLowerCase();
      else if (char === "\u3000") out += " ";
      else if (char === "\u2019") out += "'";
      else out += char.toLowerCase();
    }
    return out;
  }

  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const isLatinWord = (term) => /^[a-z0-9']+$/.test(term);
  const matcher = (term) => new RegExp((isLatinWord(term) ? "(?<![a-z0-9'])" : "") + escape(term));
  const terms = (query) => [...new Set(fold(query).split(SEPARATOR).filter(Boolean))];
  const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  function setup(root) {
    const form = root.querySelector("form");
    const table = root.querySelector("table");
    const rows = Array.from(table.tBodies[0].rows);
    const words = JSON.parse(root.querySelector("script[type='application/json']").textContent);
    const text = new Map(rows.map((row) => [row, fold(words[row.dataset.item] || "")]));
    const input = form.elements.q;
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
    const toggles = Array.from(form.querySelectorAll("button.ftz-facet"));
    const panelOf = (toggle) => document.getElementById(toggle.getAttribute("aria-controls"));
    const toggleOf = (facet) => toggles.find((toggle) => toggle.dataset.facet === facet);
    const status = form.querySelector("[role=status]");
    const chips = form.querySelector(".ftz-filter-chips");
    const clear = form.querySelector(".ftz-filter-clear");
    const empty = root.querySelector(".ftz-filter-empty");
    const texts = form.dataset;

    /* ---------------------------------------------------------- state and URL */
    function fromURL() {
      const params = new URLSearchParams(location.search);
      const state = { q: params.get("q") || "" };
      for (const facet of FACETS) {
        const known = new Set(boxes.filter((box) => box.name === facet).map((box) => box.value));
        state[facet] = [...new Set(params.getAll(facet))].filter((value) => known.has(value));
      }
      return state;
    }

    function fromControls() {
      const state = { q: input.value };
      for (const facet of FACETS) state[facet] = boxes.filter((box) => box.name === facet && box.checked).map((box) => box.value);
      return state;
    }

    function toControls(state) {
      input.value = state.q;
      for (const box of boxes) box.checked = state[box.name].includes(box.value);
    }

    function query(state) {
      const params = new URLSearchParams();
      for (const facet of FACETS) for (const value of state[facet]) params.append(facet, value);
      if (state.q.trim()) params.set("q", state.q.trim());
      const search = params.toString();
      return search ? "?" + search : "";
    }

    /* Typing replaces the history entry it made; every other change adds one. */
    function remember(state, typing) {
      const url = location.pathname + query(state) + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      const replace = typing && history.state && history.state.ftzTyping;
      try {
        history[replace ? "replaceState" : "pushState"]({ ftzTyping: typing }, "", url);
      } catch (error) {
        // Some browsers refuse history changes on file:// pages: the filter still works, unshared.
      }
    }

    /* ---------------------------------------------------------- filtering */
    function matches(row, state, patterns) {
      for (const facet of FACETS) {
        const values = state[facet];
        if (values.length && !row.dataset[facet].split(" ").some((value) => values.includes(value))) return false;
      }
      return patterns.every((pattern) => pattern.test(text.get(row)));
    }

    function apply(state) {
      const patterns = terms(state.q).map(matcher);
      let shown = 0;
      for (const row of rows) {
        row.hidden = !matches(row, state, patterns);
        if (!row.hidden) shown += 1;
      }
      const filtered = shown !== rows.length || FACETS.some((facet) => state[facet].length) || patterns.length;
      status.textContent = format(filtered ? texts.count : texts.countAll, { shown, total: rows.length });
      empty.hidden = shown > 0;
      clear.hidden = !filtered;
      showChoices(state);
    }

    /* What is chosen, at a glance: each facet's summary and a removable chip per value. */
    function showChoices(state) {
      for (const toggle of toggles) {
        const chosen = boxes.filter((box) => box.name === toggle.dataset.facet && box.checked);
        const label = toggle.querySelector(".ftz-facet-state");
        label.textContent = chosen.length === 0 ? texts.any : chosen.length === 1 ? labelOf(chosen[0]) : format(texts.some, { n: chosen.length });
        toggle.classList.toggle("ftz-facet-active", chosen.length > 0);
      }
      chips.replaceChildren(...boxes.filter((box) => box.checked).map((box) => chip(box)));
      if (state.q.trim()) chips.append(chip(null, state.q.trim()));
    }

    const labelOf = (box) => box.parentElement.textContent.trim();

    function chip(box, words) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      const name = box ? labelOf(box) : "“" + words + "”";
      button.type = "button";
      button.className = "ftz-filter-chip";
      button.setAttribute("aria-label", format(texts.remove, { name }));
      const facet = document.createElement("span");
      facet.className = "ftz-filter-chip-facet";
      facet.textContent = box ? toggleOf(box.name).querySelector(".ftz-facet-title").textContent : input.labels[0].textContent;
      const value = document.createElement("span");
      value.textContent = name;
      const cross = document.createElement("span");
      cross.className = "ftz-filter-chip-x";
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "×";
      button.append(facet, value, cross);
      button.addEventListener("click", () => {
        const index = Array.prototype.indexOf.call(chips.children, item);
        if (box) box.checked = false;
        else input.value = "";
        change(false);
        // Focus stays on the chips (the one now in this place) while there are any, else goes to the text field.
        const left = chips.children;
        (left.length ? left[Math.min(index, left.length - 1)].querySelector("button") : input).focus();
      });
      item.append(button);
      return item;
    }

    function change(typing) {
      const state = fromControls();
      apply(state);
      remember(state, typing);
    }

    /* ---------------------------------------------------------- sorting */
    const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
    const headers = Array.from(table.tHead.rows[0].cells);
    const number = (row) => Number(row.cells[0].textContent);
    let order = { column: 0, direction: 1 };

    function sortKey(row, column) {
      return column === 0 ? number(row) : row.cells[column].textContent.trim();
    }

    function sortBy(column) {
      const direction = order.column === column ? -order.direction : 1;
      order = { column, direction };
      const sorted = rows.slice().sort((a, b) => {
        const x = sortKey(a, column), y = sortKey(b, column);
        const by = column === 0 ? x - y : collator.compare(x, y);
        return by * direction || number(a) - number(b);
      });
      table.tBodies[0].append(...sorted);
      headers.forEach((th, index) => {
        if (index === column) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
    }

    headers.forEach((th, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ftz-sort";
      button.append(...th.childNodes);
      const icon = document.createElement("span");
      icon.className = "ftz-sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.append(icon);
      button.addEventListener("click", () => sortBy(column));
      th.append(button);
    });
    headers[0].setAttribute("aria-sort", "ascending");

    /* The theme reads ?q= as a search to run: when it starts (before this deferred script), it opens
       its search box with q and focuses it; whenever that box closes, it drops q from the URL.
       Here q is the filter's text: close the box, empty it, and put q back after each closing. */
    function keepQueryFromTheme() {
      const toggle = document.querySelector("[data-md-toggle=search]");
      const box = document.querySelector("[data-md-component=search-query]");
      if (!toggle || !box) return;
      toggle.addEventListener("change", () => {
        if (toggle.checked) return;
        const url = location.pathname + query(fromControls()) + location.hash;
        try { history.replaceState(history.state, "", url); } catch (error) { /* see remember() */ }
      });
      if (toggle.checked && new URLSearchParams(location.search).has("q")) {
        box.value = "";
        box.blur();
        toggle.click();
      }
    }

    /* ---------------------------------------------------------- events */
    input.addEventListener("input", () => change(true));
    for (const box of boxes) box.addEventListener("change", () => change(false));
    form.addEventListener("submit", (event) => event.preventDefault());
    clear.addEventListener("click", () => {
      toControls({ q: "", zone: [], agency: [], topic: [] });
      change(false);
      input.focus();
    });
    // Each facet's choices open below the controls, one facet at a time; Escape closes them.
    function open(toggle, shown) {
      toggle.setAttribute("aria-expanded", String(shown));
      panelOf(toggle).hidden = !shown;
    }
    for (const toggle of toggles) {
      toggle.addEventListener("click", () => {
        const shown = toggle.getAttribute("aria-expanded") !== "true";
        for (const other of toggles) open(other, other === toggle && shown);
      });
    }
    form.addEventListener("keydown", (event) => {
      const toggle = toggles.find((t) => t.getAttribute("aria-expanded") === "true");
      if (event.key === "Escape" && toggle) {
        event.preventDefault();
        open(toggle, false);
        toggle.focus();
      }
    });
    window.addEventListener("popstate", () => {
      const state = fromURL();
      toControls(state);
      apply(state);
    });

    const initial = fromURL();
    toControls(initial);
    apply(initial);
    form.hidden = false;
    root.classList.add("ftz-filter-ready");
    keepQueryFromTheme();
  }

  document.querySelectorAll("[data-ftz-filter]").forEach(setup);
})();
