"""Markdown documents (READMEs, cards) as data: front matter, headings, sections, links, tables and
code blocks, each with its line. Parsed with markdown-it-py (CommonMark), never with ad-hoc regexes
over the raw text, so a `#` inside a code fence is not a heading."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice

from html import unescape

from markdown_it import MarkdownIt

from mof_lint.yamlio import YamlError, load_yaml
from mof_lint import lazyre

_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
URL_RE = lazyre.compile(r"""https?://[^\s<>"'`\)\]\}|\\]+""", re.I)
HREF_RE = lazyre.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
# <a href="URL">text</a> inside an HTML block (a centred row of badges and links): the text labels the URL.
# <img src="figures/fig1.jpg" alt="..."> in HTML: an image as `![alt](src)` is (the alt text, when
# the same tag gives one, labels it).
IMG_TAG = lazyre.compile(r"""<img\s[^>]{0,300}?src\s*=\s*["']([^"'>]{1,2000})["']([^>]{0,300})""", re.I)
ALT_ATTR = lazyre.compile(r"""alt\s*=\s*["']([^"'>]{0,200})["']""", re.I)
BADGE = lazyre.compile(r"img\.shields\.io/badge/([^/?#\"'\s]{1,200})", re.I)


def image_label(tag: str) -> str:
    """What an <img> tag says: its alt text, or the words of a shields.io badge
    (`img.shields.io/badge/Paper-Arxiv-red` says "Paper Arxiv")."""
    alt = ALT_ATTR.search(tag)
    if alt and alt.group(1).strip():
        return alt.group(1).strip()
    badge = BADGE.search(tag)
    if badge:
        from urllib.parse import unquote
        words = unquote(badge.group(1)).rsplit("-", 1)[0]  # the last part is the colour
        return words.replace("--", "\0").replace("-", " ").replace("\0", "-").replace("_", " ").strip()
    return ""


A_TAG = lazyre.compile(r"""<a\s[^>]{0,300}?href\s*=\s*["']([^"'>]{1,2000})["'][^>]{0,300}>([^<]{0,200})""", re.I)
MAX_LINKS = 5000
PLAIN_LANGS = frozenset({"", "text", "txt", "plain", "plaintext", "console"})  # a fenced block of output, not code
MAX_HTML_TABLE = 64 << 10  # characters of one HTML block read for its tables (cards write tables in HTML)
MAX_ITEM_LABEL = 200  # characters of a list item kept as the label of the links nested under it
MAX_PARAGRAPH = 3000  # characters of one paragraph read for what it says of a link or a block


@dataclass(frozen=True)
class Link:
    url: str
    text: str  # anchor text (with image alt text), "" for a bare URL
    line: int
    section: str  # the nearest heading above, "" before the first
    in_code: bool = False
    code_lang: str = ""
    item: str = ""  # in a nested list, the label of the list item it sits under ("Technical reports:")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    line: int
    section: str


@dataclass(frozen=True)
class CodeBlock:
    lang: str
    text: str
    line: int
    section: str


MAX_OUTER_SCAN = 200  # headings looked back over for a section's parents


