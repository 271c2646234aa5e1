/*
 * The list filter's pure part (no DOM): URL → state → the rows to show.
 * filters.js wires it to the page; Node's tests (tests/js/) run it alone, as
 * GOV.UK Frontend keeps a component's logic apart from its markup.
 *
 * State: {q: text, zone: [slugs], agency: [slugs], topic: [slugs]}.  A facet
 * given twice means either value (OR); different facets must all hold (AND);
 * the words match as the site search matches (search-engine.js filterItems,
 * loaded before this file), so this file holds no text rule of its own.
 */
"use strict";

const FtzFilterState = (() => {
  const FACETS = ["zone", "agency", "topic"];

  /* The state a query string asks for; `known` maps a facet to the values it offers (others are dropped). */
  function fromQuery(search, known) {
    const params = new URLSearchParams(search);
    const state = { q: params.get("q") || "" };
    for (const facet of FACETS) {
      const offered = known[facet] || new Set();
      state[facet] = [...new Set(params.getAll(facet))].filter((value) => offered.has(value));
    }
    return state;
  }

  /* The query string of a state ("" when nothing is chosen): facets in order, then the words. */
  function toQuery(state) {
    const params = new URLSearchParams();
    for (const facet of FACETS) for (const value of state[facet] || []) params.append(facet, value);
    const words = (state.q || "").trim();
    if (words) params.set("q", words);
    const search = params.toString();
    return search ? "?" + search : "";
  }

  const empty = () => ({ q: "", zone: [], agency: [], topic: [] });

  /* Whether anything is chosen. */
  const isFiltered = (state) => Boolean((state.q || "").trim()) || FACETS.some((facet) => state[facet].length);

  /* The ids of the rows a state shows, in their order.  rows: [{id, zone: [..], agency: [..], topic: [..]}];
   * byWords(q): the set of ids holding the words, or null for all (search-engine.js filterItems). */
  function visible(rows, state, byWords) {
    const words = byWords(state.q || "");
    return rows.filter((row) => FACETS.every((facet) => !state[facet].length || row[facet].some((value) => state[facet].includes(value)))
      && (!words || words.has(row.id))).map((row) => row.id);
  }

  return { FACETS, fromQuery, toQuery, empty, isFiltered, visible };
})();

if (typeof module !== "undefined") module.exports = FtzFilterState;
