"""References in Vancouver (ICMJE / NLM) style, as Markdown."""

from __future__ import annotations

from carekit.render.mdtext import escape

MAX_AUTHORS = 6  # ICMJE: list the first six, then "et al."


def _authors(authors: object) -> str:
    if isinstance(authors, str):
        return escape(authors)
    names = [escape(a) for a in authors or [] if str(a).strip()]
    if not names:
        return ""
    et_al = names[-1].lower().rstrip(".") == "et al"
    if et_al:
        names = names[:-1]
    if len(names) > MAX_AUTHORS:
        names, et_al = names[:MAX_AUTHORS], True
    return ", ".join(names) + (", et al" if et_al else "")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!")) else text + "."


def format_reference(ref: dict) -> str:
    """One reference as a Markdown line, e.g.
    Sawke GK, Rai T, Sawke N. Iatrogenic calcinosis cutis. J Cytol. 2016;33:166-8.
    """
    parts = [_sentence(_authors(ref.get("authors"))), _sentence(escape(ref.get("title", "")))]
    year = str(ref.get("year", "") or "")
    volume, issue, pages = (escape(ref.get(k, "")) for k in ("volume", "issue", "pages"))
    if ref.get("journal"):
        source = escape(ref["journal"]) + "."
        detail = year
        if volume:
            detail += f";{volume}" + (f"({issue})" if issue else "")
        if pages:
            detail += f":{pages}"
        parts.append(f"{source} {detail}." if detail else source)
    elif ref.get("publisher") or ref.get("place"):
        place, publisher = escape(ref.get("place", "")), escape(ref.get("publisher", ""))
        where = f"{place}: {publisher}" if place and publisher else place or publisher
        parts.append(f"{where}; {year}." if year else f"{where}.")
    elif year:
        parts.append(f"{year}.")
    if ref.get("doi"):
        doi = ref["doi"]
        parts.append(f"doi:[{escape(doi)}](<https://doi.org/{doi}>)")
    if ref.get("pmid"):
        parts.append(f"PMID: {escape(ref['pmid'])}.")
    if ref.get("url") and not ref.get("doi"):
        parts.append(f"Available from: <{ref['url']}>")
    return " ".join(part for part in parts if part)
