"""The search query set, derived from the data: what each query must find, and what must come first.

Written from what the pages show, independently of the search code:

- An item is expected when every word of the query occurs in what its page shows:
  its name, content (intro and measures), responsible bodies, topics or areas
  (Chinese as a substring; an English word as the start of a word, or the whole
  word when it is shorter than three letters).
- Where each word occurs gives the item's tier: name, then content, then bodies,
  then topics, then areas (an item's tier is that of its weakest word).  The
  first item found must be one of the best tier: the most relevant item, not
  only one with the word in its name.
- An alias of a body (data/agencies.yaml), the name or alias of a body it is
  related to (part_of, former, successor_body) and its search words find every
  item of the body and the body's page; an alias or search word of a glossary
  term finds every item that has the term.
- A query found inside a numbered measure (and not in the item's name) must
  link to that measure (#measure-K).
- References: 第N项 / Item N / 2021-NN find the item; 第N项第K条 / "measure K of
  item N" find its measure K; 第K条 / "measure K" find measure K of every item.

No query is left out for being hard: words with many expected items (海关,
审批) are where ranking matters, and recall is counted over all results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ftzsite.data.load import Dataset, load_dataset
from ftzsite.pages.labels import labels

TIERS = ("name", "content", "bodies", "topics", "areas")


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    items: tuple[str, ...]              # item ids that must all be found
    first: tuple[str, ...] = ()         # the first item found must be one of these
    pages: tuple[str, ...] = ()         # other pages that must be found (routes, e.g. 'agencies/tianjin-customs/')
    anchors: tuple[str, ...] = ()       # links that must be among the results ('reforms/2021-14/#measure-3'; a|b: either)
    kind: str = "text"                  # text, alias, reference: how the query was made


def _fold(text: str) -> str:
    return text.lower().replace("’", "'").replace("'", "")


@cache
def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|[\u3400-\u9fff]+", _fold(text))


def _occurs(word: str, text: str, lang: str) -> bool:
    """Chinese as a substring; a Latin word as a word start (3 letters or more) or the whole word."""
    if not word.isascii():
        return word in _fold(text)
    return any(w.startswith(word) if len(word) >= 3 else w == word for w in _words(text))


def item_fields(data: Dataset, item, lang: str) -> dict[str, list[str]]:
    """What an item's page shows, by tier, in a language (English pages show bodies' Chinese names too)."""
    pick = lambda pair: getattr(pair, lang)  # noqa: E731
    bodies = [data.agencies[s] for s in item.agencies]
    return {
        "name": [pick(item.name)],
        "content": [pick(p) for p in item.intro] + [pick(m.text) for m in item.measures],
        "bodies": [pick(b.name) for b in bodies] + ([b.name.zh for b in bodies] if lang == "en" else []),
        "topics": [pick(data.topics[t].name) for t in item.topics],
        "areas": [pick(data.zones[z].name) for z in item.zones] or [labels()["ftz_wide"][lang]],
    }


def tier(words: list[str], fields: dict[str, list[str]], lang: str) -> int | None:
    """The item's tier for these words (0 = name … 4 = areas), or None when a word is missing."""
    worst = 0
    for word in words:
        best = next((t for t, name in enumerate(TIERS) if any(_occurs(word, text, lang) for text in fields[name])), None)
        if best is None:
            return None
        worst = max(worst, best)
    return worst


def measures_with(words: list[str], item, lang: str) -> list[int]:
    return [m.number for m in item.measures if all(_occurs(w, getattr(m.text, lang), lang) for w in words)]


_FIELDS: dict[tuple[int, str], list[tuple]] = {}


def _all_fields(data: Dataset, lang: str) -> list[tuple]:
    """(item, item_fields) of every item, worked out once per dataset and language."""
    key = (id(data), lang)
    if key not in _FIELDS:
        _FIELDS[key] = [(item, item_fields(data, item, lang)) for item in data.items]
    return _FIELDS[key]


