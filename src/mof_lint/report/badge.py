"""The openness badge: a flat SVG with shields.io's geometry (Verdana 11 px advance widths from
anafanafo, 20 px high, 5 px padding, widths rounded up to odd pixels) and MOT's colours, plus a
shields.io endpoint JSON. The message is computed, never typed: "Class II", or for a repository that
reaches no class "unclassified, 67% toward Class III" / "unclassified" (never "Class III 67%", which
reads as the class).
All text is XML-escaped; the SVG has no scripts, links or external references."""
from __future__ import annotations

import json
from functools import lru_cache
from mof_lint import datafiles
from xml.sax.saxutils import escape, quoteattr

from mof_lint.framework import CLASS_NUMBERS, FRAMEWORK
from mof_lint import lazyre

LABEL = "MOF"
PADDING = 5
SCALE = 10  # text is drawn at 10x and scaled down, as shields does


@lru_cache(maxsize=1)
def _widths() -> tuple[dict[int, float], float]:
    data = json.loads(datafiles.read_text("mof_lint.report", "verdana-11px.json"))
    table = {}
    for lo, hi, w in data["ranges"]:
        for cp in range(lo, hi + 1):
            table[cp] = w
    return table, data["fallback"]


def text_width(text: str) -> int:
    """shields' preferredWidthOf: Verdana 11 px advances summed, truncated, rounded up to odd."""
    table, fallback = _widths()
    total = sum(0.0 if ord(ch) < 32 else table.get(ord(ch), fallback) for ch in text)
    w = int(total)
    return w + 1 if w % 2 == 0 else w


def message_and_colour(classification) -> tuple[str, str]:
    badges = FRAMEWORK.badges
    short = {k.number: k.short for k in FRAMEWORK.classes}
    if classification.mof_class is not None:
        return short[classification.mof_class], badges["qualified"]["color"]
    # Unclassified: say so first; progress only in words that cannot pass for the class itself.
    top = max(CLASS_NUMBERS)
    progress = classification.progress.get(top, 0.0)
    if progress > 0:
        return f"unclassified, {progress:.0f}% toward {short[top]}", badges["in_progress"]["color"]
    return "unclassified", badges["not_met"]["color"]


# Characters XML 1.0 does not allow at all (escaping cannot help): C0 controls but tab/LF/CR, lone
# surrogates, U+FFFE/U+FFFF.
_NOT_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", str(text)).replace("\n", " ").replace("\r", " ").replace("\t", " ")


def svg(label: str, message: str, colour: str, about: str = "") -> str:
    """The badge. `about` is added to its tooltip (the <title>) only: which parts of a release the
    class is over."""
    label, message, colour = _xml_text(label), _xml_text(message), _xml_text(colour)
    lw, mw = text_width(label), text_width(message)
    left, right = lw + 2 * PADDING, mw + 2 * PADDING
    total = left + right
    lx = SCALE * (1 + PADDING + lw / 2)
    mx = SCALE * (left - 1 + PADDING + mw / 2)
    fmt = lambda v: f"{v:g}"  # noqa: E731
    title = escape(f"{label}: {message}" + (f" ({_xml_text(about)[:300]})" if about else ""))
    lab, msg = escape(label), escape(message)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label={quoteattr(f"{label}: {message}")}><title>{title}</title>'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill={quoteattr(colour)}/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'text-rendering="geometricPrecision" font-size="110">'
        f'<text aria-hidden="true" x="{fmt(lx)}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" '
        f'textLength="{SCALE * lw}">{lab}</text>'
        f'<text x="{fmt(lx)}" y="140" transform="scale(.1)" fill="#fff" textLength="{SCALE * lw}">{lab}</text>'
        f'<text aria-hidden="true" x="{fmt(mx)}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" '
        f'textLength="{SCALE * mw}">{msg}</text>'
        f'<text x="{fmt(mx)}" y="140" transform="scale(.1)" fill="#fff" textLength="{SCALE * mw}">{msg}</text>'
        '</g></svg>\n')


def static_url(label: str, message: str, colour: str) -> str:
    """shields.io's static badge of the same label, message and colour
    (https://shields.io/badges/static-badge: `-` is written `--`, `_` `__`, then URL-encoded)."""
    from urllib.parse import quote

    def part(text: str) -> str:
        return quote(_xml_text(text).replace("-", "--").replace("_", "__"), safe="")
    return f"https://img.shields.io/badge/{part(label)}-{part(message)}-{part(colour.lstrip('#'))}"


def endpoint(label: str, message: str, colour: str) -> str:
    """shields.io endpoint JSON (https://shields.io/badges/endpoint-badge): exactly these keys."""
    return json.dumps({"schemaVersion": 1, "label": label, "message": message,
                       "color": colour.lstrip("#") if colour.startswith("#") else colour}) + "\n"


def for_report(report, label: str = LABEL) -> tuple[str, str]:
    """(svg, endpoint json) for the report's class under its policy."""
    message, colour = message_and_colour(report.chosen)
    return svg(label, message, colour, release_note(report)), endpoint(label, message, colour)


def release_note(report) -> str:
    """"over the release: ., hf:org/model" when the class is over several parts, else ""."""
    parts = [p.label for p in getattr(report, "parts", []) if not p.problem]
    return "over the release: " + ", ".join(parts) if len(parts) > 1 else ""