@dataclass
class MdDoc:
    path: str
    text: str
    front_matter: dict | None = None
    front_matter_error: YamlError | None = None
    front_matter_lines: int = 0
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    code: list[CodeBlock] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (first line, last line), in order
    parsed_chars: int | None = None  # set when dense markup cut the parse short (see parse_limit)
    # Indexes over the headings, built once on first use: a document with many headings and many
    # links or sections must not cost headings x links (tens of thousands of each fit in 128 KiB).
    _ends: dict[int, int] | None = field(default=None, repr=False, compare=False)
    _heading_lines: list[int] | None = field(default=None, repr=False, compare=False)

    def section_text(self, heading: Heading, limit: int | None = None) -> str:
        """Text under a heading, up to the next heading of the same or a higher level; with `limit`,
        the lines that make up its first `limit` characters (and some)."""
        end = self._section_ends().get(heading.line, len(self.lines))
        if limit is None:
            return "\n".join(self.lines[heading.line:end])
        out, size = [], 0
        for n in range(heading.line, end):
            if size >= limit:
                break
            out.append(self.lines[n])
            size += len(self.lines[n]) + 1
        return "\n".join(out)

    def section_of(self, line: int) -> str:
        """The title of the nearest heading at or above `line`, "" before the first."""
        if self._heading_lines is None:
            self._heading_lines = [h.line for h in self.headings]
        at = bisect_right(self._heading_lines, line)
        return self.headings[at - 1].text if at else ""

    def outer_sections(self, line: int) -> list[str]:
        """The titles of the headings that enclose the nearest one at or above `line`, innermost
        first ("Benchmark results" above "General domain" above a benchmark's link)."""
        if self._heading_lines is None:
            self._heading_lines = [h.line for h in self.headings]
        at = bisect_right(self._heading_lines, line) - 1
        if at < 0:
            return []
        out, level = [], self.headings[at].level
        for h in reversed(self.headings[max(0, at - MAX_OUTER_SCAN):at]):
            if h.level < level:
                out.append(h.text)
                level = h.level
                if level <= 1:
                    break
        return out

    def in_code(self, line: int) -> bool:
        """Is `line` inside a fenced or indented code block (its fences included)?"""
        return any(b.line <= line <= b.line + b.text.count("\n") + 1 for b in self.code)

    def paragraph_at(self, line: int) -> str:
        """The paragraph holding `line`, its lines joined ("" when the line is in no paragraph: a
        heading, a table, code). A sentence can wrap at any column, so what a link is said to be is
        read from its paragraph, not from its line."""
        at = bisect_right(self.paragraphs, (line, len(self.lines) + 1)) - 1
        if at < 0 or not self.paragraphs[at][0] <= line <= self.paragraphs[at][1]:
            return ""
        first, last = self.paragraphs[at]
        return " ".join(part.strip() for part in self.lines[first - 1:last])[:MAX_PARAGRAPH]

    def lead_in(self, line: int) -> str:
        """The paragraph that introduces the block (table, code) starting at `line`: the one right
        above it, with only blank lines between ("Results of the evaluation:", "Generates samples
        like this:"); "" when a heading or anything else comes between."""
        at = bisect_right(self.paragraphs, (line, 0)) - 1
        if at < 0:
            return ""
        last = self.paragraphs[at][1]
        if last >= line or any(self.lines[n].strip() for n in range(last, min(line - 1, last + 3))) or \
                line - last > 3:
            return ""
        return self.paragraph_at(last)

    def _section_ends(self) -> dict[int, int]:
        """Heading line -> last line of its section, in one pass: a heading stays open until one of
        the same or a higher level (a smaller or equal number) comes."""
        if self._ends is None:
            ends: dict[int, int] = {}
            open_headings: list[Heading] = []
            for h in self.headings:
                while open_headings and open_headings[-1].level >= h.level:
                    ends[open_headings.pop().line] = h.line - 1
                open_headings.append(h)
            self._ends = ends
        return self._ends


def _split_front_matter(text: str):
    if not text.startswith("---"):
        return None, text, 0
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 0
    for i in range(1, min(len(lines), 5000)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join([""] * (i + 1) + lines[i + 1:]), i + 1
    return None, text, 0


# A GitHub emoji shortcode (":books: Data"), written as text in the heading.
SHORTCODE = lazyre.compile(r"^:[a-z0-9_+\-]{1,40}:|:[a-z0-9_+\-]{1,40}:$")


def _undecorated(title: str) -> str:
    """A heading's title without the emoji, symbols and punctuation that decorate its ends ("📚 Data",
    "✨ Model Card ✨", ":rocket: Quick start"): heading patterns read the words. Digits stay ("1.
    Data" keeps its number; STEP_NUMBER readers strip it where a step label does not matter)."""
    for _ in range(4):
        title = SHORTCODE.sub("", title)
        start, end = 0, len(title)
        while start < end and _decoration(title[start]):
            start += 1
        while end > start and _decoration(title[end - 1]) and unicodedata.category(title[end - 1])[0] != "P":
            end -= 1  # (a heading's closing punctuation, "Data:", "(beta)", is its own)
        if (start, end) == (0, len(title)):
            break
        title = title[start:end]
    return title


def _decoration(ch: str) -> bool:
    # symbols (emoji are So), spaces, joiners and variation selectors; an opening bracket or quote
    # starts words and stays
    kind = unicodedata.category(ch)
    return kind[0] in "SZC" or kind == "Mn" or (kind[0] == "P" and ch not in "([{\"'`<«“‘「『（【")


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content or child.attrs.get("alt", "") or "")
    return "".join(parts).strip()


