"""Cleaning an article's text, and reading what the text says about itself.

Scraped and pasted articles carry page furniture around the story: captions, "Story
highlights", share buttons, related links, bylines, timestamps, copyright and disclaimers.
Each line is checked against general rules; furniture is dropped from the body, and what it
tells (date, outlet, author, the outlet it republishes) is kept as clues.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from manysides.ingest.dates import first_full_date, infer_date, remove_dates
from manysides.ingest.outlets import is_known_outlet, readable_outlet, same_outlet

# How far an outlet clue can be trusted: a dateline beats a date line beats a copyright notice.
DATELINE, HEADER_LINE, NOTICE, FALLBACK = 4, 2, 1, 0
_HEADER_WORD_LIMIT = 20  # the first line this long (and not furniture) starts the story
_TERMINAL = tuple('.!?:;"”’)…')


@dataclass
class TextFacts:
    """The clean body and what the text says about its own origin."""

    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_from: str | None = None  # "text" | "inferred" | None
    outlet: str | None = None
    republished_from: str | None = None


@dataclass
class _Clues:
    dates: list[tuple[int, str]] = field(default_factory=list)  # (priority, ISO date)
    outlets: list[tuple[int, str]] = field(default_factory=list)  # (strength, name)
    authors: list[str] = field(default_factory=list)
    republished_from: str | None = None
    in_highlights: int = 0  # lines of a "Story highlights" block still to drop
    in_header: bool = True  # whether the line being read is above the story


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


# Only at the start of a line or of a sentence: "first published in" inside a sentence of the
# story ("the study, first published in Nature, ...") is not about this article.
_REPUBLISHED = _pattern(
    r"(?:^[\W_]*(?:editor'?s note\s*:\s*|note\s*:\s*)?|(?<=[.!?]\s))"
    r"(?:the original source of this (?:article|story|piece) is"
    r"|(?:this|the) (?:article|story|piece|post|essay|report|interview|column|op-ed)"
    r" (?:was |is |has been )?(?:originally |first )(?:published|appeared|posted|ran)"
    r"(?: (?:by|in|on|at|with))?"
    r"|a version of this (?:article|story|piece) (?:originally |first )?appeared (?:in|on|at)"
    r"|(?:originally|first) (?:published|appeared|posted) (?:by|in|on|at)"
    r"|(?:republished|reprinted|reposted|cross-posted) (?:with (?:kind )?permission )?"
    r"(?:from|by|courtesy of|with permission of)"
    r"|it first appeared (?:in|on|at))\s*:?\s*(?P<source>.+)"
)
_VIDEO_LINE = _pattern(r"^\d{1,2}:\d\d\s*[-–—]\s*source:\s*(?P<outlet>.{1,40})$")
_STANDALONE_DATELINE = re.compile(r"^(?P<open>\()?(?P<name>[A-Z][\w.&' ]{0,30}?)\)?\s*[—–-]{1,2}$")
_INLINE_DATELINE = re.compile(
    r"^(?:[A-Z][\w .,'/-]{0,40}?\s)?\((?P<name>[A-Z][\w.&' ]{0,30}?)\)\s*[—–-]{1,2}\s"
)
_CAPTION = _pattern(
    r"^(?:\(?(?:photo|image|picture|video|graphic|illustration|file photo|photograph)s?"
    r"(?: credit| source| courtesy| by)?\s*[:|]|caption\b|photo credit\b|\(photo\b|\(image\b"
    r"|credit\s*:)"
)
# "(Abdalrhman Ismail/Reuters)", "(Getty Images)": a photographer's credit ends a caption.
_CAPTION_CREDIT = _pattern(r"\([^()]*(?:\w/\s?[A-Z]|photo|getty|shutterstock)[^()]*\)\.?$")
_INLINE_PHOTO = _pattern(r"\s*\((?:photo|image|picture)(?: credit)?\s*:[^()]*\)")
_HIGHLIGHTS = _pattern(r"^(?:story highlights|highlights|key points|key takeaways|at a glance)$")
_RELATED = _pattern(
    r"^(?:related(?: articles?| stories| coverage| content)?|read more|more|see also|also read"
    r"|read also|recommended|watch|listen|more from \w.*|further reading)\s*[:|»>]"
    r"|^(?:related (?:articles|stories|posts)|more on this story|recommended for you)$"
)
_SEE_LINK = re.compile(r"^See [A-Z][^.]{0,100}:\s*\S[^.]*$")
_SOCIAL = _pattern(
    r"^(?:share this|share on|share:|share$|tweet$|click to (?:share|email|print)|follow us"
    r"|like us on|email this|print this)|on our facebook page|follow (?:us|me) on (?:twitter|x)\b"
)
_SOCIAL_WORDS = _pattern(
    r"\b(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|email|print|share|"
    r"tweet|copy link|messenger)\b"
)
_COMMENTS = _pattern(
    r"^(?:leave a (?:comment|reply)|\d+ comments?|comments?|add a comment|post a comment|"
    r"show comments|view comments|comments are closed|join the (?:conversation|discussion))\b"
    r"|powered by disqus"
)
_COPYRIGHT = _pattern(r"^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved")
_LEGAL = _pattern(
    r"^(?:disclaimer\b|the views (?:and opinions )?expressed|views expressed|the opinions "
    r"expressed|this material may not be published)|copyrighted material"
    r"|sole responsibility of the author|distributed without profit|grants? permission to "
    r"(?:cross-post|republish)|for media inquiries|^\S+@\S+\.\w+$"
)
_APPEAL = _pattern(
    r"^(?:subscribe\b|sign up\b|donate\b|support (?:us|our|independent)|become a (?:member|patron|"
    r"subscriber|supporter)|join our (?:mailing list|newsletter)|get our (?:\w+ )?newsletter|"
    r"newsletter\b|make a donation|please (?:donate|support|subscribe))"
    r"|subscribe to our|sign up for our|sign up to our"
)
_MEMBERSHIP_OUTLET = _pattern(
    r"^(?:become a member of|support|subscribe to|donate to) (?P<name>.+)$"
)
_SITE_CHROME = _pattern(
    r"^(?:advertisement|sponsored(?: content)?|skip to (?:main )?content|continue reading|"
    r"click here\b.*|(?:more )?articles by\s*:?.*|filed under\b.*|tags?\s*:.*|topics?\s*:.*"
    r"|categor(?:y|ies)\s*:.*|keywords?\s*:.*|region\s*:.*|theme\s*:.*|in-depth report\s*:.*"
    r"|section\s*:.*)$"
)
# "O'BRIEN IN IRAN 04-09-16": the label of an embedded video or photo.
_MEDIA_LABEL = re.compile(r"^[A-Z0-9'’ .,:&-]+\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_TIMESTAMP = _pattern(
    r"^(?P<label>updated|published|posted|last (?:updated|modified)|first published|date|"
    r"released|posted on|published on)\b"
)
_BYLINE = re.compile(r"^(?:By|BY|Written by|Words by|Author:|Reporting by)\s+(?P<who>.+)$")
_NAME_CONNECTORS = r"(?:and|&|de|del|der|van|von|al|bin|da|du|la|le|el|y)"
_NAME = re.compile(
    rf"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|{_NAME_CONNECTORS}))*"
)
_FOOTER_BIO = _pattern(r"can be reached at|is a contributor to|is the author of|follow (?:him|her)")
# Wire credit lines: "(Reporting by A in Puno; additional reporting by B; Editing by C)".
_CREDIT_ROLE = (
    r"(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|written|research|"
    r"graphics|production|fact[- ]checking|translation|translated|photography|video)"
)
_CREDIT_PART = re.compile(
    rf"^(?i:{_CREDIT_ROLE}(?:\s*(?:and|&|,)\s*{_CREDIT_ROLE})*\s+by)\s+[A-Z\u00C0-\u00DE]"
)  # a name follows: "Reporting by phone from Aleppo was impossible" is a sentence
_TRAILING_CREDIT = _pattern(rf"\s*[(\[]\s*{_CREDIT_ROLE}\s+by\s[^()\[\]]{{1,300}}[)\]]\.?$")
_CREDIT_NAME = re.compile(rf"^{_NAME.pattern}")
_AUTHOR_NOTE_VERBS = r"(?:is|was|has|writes|reports|covers)\b"
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_LIST_ITEM = re.compile(r"^(?:[-*•·]|\d{1,2}[.)])\s")
_ENTITY = re.compile(r"&(?:amp|quot|apos|lt|gt|nbsp|#\d+|#x[0-9a-fA-F]+);")


def clean_text(raw: str) -> str:
    """The article body without page furniture, paragraphs separated by one blank line."""
    return read_text(raw, take_title=False).body


def read_text(raw: str, *, title: str | None = None, take_title: bool = True) -> TextFacts:
    """Clean the text and collect what it says about itself.

    `title`: a known title, dropped from the top of the body when repeated there.
    `take_title`: with no known title, take a headline-like first line as the title.
    """
    lines = _normalise_lines(raw)
    clues = _Clues()
    header_end = _header_end(lines)
    kept = [
        line if not line or not _is_furniture(line, index < header_end, clues) else None
        for index, line in enumerate(lines)
    ]
    kept, found_title = _take_title(kept, title, take_title)
    blocks = _drop_footer_bio(_blocks(kept), clues.authors)
    _inline_datelines(blocks, clues)
    body = "\n\n".join(_join_block(block) for block in _merge_broken_blocks(blocks))
    return _facts(body, found_title or title, clues, raw)


def _normalise_lines(raw: str) -> list[str]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = _MARKDOWN_IMAGE.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _INLINE_PHOTO.sub("", text)
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    # A credit line run on at the end of the last paragraph: "... on Tuesday. (Reporting by A)"
    return [_TRAILING_CREDIT.sub("", line) if re.search(r"[.!?\"”]\s*[(\[]", line) else line
            for line in lines]  # fmt: skip


def _words(line: str) -> int:
    return len(line.split())


def _header_end(lines: list[str]) -> int:
    """Index of the first line that reads like the story itself (long, not furniture).

    Hard-wrapped text has no long line, so a line counts with the rest of its paragraph.
    """
    for index, line in enumerate(lines):
        if _words(line) < 8 or _looks_like_caption(line):
            continue
        if _LEGAL.search(line) or _REPUBLISHED.search(line):
            continue
        if _words_to_block_end(lines, index) >= _HEADER_WORD_LIMIT:
            return index
    return len(lines)


def _words_to_block_end(lines: list[str], start: int) -> int:
    total = 0
    for line in lines[start:]:
        if not line:
            break
        total += _words(line)
    return total


def _is_furniture(line: str, in_header: bool, clues: _Clues) -> bool:
    """Whether the line is page furniture; records what it tells in `clues`."""
    clues.in_header = in_header
    if clues.in_highlights:
        if _words(line) <= 20 and not _dateline_outlet(line):
            clues.in_highlights -= 1
            return True
        clues.in_highlights = 0
    checks = (_republication, _video, _dateline, _caption, _highlights, _links_and_chrome,
              _notice, _timestamp, _credit_line)  # fmt: skip
    if any(check(line, clues) for check in checks):
        return True
    return in_header and (_byline(line, clues) or _header_date_line(line, clues))


def _credit_line(line: str, clues: _Clues) -> bool:
    """A wire's credit line names its reporters and editors, not actors of the story:
    "(Reporting by A in Puno; Editing by B)", "Additional reporting by C", "Compiled by D"."""
    inner = line.strip()
    wrapped = inner[:1] in "([" and inner.rstrip(".")[-1:] in ")]"
    inner = inner.strip("()[]. ") if wrapped else inner.rstrip(". ")
    parts = [part.strip() for part in re.split(r";|\s[-–—]\s", inner) if part.strip()]
    if not parts or _words(line) > 60 or not all(_CREDIT_PART.match(part) for part in parts):
        return False
    if not wrapped and (_words(line) > 25 or re.search(r"[.!?]\s", inner)):
        return False  # "Compiled by the UN, the figures show ..." is a sentence of the story
    _credit_authors(parts, clues)
    return True


def _credit_authors(parts: list[str], clues: _Clues) -> None:
    """The first reporter of a credit line is the author when no byline named one."""
    for part in parts:
        if re.match(r"reporting\b", part, re.IGNORECASE):  # not "additional reporting"
            named = _CREDIT_NAME.match(re.split(r"\s+by\s+", part, maxsplit=1)[1])
            if named:
                clues.authors.append(re.split(r"\s+(?:and|&)\s+", named[0])[0].strip(" ."))
            return


def _republication(line: str, clues: _Clues) -> bool:
    match = _REPUBLISHED.search(line)
    if not match or _words(line) > 40:
        return False
    source = _stated_source(match["source"])
    if source and not clues.republished_from:
        clues.republished_from = source
    return bool(source)


def _stated_source(text: str) -> str | None:
    """The outlet name or URL at the start of a republication notice."""
    url = re.match(r"(https?://\S+?)[.,;)]?(?:\s|$)", text)
    if url:
        return url[1]
    text = re.split(r"(?<=[\w)\]])\.(?:\s|$)|[;\n(]|\s[-–—|]\s", text, maxsplit=1)[0]
    text = re.sub(r"^(?:on|by|in|at)\s+", "", remove_dates(text)).strip()
    text = re.split(r"\s(?:on|and|under|with|as|by|in)\s|,", text, maxsplit=1)[0]
    text = text.strip(" .,:;\"'“”‘’*_")
    if not text or _words(text) > 8 or not re.search(r"[A-Za-z]", text):
        return None
    return readable_outlet(text)


def _video(line: str, clues: _Clues) -> bool:
    match = _VIDEO_LINE.match(line)
    if match:
        clues.outlets.append((HEADER_LINE, match["outlet"].strip()))
    return bool(match)


def _dateline_outlet(line: str) -> str | None:
    match = _STANDALONE_DATELINE.match(line)
    if not match:
        return None
    name = match["name"].strip()
    if match["open"] or is_known_outlet(name):
        return name
    return None


def _dateline(line: str, clues: _Clues) -> bool:
    name = _dateline_outlet(line)
    if name:
        clues.outlets.append((DATELINE, name))
    return bool(name)


def _looks_like_caption(line: str, in_header: bool = True) -> bool:
    if _CAPTION.match(line):
        return True
    if _words(line) <= 40 and _CAPTION_CREDIT.search(line):
        return True
    # "X and Y pictured in 2014." above the story; in the story it may be a sentence.
    return in_header and _words(line) <= 30 and bool(re.search(r"\bpictured\b", line))


def _caption(line: str, clues: _Clues) -> bool:
    return _looks_like_caption(line, clues.in_header) and _words(line) <= 60


def _highlights(line: str, clues: _Clues) -> bool:
    if _HIGHLIGHTS.match(line.rstrip(":")):
        clues.in_highlights = 6
        return True
    return False


def _links_and_chrome(line: str, clues: _Clues) -> bool:
    short = _words(line) <= 6
    if _RELATED.match(line) or _SITE_CHROME.match(line) or _COMMENTS.search(line) and short:
        return True
    if (_SEE_LINK.match(line) or _MEDIA_LABEL.match(line)) and _words(line) <= 20:
        return True
    if _SOCIAL.search(line) and _words(line) <= 15:
        return True
    social_words = len(_SOCIAL_WORDS.findall(line))
    return social_words >= 2 and social_words * 2 >= _words(line)


def _notice(line: str, clues: _Clues) -> bool:
    """Copyright, legal disclaimers and appeals to subscribe, donate or join."""
    if _COPYRIGHT.search(line) and _words(line) <= 30:
        _copyright_outlet(line, clues)
        return True
    if _LEGAL.search(line):
        return True
    if _APPEAL.search(line) and _words(line) <= 30:
        member = _MEMBERSHIP_OUTLET.match(line.rstrip(".!"))
        if member and _words(member["name"]) <= 5:
            clues.outlets.append((NOTICE, member["name"]))
        return True
    return False


def _copyright_outlet(line: str, clues: _Clues) -> None:
    text = re.sub(r"all rights reserved\.?|copyright|©|\(c\)|\b(?:19|20)\d\d\b", " ", line,
                  flags=re.IGNORECASE)
    parts = [part.strip(" .-–—|") for part in re.split(r"[,;]|\.\s", text)]
    parts = [part for part in parts if part and not re.fullmatch(r"(?:inc|ltd|llc)\.?", part, re.I)]
    if parts and _words(parts[-1]) <= 5:
        clues.outlets.append((NOTICE, parts[-1]))


def _timestamp(line: str, clues: _Clues) -> bool:
    match = _TIMESTAMP.match(line)
    if not match or _words(line) > 16:
        return False
    stated = first_full_date(line)
    if stated:
        priority = 1 if match["label"].lower().startswith(("updated", "last")) else 0
        clues.dates.append((priority, stated))
    return bool(stated)


def _byline(line: str, clues: _Clues) -> bool:
    match = _BYLINE.match(line)
    if not match or _words(line) > 12:
        return False
    who, *rest = re.split(r"\s*(?:,|\||\s[-–—]\s)\s*", match["who"].strip())
    if not _NAME.fullmatch(who.strip(" .")):  # "By the end of the year, ..." is no byline
        return False
    if rest and is_known_outlet(rest[-1]):
        clues.outlets.append((HEADER_LINE, rest[-1]))
    if is_known_outlet(who):  # "By The Associated Press"
        clues.outlets.append((HEADER_LINE, who))
    else:
        clues.authors.append(who.strip(" ."))
    return True


def _header_date_line(line: str, clues: _Clues) -> bool:
    """A short line near the top giving a date ("Global Research, September 28, 2016")."""
    stated = first_full_date(line)
    if not stated or _words(line) > 12:
        return False
    clues.dates.append((1, stated))
    remainder = re.sub(r"^(?:posted|published|updated|last|first|date|on|by)\b\s*", "",
                       remove_dates(line), flags=re.IGNORECASE)
    looks_like_name = 1 <= _words(remainder) <= 5 and remainder[:1].isupper()
    if looks_like_name and not remainder.isupper() and not re.search(r"\d", remainder):
        clues.outlets.append((HEADER_LINE, remainder))
    return True


def _is_title_like(line: str) -> bool:
    if not 1 <= _words(line) <= 25 or line.endswith((".", ",", ";", ":")):
        return False
    return line[:1].isalnum() and _words(remove_dates(line)) >= 2


def _take_title(
    kept: list[str | None], title: str | None, take_title: bool
) -> tuple[list[str | None], str | None]:
    """Drop a first line that repeats the title; with no title known, take a headline."""
    first = next((index for index, line in enumerate(kept) if line), None)
    if first is None:
        return kept, None
    line = kept[first]
    if title and _same_words(line, title):
        return kept[:first] + [None] + kept[first + 1 :], None
    following = next((later for later in kept[first + 1 :] if later is not None), "")
    stands_alone = following == ""  # a headline is its own paragraph, not a wrapped line
    if title is None and take_title and stands_alone and _is_title_like(line):
        return kept[:first] + [None] + kept[first + 1 :], line
    return kept, None


def _same_words(first: str, second: str) -> bool:
    def key(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    return key(first) == key(second)


def _blocks(kept: list[str | None]) -> list[list[str]]:
    """Kept lines grouped into paragraphs; a dropped line does not split a paragraph."""
    blocks: list[list[str]] = [[]]
    for line in kept:
        if line is None:
            continue
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _drop_footer_bio(blocks: list[list[str]], authors: list[str]) -> list[list[str]]:
    """Drop author bios at the end: with contact details ("He can be reached at ..."), or a
    short note on the byline's author ("Rosa Cutipa is an independent journalist ...")."""
    keep = list(blocks)
    for index in range(len(blocks) - 1, max(len(blocks) - 4, -1), -1):
        text = " ".join(blocks[index])
        contact = _EMAIL.search(text) and _FOOTER_BIO.search(text)
        if _words(text) <= 80 and (contact or _is_author_note(text, authors)):
            del keep[index]
    return keep


