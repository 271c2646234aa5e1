"""Metadata for machines in each item page's and list page's <head>: schema.org, Highwire Press and Dublin Core.

With them, a reference manager's embedded-metadata reader (Zotero's) saves an
item in one click, and search engines know what the pages are.

Why schema.org's `Legislation`: it is the type schema.org gives to official
texts issued by a public authority (laws, regulations, and the policy
documents that implement them), with properties for the identifier, the issuing
and responsible bodies, the date, the version and translations
(`translationOfWork` / `workTranslation`).  A list of reform pilot experiences
is such a policy text, and each item an identified part of it (`isPartOf`,
`hasPart`).  `CreativeWork` would lose all of that, and schema.org's `Report`
(an organisation's findings) would misdescribe it.

Highwire's `citation_technical_report_institution` makes Zotero file the item as
a Report, the type Zotero recommends for government documents, with the item's
id as the report number.
"""

from __future__ import annotations

from . import model
from .changelog import last_revision
from .exports import item_url, language_root
from .load import Dataset

LOCALE = {"zh": "zh-CN", "en": "en"}
OTHER = {"zh": "en", "en": "zh"}  # the language of the translation


def _organization(name: model.Text, lang: str) -> dict:
    return {"@type": "GovernmentOrganization", "name": getattr(name, lang), "alternateName": getattr(name, OTHER[lang])}


def based_on(data: Dataset, lang: str) -> dict:
    """The source document as far as it is known (data/reforms.yaml list.publication): nothing the data does not say."""
    the_list, known = data.reforms.list, data.reforms.list.publication
    node = {"@type": "CreativeWork", "name": the_list.title.zh, "inLanguage": LOCALE["zh"], "description": getattr(known.known, lang)}
    if known.issuer:
        node["publisher"] = _organization(known.issuer, lang)
    if known.date:
        node["datePublished"] = known.date
    if known.url:
        node["url"] = known.url
    return node


def list_node(data: Dataset, lang: str, site_url: str) -> dict:
    """The list as a whole (schema.org)."""
    the_list = data.reforms.list
    return {
        "@type": "Legislation",
        "@id": f"{language_root(site_url, lang)}reforms/#list",
        "name": getattr(the_list.title, lang),
        "legislationIdentifier": the_list.id,
        "legislationDate": str(the_list.year),
        "legislationPassedBy": _organization(the_list.issuer, lang),
        "inLanguage": LOCALE[lang],
        "url": f"{language_root(site_url, lang)}reforms/",
        "version": data.version,
        "dateModified": data.revisions[0].date.isoformat(),
        "isBasedOn": based_on(data, lang),
    }


def item_head(data: Dataset, item: model.Item, lang: str, site_url: str, to_root: str) -> dict:
    """<meta> tags, alternate links and the JSON-LD of an item page (`to_root`: the relative path to the site root)."""
    pick = lambda pair: getattr(pair, lang)  # noqa: E731
    the_list, url = data.reforms.list, item_url(site_url, item, lang)
    revision = last_revision(data.revisions, item.id, lang)
    other = OTHER[lang]
    node = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": f"{url}#item",
        "legislationIdentifier": item.id,
        "identifier": item.id,
        "name": pick(item.name),
        "inLanguage": LOCALE[lang],
        "url": url,
        "isPartOf": list_node(data, lang, site_url),
        "legislationPassedBy": _organization(the_list.issuer, lang),
        "legislationResponsible": [_organization(data.agencies[slug].name, lang) for slug in item.agencies],
        "legislationDate": str(the_list.year),
        "isBasedOn": based_on(data, lang),
        "version": revision.version,
        "dateModified": revision.date.isoformat(),
        "translationOfWork" if lang == "en" else "workTranslation": {
            "@id": f"{item_url(site_url, item, other)}#item", "url": item_url(site_url, item, other), "inLanguage": LOCALE[other]},
    }
    meta = [
        ("citation_title", pick(item.name)),
        ("citation_author", pick(the_list.issuer)),
        ("citation_technical_report_institution", pick(the_list.issuer)),
        ("citation_technical_report_number", item.id),
        ("citation_series_title", pick(the_list.title)),
        ("citation_date", str(the_list.year)),
        ("citation_online_date", revision.date.isoformat()),
        ("citation_language", lang),
        ("citation_public_url", url),
        ("DC.title", pick(item.name)),
        ("DC.creator", pick(the_list.issuer)),
        ("DC.publisher", pick(the_list.issuer)),
        ("DC.date", str(the_list.year)),
        ("DC.modified", revision.date.isoformat()),
        ("DC.language", lang),
        ("DC.identifier", url),
        ("DC.type", "Text"),
        ("DC.relation.ispartof", pick(the_list.title)),
    ]
    links = [{"rel": "alternate", "type": "application/json", "href": f"{to_root}data/reforms/{item.id}.json", "title": item.id}]
    return {"meta": [list(pair) for pair in meta], "links": links, "jsonld": node}


def list_head(data: Dataset, lang: str, site_url: str) -> dict:
    """The JSON-LD of the list page: the list and its items."""
    node = {"@context": "https://schema.org", **list_node(data, lang, site_url)}
    node["hasPart"] = [{"@id": f"{item_url(site_url, item, lang)}#item", "legislationIdentifier": item.id,
                        "name": getattr(item.name, lang), "url": item_url(site_url, item, lang)} for item in data.items]
    return {"meta": [], "links": [], "jsonld": node}
