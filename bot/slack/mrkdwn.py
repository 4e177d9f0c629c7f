"""Answer text (plain, or the Markdown models write) as Slack mrkdwn, safe to post.

Models write `**bold**`, `[text](url)`, `#` headings and their own "Kilder" lists; Slack's mrkdwn
has `*bold*`, `_italic_`, `<url|text>` and no headings, so unconverted Markdown shows as stray
asterisks and hashes. Everything is escaped first (`&`, `<`, `>`), so no text (a user's, a
document's, a model's) can post `<!channel>`, mention someone or hide a link behind other words:
a Markdown link is shown as its text followed by the address it really goes to. The sources are
the answer's records, shown apart, so a source list in the text is dropped. Pure functions.
"""

from __future__ import annotations

import re

_SOURCE_HEAD = re.compile(
    r"^\W*(kilder?|sources?|referanser|references)\W*(:.*)?$", re.IGNORECASE | re.UNICODE
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TARGET = r"\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\)"  # (url) or (url "title")
_IMAGE = re.compile(r"!\[([^\]]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\]]+)\]" + _TARGET)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"(`+)(.+?)\1")
_BOLD_MARK = "\x01"


def escape(text: str) -> str:
    """Slack's three control characters; nothing else needs escaping in mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def drop_source_lists(text: str) -> str:
    """Without a 'Kilder:' heading and the list under it (the sources are shown apart)."""
    out: list[str] = []
    in_list = False
    for line in text.splitlines():
        if _SOURCE_HEAD.match(line.strip().strip("*_#")):
            in_list = True
            continue
        if in_list and (not line.strip() or _LIST_ITEM.match(line)):
            continue
        in_list = False
        out.append(line)
    return "\n".join(out).strip()


def _link(m: re.Match) -> str:
    label, url = m[1].strip(), m[2].strip()
    if not url.startswith(("http://", "https://", "mailto:")):
        return label
    return url if label in (url, "") else f"{label} ({url})"


def _inline(line: str) -> str:
    parts = _CODE.split(line)
    # _CODE.split gives [text, ticks, code, text, ticks, code, ...]: convert only the text parts
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 1:
            continue
        if kind == 2:
            out.append(f"`{part}`")
            continue
        part = _IMAGE.sub(lambda m: m[1], part)
        part = _LINK.sub(_link, part)
        part = _BOLD.sub(lambda m: _BOLD_MARK + m[2] + _BOLD_MARK, part)
        part = _ITALIC.sub(r"_\1_", part)
        part = _STRIKE.sub(r"~\1~", part)
        out.append(part.replace(_BOLD_MARK, "*"))
    return "".join(out)


def render(text: str) -> str:
    """`text` as escaped Slack mrkdwn: Markdown converted, source lists dropped."""
    lines: list[str] = []
    in_code = False
    for raw in escape(drop_source_lists(text)).splitlines():
        if raw.strip().startswith("```"):
            in_code = not in_code
            lines.append("```")
            continue
        if in_code:
            lines.append(raw)
            continue
        if _RULE.match(raw):
            continue
        heading = _HEADING.match(raw)
        if heading:
            title = _BOLD.sub(lambda m: m[2], heading[1]).strip("*_ ")
            lines.append(f"*{_inline(title)}*" if title else "")
            continue
        line = _BULLET.sub(lambda m: m[1] + "• ", raw)
        lines.append(_inline(line))
    if in_code:
        lines.append("```")
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