MAX_PARSE = 128 * 1024
# markdown-it spends up to ~30 us on each of these characters in the worst shapes ("![![![", "[[[",
# "*_*_"), ~4 s for 128 KiB of them; real documents hold at most a few thousand in 128 KiB (a
# 50 KiB reference of snake_case options: 1,900). The parse stops at the line that holds the
# MAX_COSTLY-th one, so no document costs more than about 0.3 s.
COSTLY = lazyre.compile(r"[\[!*_]")
MAX_COSTLY = 10_000


def parse_limit(body: str) -> int:
    """How much of `body` is handed to markdown-it: MAX_PARSE characters, or less when dense
    markup would make that slow (cut at the start of the line holding the MAX_COSTLY-th costly
    character). One linear scan."""
    limit = min(len(body), MAX_PARSE)
    nth = next(islice(COSTLY.finditer(body, 0, limit), MAX_COSTLY - 1, None), None)
    if nth is None:
        return limit
    return body.rfind("\n", 0, nth.start()) + 1 or nth.start()
MAX_FRONT_MATTER = 64 * 1024


def parse(path: str, text: str) -> MdDoc:
    fm_text, body, fm_lines = _split_front_matter(text)
    doc = MdDoc(path=path, text=text, lines=text.split("\n"), front_matter_lines=fm_lines)
    if fm_text is not None and len(fm_text) > MAX_FRONT_MATTER:
        doc.front_matter_error = YamlError(f"{path} front matter is over {MAX_FRONT_MATTER >> 10} KiB; not parsed "
                                           "(card metadata is a few lines)", 2)
    elif fm_text is not None:
        try:
            data, _ = load_yaml(fm_text, f"{path} front matter", line_offset=1)
            doc.front_matter = data if isinstance(data, dict) else None
        except YamlError as err:
            doc.front_matter_error = err
    try:
        # markdown-it is linear but slow on bracket storms (~7 us a character): headings, tables and
        # links are taken from the first MAX_PARSE characters; the lines stay whole for other scans.
        limit = parse_limit(body)
        if limit < min(len(body), MAX_PARSE):
            doc.parsed_chars = limit
        tokens = _MD.parse(body[:limit])
    except Exception:  # noqa: BLE001 - markdown-it is robust; this guards pathological input
        tokens = []
    section = ""
    code_lines: set[int] = set()
    items: list[str | None] = []  # open list items, each with its first line of text once seen
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = tok.map[0] + 1 if tok.map else 1
        if tok.type == "heading_open" and i + 1 < len(tokens):
            title = _undecorated(_inline_text(tokens[i + 1]))
            doc.headings.append(Heading(int(tok.tag[1]), title, line))
            section = title
        elif tok.type in ("fence", "code_block"):
            lang = (tok.info or "").strip().split(" ")[0].lower()
            doc.code.append(CodeBlock(lang, tok.content, line, section))
            if tok.map:
                code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
        elif tok.type == "table_open":
            i = _table(tokens, i, doc, section)
            continue
        elif tok.type == "html_block" and "<table" in tok.content[:MAX_HTML_TABLE].lower():
            doc.tables += _html_tables(tok.content[:MAX_HTML_TABLE], line, section)
        if tok.type == "html_block" and "<pre" in tok.content[:MAX_HTML_TABLE].lower():
            # `<details><summary>...</summary><pre><code>python main.py --lr 5e-5 ...</code></pre>`: a
            # code block written in HTML is a code block
            for block in _html_code(tok.content[:MAX_HTML_TABLE], line, section):
                doc.code.append(block)
                code_lines.update(range(block.line, block.line + block.text.count("\n") + 1))
        elif tok.type == "paragraph_open" and tok.map:
            doc.paragraphs.append((tok.map[0] + 1, tok.map[1]))
        elif tok.type == "list_item_open":
            items.append(None)
        elif tok.type == "list_item_close" and items:
            items.pop()
        elif tok.type == "inline" and len(doc.links) < MAX_LINKS:
            if items and items[-1] is None:
                items[-1] = tok.content[:MAX_ITEM_LABEL]
            parent = items[-2] if len(items) >= 2 and items[-2] else ""
            _inline_links(tok, line, section, doc, parent)
        i += 1
    # Bare URLs anywhere (text, code, HTML) that markdown links did not already give.
    known = {(lk.url, lk.line) for lk in doc.links}
    link_lines = {lk.line for lk in doc.links}
    code_at = {}
    for block in doc.code:
        for n in range(block.line, block.line + block.text.count("\n") + 2):
            code_at[n] = block.lang
    for n, raw in enumerate(doc.lines, 1):
        if len(doc.links) >= MAX_LINKS:
            break
        if "<img" in raw or "<IMG" in raw:
            for m in IMG_TAG.finditer(raw[:20000]):
                src = m.group(1).strip()
                if (src, n) not in known:
                    known.add((src, n))
                    alt = ALT_ATTR.search(raw[max(0, m.start() - 300):m.end()])
                    doc.links.append(Link(src, alt.group(1).strip() if alt else "", n, doc.section_of(n),
                                          n in code_at, code_at.get(n, "")))
        if "http" not in raw:
            continue
        # (the label as the page shows it: "Demo&nbsp;Page" reads "Demo Page")
        labels = {a.group(1): " ".join(unescape(a.group(2)).split()) or
                  image_label(raw[a.end():a.end() + 600].split("</a", 1)[0])
                  for a in A_TAG.finditer(raw[:20000])} if "<a" in raw else {}
        for m in URL_RE.finditer(raw[:20000]):
            url = m.group(0).rstrip(".,;:!*_'")
            if (url, n) in known or n in link_lines and any(
                    lk.url.startswith(url) and lk.line == n for lk in doc.links[-20:]):
                continue
            known.add((url, n))
            link_lines.add(n)
            doc.links.append(Link(url, labels.get(url, ""), n, doc.section_of(n), n in code_at, code_at.get(n, "")))
    return doc


