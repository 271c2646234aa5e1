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

from ..data import model
from .exports import item_url, language_root
from ..data.load import Dataset
from ..data.versions import item as item_of
from ..data.versions import item_versions, last_change

LOCALE = {"zh": "zh-CN", "en": "en"}
OTHER = {"zh": "en", "en": "zh"}  # the language of the translation
SITE_NAME = "Tianjin FTZ 2021 Reform Pilot Experiences"  # who made the English translation (the site's English name)


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
    revision = last_change(data, item.id, lang)
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
        # Every published version of this text, each at its permanent page (see version_head).
        "workExample": [{"@type": "Legislation", "@id": f"{url}v{v.version}/#item", "url": f"{url}v{v.version}/", "version": v.version,
                         "legislationDateVersion": v.date} for v in item_versions(data, item.id, lang)],
    }
    if lang == "en":  # the English is this site's translation, not the issuing body's
        node["translator"] = {"@type": "Organization", "name": SITE_NAME, "url": language_root(site_url, lang)}
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
        *([("DC.contributor", f"{SITE_NAME} (translator)")] if lang == "en" else []),
    ]
    links = [{"rel": "alternate", "type": "application/json", "href": f"{to_root}data/reforms/{item.id}.json", "title": item.id}]
    return {"meta": [list(pair) for pair in meta], "links": links, "jsonld": node}


def version_head(data: Dataset, item: model.Item, version, lang: str, site_url: str, to_root: str) -> dict:
    """The <head> of one version's page (versions.ItemVersion): the item's metadata, for that version and its date.

    schema.org's own terms for a point-in-time text, as the ELI mapping uses them: `version`, and
    `legislationDateVersion` (the date at which this text is the item's, ELI's version_date); `exampleOf` names the item
    (the work, at its permanent URL) with its current `version`.  Kept out of search engines' indexes (noindex, follow:
    search results should lead to the current text; the version pages are for citations), each is its own canonical URL:
    a version's text is a document of its own, not a copy of the current page.
    """
    at = version.data
    head = item_head(at, item_of(at, item.id), lang, site_url, to_root)
    url = f"{item_url(site_url, item, lang)}v{version.version}/"
    node = head["jsonld"]
    node.pop("dateModified")
    node.pop("workExample")
    node.update({
        "@id": f"{url}#item", "url": url, "version": version.version, "legislationDateVersion": version.date,
        "exampleOf": {"@type": "Legislation", "@id": f"{item_url(site_url, item, lang)}#item", "url": item_url(site_url, item, lang),
                      "version": last_change(data, item.id, lang).version},
    })
    head["meta"] = [pair for pair in head["meta"] if pair[0] not in ("citation_public_url", "DC.identifier")]
    head["meta"] += [["citation_public_url", url], ["DC.identifier", url], ["robots", "noindex, follow"]]
    return head


def feed_link(href: str, title: str) -> dict:
    """The <link> to the changelog's Atom feed of a page's language."""
    return {"rel": "alternate", "type": "application/atom+xml", "href": href, "title": title}


def feed_head(href: str, title: str) -> dict:
    """A page that points to the changelog's Atom feed of its language."""
    return {"meta": [], "links": [feed_link(href, title)], "jsonld": None}


def noindex_head() -> dict:
    """A page search engines should not index (a derived view, such as the marked-up changes)."""
    return {"meta": [["robots", "noindex, follow"]], "links": [], "jsonld": None}


def list_head(data: Dataset, lang: str, site_url: str) -> dict:
    """The JSON-LD of the list page: the list and its items."""
    node = {"@context": "https://schema.org", **list_node(data, lang, site_url)}
    node["hasPart"] = [{"@id": f"{item_url(site_url, item, lang)}#item", "legislationIdentifier": item.id,
                        "name": getattr(item.name, lang), "url": item_url(site_url, item, lang)} for item in data.items]
    return {"meta": [], "links": [], "jsonld": node}
