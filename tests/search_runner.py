"""Run search queries in the real search box of the built site and read ALL the results.

Shared by the browser test (which asserts) and scripts/bench_search.py (which reports).
The theme shows ten results, then four more each time the list is scrolled to its
end: the runner scrolls until every result is shown, as a reader would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from search_queries import Query

LANG_ROOT = {"zh": "/", "en": "/en/"}

# Types the query the way a person does (value, then a key event, which the theme
# listens to) and resolves when the result list shows a count for it: the time to results.
TYPE_QUERY = """
async (query) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
  await new Promise(resolve => setTimeout(resolve, 30));
  const before = meta.textContent;
  const start = performance.now();
  const done = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(`no results for ${query} after 15 s`)), 15000);
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
  return await done;
}
"""

# Scrolls the result list until it stops growing, then reads every result: its page link and all its links.
READ_ALL = """
async () => {
  const list = document.querySelector(".md-search-result__list");
  const scroller = document.querySelector(".md-search__scrollwrap");
  const meta = document.querySelector(".md-search-result__meta").textContent;
  const total = /\\d/.test(meta) ? parseInt(meta.replace(/[^\\d]/g, ""), 10) : 0;
  for (let tries = 0; list.children.length < total && tries < 50;) {
    const before = list.children.length;
    // The theme adds results when the list reaches its end: leave the end, then reach it again.
    for (const top of [0, scroller.scrollHeight]) {
      scroller.scrollTop = top;
      await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 10)));
    }
    tries = list.children.length > before ? 0 : tries + 1;
  }
  return [...list.querySelectorAll(":scope > li.md-search-result__item")].map(li =>
    [...li.querySelectorAll("a.md-search-result__link")].map(a => a.href));
}
"""


@dataclass
class Outcome:
    query: Query
    pages: list[str]        # routes below the language root, best first, e.g. 'reforms/2021-05/'
    milliseconds: float
    foreign: list[str]      # results in another language (there should be none)
    links: set[str] = field(default_factory=set)  # every link of the results, with its anchor ('reforms/2021-05/#measure-2')

    @property
    def items(self) -> list[str]:
        return [page.removeprefix("reforms/").rstrip("/") for page in self.pages if page.startswith("reforms/2021-")]

    @property
    def missing(self) -> list[str]:
        wanted = [f"reforms/{item}/" for item in self.query.items] + list(self.query.pages)
        missing = [route for route in wanted if route not in self.pages]
        return missing + [spec for spec in self.query.anchors if not any(link in self.links for link in spec.split("|"))]

    @property
    def best_first(self) -> bool | None:
        """Whether the first item found is one of the most relevant (None when the query expects no item)."""
        if not self.query.first:
            return None
        return bool(self.items) and self.items[0] in self.query.first


def open_search(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{LANG_ROOT[lang]}")
    page.click("input.md-search__input")


def search_for(page, text: str) -> None:
    """Type a query into the open page's search box as a reader does, and wait for the first result.

    After fill(), a key press: Material's search runs on keyboard events, and fill() of Chinese sends none.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(text)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()


def _route(href: str, root: str) -> str:
    parts = urlsplit(href)
    return parts.path.removeprefix(urlsplit(root).path) + (f"#{parts.fragment}" if parts.fragment else "")


def scrolled_results(page) -> list[list[str]]:
    """The links of every result, scrolling the list to its end as a reader does."""
    return page.evaluate(READ_ALL)


def run_queries(page, base_url: str, queries: list[Query], read=scrolled_results) -> list[Outcome]:
    outcomes = []
    for lang in ("zh", "en"):
        mine = [q for q in queries if q.lang == lang]
        if not mine:
            continue
        open_search(page, base_url, lang)
        root = f"{base_url}{LANG_ROOT[lang]}"
        other = tuple(f"{base_url}{r}" for code, r in LANG_ROOT.items() if code != lang and r != "/")
        for query in mine:
            elapsed = page.evaluate(TYPE_QUERY, query.text)
            results = read(page)
            pages, foreign, links = [], [], set()
            for hrefs in results:
                if not hrefs[0].startswith(root) or hrefs[0].startswith(other):
                    foreign.append(hrefs[0])
                    continue
                route = _route(hrefs[0], root).split("#")[0]
                if route not in pages:
                    pages.append(route)
                links.update(_route(href, root) for href in hrefs)
            outcomes.append(Outcome(query, pages, elapsed, foreign, links))
    return outcomes