CODE_LANG = lazyre.compile(r"""class\s*=\s*["'][^"']{0,100}?(?:language|lang)-([\w+\-]{1,30})""", re.I)
TAG = lazyre.compile(r"<[^<>]{0,300}>")
MAX_PRE_BLOCKS = 50


def _html_code(html: str, line: int, section: str) -> list[CodeBlock]:
    """The <pre> blocks of an HTML block, as code blocks: their text without tags, entities decoded.
    (Found with str.find, each character looked at once: no pattern scans on from every "<pre".)"""
    out = []
    low = html.lower()
    at = 0
    while len(out) < MAX_PRE_BLOCKS:
        start = low.find("<pre", at)
        if start < 0:
            break
        opened = low.find(">", start)
        close = low.find("</pre", opened) if opened >= 0 else -1
        if close < 0:
            break
        lang = CODE_LANG.search(html[start:opened + 1][:400])
        text = unescape(TAG.sub("", html[opened + 1:close])).strip("\n")
        out.append(CodeBlock(lang.group(1).lower() if lang else "", text + "\n",
                             line + html.count("\n", 0, opened + 1), section))
        at = close + 5
    return out


def _inline_links(tok, line: int, section: str, doc: MdDoc, item: str = "") -> None:
    if len(doc.links) >= MAX_LINKS:  # table cells come here too
        return
    offset = 0
    children = tok.children or []
    for j, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        elif child.type == "link_open":
            href = child.attrs.get("href", "") or ""
            text = []
            for nxt in children[j + 1:]:
                if nxt.type == "link_close":
                    break
                if nxt.type in ("text", "code_inline"):
                    text.append(nxt.content)
                elif nxt.type == "image":
                    text.append(nxt.content or nxt.attrs.get("alt", "") or "")
            doc.links.append(Link(href, "".join(text).strip(), line + offset, section, item=item))
        elif child.type == "image":
            src = child.attrs.get("src", "") or ""
            doc.links.append(Link(src, child.content or "", line + offset, section, item=item))
        elif child.type == "html_inline":
            hrefs = HREF_RE.findall(child.content)
            text = []  # an <a href="...">text</a>: its text is the tokens up to the closing tag
            if hrefs and "</a" not in child.content.lower():
                for nxt in children[j + 1:j + 20]:
                    if nxt.type == "html_inline" and "</a" in nxt.content.lower():
                        break
                    if nxt.type in ("text", "code_inline"):
                        text.append(nxt.content)
                    elif nxt.type == "image":
                        text.append(nxt.content or nxt.attrs.get("alt", "") or "")
                    elif nxt.type == "html_inline" and "<img" in nxt.content.lower():
                        text.append(image_label(nxt.content))  # a badge: <a href=arxiv><img src=...Paper...>
            for href in hrefs:
                doc.links.append(Link(href, "".join(text).strip(), line + offset, section, item=item))
        if child.type == "text":
            offset += child.content.count("\n")