def _is_author_note(text: str, authors: list[str]) -> bool:
    if _words(text) > 40:
        return False
    return any(re.match(rf"{re.escape(author)},?\s+{_AUTHOR_NOTE_VERBS}", text)
               for author in authors if _words(author) >= 2)  # fmt: skip


def _inline_datelines(blocks: list[list[str]], clues: _Clues) -> None:
    """'WASHINGTON (Reuters) - ...' at the start of the story names the outlet."""
    for block in blocks[:3]:
        match = _INLINE_DATELINE.match(block[0])
        if match:
            clues.outlets.append((DATELINE, match["name"]))
            stated = first_full_date(block[0][: match.end()])
            if stated:  # "GENEVA, March 6, 2024 (Meridian Wire) —"
                clues.dates.append((1, stated))
            return
        known = re.match(r"^([A-Z]{2,})\s+[—–]\s", block[0])
        if known and is_known_outlet(known[1]):
            clues.outlets.append((DATELINE, known[1]))
            return


def _ends_sentence(line: str) -> bool:
    return line.endswith(_TERMINAL)


def _merge_broken_blocks(blocks: list[list[str]]) -> list[list[str]]:
    """Rejoin a paragraph split mid-sentence by a stray blank line."""
    merged: list[list[str]] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        broken = previous and not _ends_sentence(previous[-1]) and _words(previous[-1]) >= 8
        if broken and block[0][:1].islower():
            previous.extend(block)
        else:
            merged.append(list(block))
    return merged


