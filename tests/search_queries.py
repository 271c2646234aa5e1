"""The search query set, derived from the data: what a query must find, and what must come first.

An item is expected for a query when the query occurs in what the item's page
shows: its name, content, responsible bodies, areas or topics (in Chinese as a
substring; in English every word of the query as the start of a word).  When
some items have the query in their name, one of those must be the first item.
Queries with more expected pages than fit in ten results are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ftzsite.load import Dataset, load_dataset

MAX_EXPECTED = 8


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    items: tuple[str, ...]          # item ids that must be among the first ten results
    first: tuple[str, ...] = ()     # the first item result must be one of these (if any)
    pages: tuple[str, ...] = ()     # other pages that must be found (routes, e.g. 'agencies/tianjin-customs/')


def _item_text(data: Dataset, item, lang: str) -> str:
    parts = [getattr(item.name, lang)] + [getattr(p, lang) for p in item.intro] + [getattr(m.text, lang) for m in item.measures]
    parts += [getattr(data.agencies[s].name, lang) for s in item.agencies] + [data.agencies[s].name.zh for s in item.agencies]
    parts += [getattr(data.zones[z].name, lang) for z in item.zones] + [getattr(data.topics[t].name, lang) for t in item.topics]
    return " ".join(parts)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def _matches(query: str, text: str, lang: str) -> bool:
    if lang == "zh":
        return query in text
    words = _words(text)
    return all(any(word.startswith(term) for word in words) for term in _words(query))


def _query(data: Dataset, lang: str, text: str, pages: tuple[str, ...] = ()) -> Query | None:
    items = tuple(i.id for i in data.items if _matches(text, _item_text(data, i, lang), lang))
    first = tuple(i.id for i in data.items if i.id in items and _matches(text, getattr(i.name, lang), lang))
    if not items or len(items) + len(pages) > MAX_EXPECTED:
        return None
    return Query(lang, text, items, first, pages)


def _candidates(data: Dataset, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(query text, pages it must find besides items), from names, registries and glossary."""
    pick = (lambda pair: getattr(pair, lang))
    found = [(pick(item.name), ()) for item in data.items]
    found += [(pick(a.name), (f"agencies/{a.slug}/",)) for a in data.agencies.values()]
    found += [(pick(z.name), (f"zones/{z.slug}/",)) for z in data.zones.values()]
    found += [(pick(t.name), (f"topics/{t.slug}/",)) for t in data.topics.values()]
    terms = [pick(term.term) for term in data.glossary]
    if lang == "en":  # glossary terms are written with an explanation in brackets
        terms = [re.sub(r"\s*\(.*\)", "", term) for term in terms]
    found += [(term, ()) for term in terms]
    return found


# Words people bring from official documents: parts of names and common terms.
EXTRA = {
    "zh": ["海关", "告知承诺", "人民银行", "平行进口", "东疆", "机场片区", "中心商务", "银保监", "知识产权", "环境影响评价",
           "跨境电商", "保税", "政务服务", "滨海新区", "商务局", "市场监管", "生态环境", "税务局", "贸促会", "区块链",
           "资产证券化", "审批", "价格指数", "质押", "生物样本", "特殊物品", "码头", "集装箱", "信用信息", "民办非企业"],
    "en": ["customs", "parallel import", "Dongjiang", "People's Bank of China", "notification and commitment", "intellectual property",
           "Airport Area", "cross-border e-commerce", "bonded", "blockchain", "securitisation", "tax", "insurance", "environmental impact",
           "Binhai", "CCPIT", "container", "credit information", "biological samples", "unattended approval"],
}


def number_queries(data: Dataset) -> list[Query]:
    """An item is found by its number: 第5项, 2021-05, Item 5."""
    queries = []
    for item in data.items[::4]:
        queries.append(Query("zh", f"第{item.number}项", (item.id,), (item.id,)))
        queries.append(Query("zh", item.id, (item.id,), (item.id,)))
        queries.append(Query("en", f"Item {item.number}", (item.id,), (item.id,)))
        queries.append(Query("en", item.id, (item.id,), (item.id,)))
    return queries


def query_set(data: Dataset | None = None) -> list[Query]:
    data = data or load_dataset()
    queries: dict[tuple[str, str], Query] = {}
    for lang in ("zh", "en"):
        for text, pages in _candidates(data, lang) + [(word, ()) for word in EXTRA[lang]]:
            query = _query(data, lang, text, pages)
            if query and (lang, text) not in queries:
                queries[(lang, text)] = query
    for query in number_queries(data):
        queries[(query.lang, query.text)] = query
    return list(queries.values())


if __name__ == "__main__":
    all_queries = query_set()
    for lang in ("zh", "en"):
        print(lang, sum(q.lang == lang for q in all_queries))