def _table(tokens, i: int, doc: MdDoc, section: str) -> int:
    start = tokens[i].map[0] + 1 if tokens[i].map else 1
    header: list[str] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    in_head = False
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            if in_head:
                header = row
            else:
                rows.append(row)
            row = None
        elif tok.type == "inline" and row is not None:
            row.append(_inline_text(tok))
            _inline_links(tok, tok.map[0] + 1 if tok.map else start, section, doc)
        i += 1
    doc.tables.append(Table(header, rows, start, section))
    return i + 1


def _html_tables(html: str, line: int, section: str) -> list[Table]:
    """Tables written in HTML (cards often write them so): the first row is the header (cards put
    <th> or <strong> there). One pass over the tags, split at "<": linear on any input (the standard
    library's HTMLParser rescans an unclosed tag, quadratic on `<a<a<a...`)."""
    tables: list[list[list[str]]] = []
    depth = 0
    cell: list[str] | None = None

    def end_cell() -> None:
        nonlocal cell
        if cell is not None:
            tables[-1][-1][-1] = " ".join(unescape("".join(cell)).split())[:200]
            cell = None

    for chunk in html.split("<")[1:]:
        tag, closed, text = chunk.partition(">")
        name = tag.split(None, 1)[0].lower().rstrip("/") if tag.strip() else ""
        if not closed:  # a "<" that opens no tag: text
            if cell is not None:
                cell.append("<" + chunk)
            continue
        if name == "table":
            depth += 1
            if depth == 1 and len(tables) < 20:
                tables.append([])
        elif name == "/table":
            end_cell()
            depth = max(0, depth - 1)
        elif depth == 1 and tables and len(tables[-1]) < 500:
            if name in ("tr", "td", "th", "/tr", "/td", "/th"):
                end_cell()  # HTML lets a cell end where the next one starts
            if name == "tr" or name in ("td", "th") and not tables[-1]:
                tables[-1].append([])  # (generated tables put their <th> straight under <tbody>: an implicit row)
            if name in ("td", "th") and tables[-1] and len(tables[-1][-1]) < 100:
                tables[-1][-1].append("")
                cell = []
        if cell is not None and text:
            cell.append(text)
    end_cell()
    return [Table(rows[0], rows[1:], line, section) for rows in tables if rows and any(rows[0])]