def _join_block(block: list[str]) -> str:
    """Lines of one paragraph: hard-wrapped lines rejoined, real line breaks kept."""
    unfinished = sum(not _ends_sentence(line) for line in block[:-1])
    listed = any(_LIST_ITEM.match(line) for line in block)
    if len(block) > 1 and not listed and unfinished * 2 >= len(block) - 1:  # hard-wrapped
        return " ".join(block)
    text = block[0]
    for line in block[1:]:
        wrapped = not _ends_sentence(text) and line[:1].islower()
        text += (" " if wrapped else "\n") + line
    return text


def _facts(body: str, title: str | None, clues: _Clues, raw: str) -> TextFacts:
    facts = TextFacts(body=body, title=title, republished_from=clues.republished_from)
    facts.author = clues.authors[0] if clues.authors else None
    if clues.dates:
        facts.published = min(clues.dates, key=lambda item: item[0])[1]
        facts.published_from = "text"
    else:
        facts.published = infer_date(raw)
        facts.published_from = "inferred" if facts.published else None
    facts.outlet = _choose_outlet(clues)
    return facts


def _choose_outlet(clues: _Clues) -> str | None:
    """The strongest outlet clue that is not the outlet the text says it republishes."""
    candidates = [
        (strength, readable_outlet(name))
        for strength, name in clues.outlets
        if not same_outlet(name, clues.republished_from)
    ]
    candidates = [(strength, name) for strength, name in candidates if name]
    if candidates:
        return max(candidates, key=lambda item: item[0])[1]
    return clues.republished_from  # the text's own origin is better than nothing
