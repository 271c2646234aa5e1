"""Run search queries in the real search box of the built site and read the results.

Shared by the browser test (which asserts) and scripts/bench_search.py (which reports).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from search_queries import Query

LANG_ROOT = {"zh": "/", "en": "/en/"}

# Types the query the way a person does (value, then a key event, which the theme
# listens to) and resolves when the result list shows a count for it.
_SEARCH_JS = """
async (query) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
  await new Promise(resolve => setTimeout(resolve, 30));
  const before = meta.textContent;
  const start = performance.now();
  const done = new Promise(resolve => {
    const observer = new MutationObserver(() => {
      if (meta.textContent !== before && /\\d|没有|No matching/.test(meta.textContent)) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
  });
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  const elapsed = await done;
  const pages = [...list.querySelectorAll(":scope > li.md-search-result__item")]
    .map(li => li.querySelector("a.md-search-result__link").href);
  return {elapsed, pages};
}
"""


@dataclass
class Outcome:
    query: Query
    pages: list[str]        # routes below the language root, best first, e.g. 'reforms/2021-05/'
    milliseconds: float
    foreign: list[str]      # results in another language (there should be none)

    @property
    def items(self) -> list[str]:
        return [page.removeprefix("reforms/").rstrip("/") for page in self.pages if page.startswith("reforms/2021-")]

    @property
    def missing(self) -> list[str]:
        top = self.pages[:10]
        wanted = [f"reforms/{item}/" for item in self.query.items] + list(self.query.pages)
        return [route for route in wanted if route not in top]

    @property
    def best_first(self) -> bool | None:
        """Whether the first item found is one whose name has the query (None when no item's name has it)."""
        if not self.query.first:
            return None
        return bool(self.items) and self.items[0] in self.query.first


def open_search(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{LANG_ROOT[lang]}")
    page.click("input.md-search__input")
    # Wait until the index has loaded (the theme says so in the result meta).
    page.locator("input.md-search__input").fill("x")
    page.locator("input.md-search__input").press("End")
    page.wait_for_function("/\\d|没有|No matching/.test(document.querySelector('.md-search-result__meta').textContent)")


def run_queries(page, base_url: str, queries: list[Query]) -> list[Outcome]:
    outcomes = []
    for lang in ("zh", "en"):
        mine = [q for q in queries if q.lang == lang]
        if not mine:
            continue
        open_search(page, base_url, lang)
        root = f"{base_url}{LANG_ROOT[lang]}"
        for query in mine:
            result = page.evaluate(_SEARCH_JS, query.text)
            pages, foreign = [], []
            other = tuple(f"{base_url}{r}" for code, r in LANG_ROOT.items() if code != lang and r != "/")
            for href in result["pages"]:
                if not href.startswith(root) or href.startswith(other):
                    foreign.append(href)
                    continue
                route = urlsplit(href).path.removeprefix(urlsplit(root).path)
                if route not in pages:
                    pages.append(route)
            outcomes.append(Outcome(query, pages, result["elapsed"], foreign))
    return outcomes
