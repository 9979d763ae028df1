"""What keeps the generated HTML from reaching the network, whatever the draft says.

Two layers. Markdown attributes typed in draft text (`[x]{style="background:url(...)"}`,
`![x](a.png){srcset="http://..."}`) are cut down to a harmless `id` and `class` with plain
values, so no attribute can name a URL. And the page carries a Content-Security-Policy
that forbids every load but data: images and fonts and inline styles (carekit's HTML is
self-contained), in case anything slips through a template or a later change.
"""

from __future__ import annotations

import base64
import hashlib
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]{0,99}")
_CLASS_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")
_ALIGN_RE = re.compile(r"text-align:(left|right|center)")
_DIGITS_RE = re.compile(r"[0-9]{1,9}")

# Attributes markdown-it itself writes from Markdown syntax, by token type; markdown-it
# has already validated their values (links) or Assets checks them (image sources).
_OWN = {
    "link_open": {"href", "title"},
    "image": {"src", "alt", "title"},
    "ordered_list_open": {"start"},
    "th_open": {"style"},
    "td_open": {"style"},
}


def _keep(token_type: str, name: str, value: Any, md: Any) -> bool:
    text = str(value)
    if name == "id":
        return bool(_ID_RE.fullmatch(text))
    if name == "class":
        return all(_CLASS_RE.fullmatch(part) for part in text.split()) and len(text) < 300
    if name not in _OWN.get(token_type, ()):
        return False
    if name == "href":  # an attribute block can overwrite a link's checked href
        return bool(md.validateLink(text))
    if name == "style":  # only the alignment of a table column
        return bool(_ALIGN_RE.fullmatch(text))
    if name == "start":
        return bool(_DIGITS_RE.fullmatch(text))
    return True


def sanitize_attributes(state: Any) -> None:
    """A markdown-it core rule: drop every attribute but plain `id`/`class` and the ones
    markdown-it writes itself. Runs right after inline parsing, before carekit's own
    rules add theirs."""
    md = state.md
    for block in state.tokens:
        for token in [block, *(block.children or [])]:
            if token.attrs:
                token.attrs = {
                    name: value
                    for name, value in token.attrs.items()
                    if _keep(token.type, name, value, md)
                }


# The preview's script (`carekit watch`): it asks every half second whether the manuscript
# changed and reloads when it did. It is the one script a page may run; the files `render`
# writes carry none.
RELOAD_SCRIPT_BODY = """
(function () {
  var seen = null;
  setInterval(function () {
    fetch('/_carekit/version', {cache: 'no-store'}).then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) { location.reload(); } seen = v; })
      .catch(function () {});
  }, 500);
})();
"""
RELOAD_SCRIPT = f"<script>{RELOAD_SCRIPT_BODY}</script>\n"


def _reload_script_hash() -> str:
    digest = hashlib.sha256(RELOAD_SCRIPT_BODY.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy() -> str:
    """Nothing from the network: data: images and fonts, inline styles, the reload script,
    and fetches back to the preview's own server."""
    return "; ".join(
        [
            "default-src 'none'",
            "img-src data:",
            "font-src data:",
            "style-src 'unsafe-inline'",
            f"script-src {_reload_script_hash()}",
            "connect-src 'self'",  # the preview asks its own server whether to reload
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


_HEAD_RE = re.compile(
    r"\A(\ufeff?\s*(?:<!doctype[^>]*>\s*)?(?:<html(?:\s[^>]*)?>\s*)?(?:<head(?:\s[^>]*)?>\s*)?"
    r"(?:<meta\s+charset[^>]*>\s*)?)",
    re.I,
)


def with_csp(html: str) -> str:
    """The page with a CSP <meta> as early in <head> as possible (before anything that
    could load), whatever the template's document looks like."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">\n'
    start = _HEAD_RE.match(html)
    end = start.end() if start else 0
    return html[:end] + meta + html[end:]