def _query(data: Dataset, lang: str, text: str, pages=(), also: dict[str, int] | None = None, kind: str = "text") -> Query | None:
    """A text query; `also` gives items found through an alias, with their tier."""
    tiers = dict(also or {})
    anchors = []
    for item, fields in _all_fields(data, lang):
        found = tier(_words(text), fields, lang)
        if found is not None:
            tiers[item.id] = min(found, tiers.get(item.id, found))
            in_name = all(_occurs(w, fields["name"][0], lang) for w in _words(text))
            if not in_name and (numbers := measures_with(_words(text), item, lang)):
                anchors.append("|".join(f"reforms/{item.id}/#measure-{n}" for n in numbers))  # any one of them
    if not tiers:
        return None
    items = tuple(i.id for i in data.items if i.id in tiers)
    best = min(tiers.values())
    return Query(lang, text, items, tuple(i for i in items if tiers[i] == best), tuple(pages), tuple(anchors), kind)


def _candidates(data: Dataset, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(query text, pages it must find besides items), from names, registries and glossary."""
    pick = (lambda pair: getattr(pair, lang))
    found = [(pick(item.name), ()) for item in data.items]
    found += [(pick(a.name), (f"agencies/{a.slug}/",)) for a in data.agencies.values()]
    found += [(pick(z.name), (f"zones/{z.slug}/",)) for z in data.zones.values()]
    found += [(pick(t.name), (f"topics/{t.slug}/",)) for t in data.topics.values()]
    found += [(glossary_name(term, lang), ()) for term in data.glossary]
    return found


def glossary_name(term, lang: str) -> str:
    """A glossary term as the text writes it (the English is given with an explanation in brackets)."""
    return re.sub(r"\s*\(.*\)", "", getattr(term.term, lang))


# Words people bring from official documents: parts of names and common terms.
EXTRA = {
    "zh": ["海关", "告知承诺", "人民银行", "平行进口", "东疆", "机场片区", "中心商务", "银保监", "知识产权", "环境影响评价",
           "跨境电商", "保税", "政务服务", "滨海新区", "商务局", "市场监管", "生态环境", "税务局", "贸促会", "区块链",
           "资产证券化", "审批", "价格指数", "质押", "生物样本", "特殊物品", "码头", "集装箱", "信用信息", "民办非企业",
           "天津港", "天津", "企业", "税", "港"],
    "en": ["customs", "parallel import", "Dongjiang", "People's Bank of China", "notification and commitment", "intellectual property",
           "Airport Area", "cross-border e-commerce", "bonded", "blockchain", "securitisation", "tax", "insurance", "environmental impact",
           "Binhai", "CCPIT", "container", "credit information", "biological samples", "unattended approval",
           "Tianjin", "approval", "port of Tianjin", "enterprises", "Tianjin Customs"],
}


def _registry_strings(entry, *fields: str) -> list[str]:
    """The strings of a registry entry's name fields (Aliases pairs, or related bodies with a name and aliases), in order."""
    found = []
    for field in fields:
        value = entry
        for part in field.split("."):
            value = getattr(value, part, None) if value is not None else None
        for body in (value if isinstance(value, list) else [value] if value is not None else []):
            if hasattr(body, "name"):  # a related body: its name and its own aliases
                found += [body.name.zh, body.name.en, *body.aliases.zh, *body.aliases.en]
            else:
                found += [*body.zh, *body.en]
    return list(dict.fromkeys(found))


# Every field of data/agencies.yaml and glossary.yaml whose strings search must take to the entry.
AGENCY_FIELDS = ("aliases", "part_of", "former", "successor_body", "successor_body.part_of", "search_words")
TERM_FIELDS = ("aliases", "search_words")


def alias_queries(data: Dataset, limit: int | None = None) -> list[Query]:
    """Every alias, related body's name and search word of a body, and every alias and search word of a glossary term,
    on both sites (the English pages show Chinese names too)."""
    agencies = [(agency, alias) for agency in data.agencies.values() for alias in _registry_strings(agency, *AGENCY_FIELDS)]
    terms = [(term, alias) for term in data.glossary for alias in _registry_strings(term, *TERM_FIELDS)]
    queries = []
    for lang in ("zh", "en"):
        for agency, alias in _spread(agencies, limit):
            names = [getattr(agency.name, lang)] + ([agency.name.zh] if lang == "en" else [])
            also = {}
            for item in data.items_of_agency(agency.slug):  # where the body's name shows on the item's page
                fields = item_fields(data, item, lang)
                also[item.id] = min(t for name in names if (t := tier(_words(name), fields, lang)) is not None)
            queries.append(_query(data, lang, alias, (f"agencies/{agency.slug}/",), also, kind="alias"))
        for term, alias in _spread(terms, limit):
            canonical = _query(data, lang, glossary_name(term, lang))
            also = {} if canonical is None else {i: (0 if i in canonical.first else 1) for i in canonical.items}
            if (query := _query(data, lang, alias, (), also, kind="alias")) is not None:
                queries.append(query)
    return queries


def reference_queries(data: Dataset, limit: int | None = None) -> list[Query]:
    """Items and measures by number: 第5项, 2021-05, Item 5; 第14项第3条, measure 3 of item 14; 第3条, measure 3."""
    queries = []
    for item in _spread(data.items, limit):
        one = (item.id,)
        queries += [Query("zh", f"第{item.number}项", one, one, kind="reference"), Query("zh", item.id, one, one, kind="reference"),
                    Query("en", f"Item {item.number}", one, one, kind="reference"), Query("en", item.id, one, one, kind="reference")]
        for m in item.measures:
            anchor = (f"reforms/{item.id}/#measure-{m.number}",)
            queries += [Query("zh", f"第{item.number}项第{m.number}条", one, one, (), anchor, "reference"),
                        Query("en", f"measure {m.number} of item {item.number}", one, one, (), anchor, "reference")]
    for number in sorted({m.number for item in data.items for m in item.measures}):
        having = tuple(i.id for i in data.items if any(m.number == number for m in i.measures))
        anchors = tuple(f"reforms/{i}/#measure-{number}" for i in having)
        queries += [Query("zh", f"第{number}条", having, having, (), anchors, "reference"),
                    Query("en", f"measure {number}", having, having, (), anchors, "reference")]
    return queries


def _spread(values: list, limit: int | None) -> list:
    """At most `limit` values, evenly spread over the list (all of them without a limit)."""
    if not limit or len(values) <= limit:
        return values
    return [values[i * len(values) // limit] for i in range(limit)]


def query_set(data: Dataset | None = None, limit: int | None = None) -> list[Query]:
    """Every query (or, with `limit`, that many of each kind per language, evenly spread: for big synthetic lists)."""
    data = data or load_dataset()
    queries: dict[tuple[str, str], Query] = {}
    for lang in ("zh", "en"):
        candidates = list(dict.fromkeys(_candidates(data, lang) + [(word, ()) for word in EXTRA[lang]]))
        for text, pages in _spread(candidates, limit):
            query = _query(data, lang, text, pages)
            if query and (lang, text) not in queries:
                queries[(lang, text)] = query
    for query in alias_queries(data, limit):  # an alias finds more than its letters: its body's or term's items
        queries[(query.lang, query.text)] = query
    for query in reference_queries(data, limit):
        queries.setdefault((query.lang, query.text), query)
    return list(queries.values())


if __name__ == "__main__":
    all_queries = query_set()
    for lang in ("zh", "en"):
        mine = [q for q in all_queries if q.lang == lang]
        print(lang, len(mine), {kind: sum(q.kind == kind for q in mine) for kind in ("text", "alias", "reference")},
              "most items:", max(len(q.items) for q in mine))
