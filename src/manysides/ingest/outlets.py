"""Outlet names: from a URL's host, from site metadata, and the readable form of either."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Registered domains of well-known outlets and the name readers know them by.
KNOWN_HOSTS = {
    "cnn.com": "CNN", "reuters.com": "Reuters", "apnews.com": "AP", "ap.org": "AP",
    "afp.com": "AFP", "bbc.com": "BBC", "bbc.co.uk": "BBC", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "theguardian.com": "The Guardian",
    "wsj.com": "The Wall Street Journal", "foxnews.com": "Fox News", "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News", "npr.org": "NPR",
    "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times", "politico.com": "Politico",
    "thehill.com": "The Hill", "bloomberg.com": "Bloomberg", "ft.com": "Financial Times",
    "economist.com": "The Economist", "aljazeera.com": "Al Jazeera", "aljazeera.net": "Al Jazeera",
    "rt.com": "RT", "sputniknews.com": "Sputnik", "tass.com": "TASS", "tass.ru": "TASS",
    "presstv.ir": "Press TV", "presstv.com": "Press TV", "sana.sy": "SANA",
    "france24.com": "France 24", "dw.com": "Deutsche Welle", "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph", "dailymail.co.uk": "Daily Mail", "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost", "breitbart.com": "Breitbart", "vox.com": "Vox",
    "axios.com": "Axios", "theatlantic.com": "The Atlantic", "newsweek.com": "Newsweek",
    "time.com": "Time", "theintercept.com": "The Intercept", "motherjones.com": "Mother Jones",
    "nationalreview.com": "National Review", "zerohedge.com": "Zero Hedge",
    "counterpunch.org": "CounterPunch", "globalresearch.ca": "Global Research",
    "eaworldview.com": "EA WorldView", "middleeasteye.net": "Middle East Eye",
    "theconversation.com": "The Conversation", "aa.com.tr": "Anadolu Agency",
    "timesofisrael.com": "The Times of Israel", "haaretz.com": "Haaretz",
    "jpost.com": "The Jerusalem Post", "xinhuanet.com": "Xinhua", "news.cn": "Xinhua",
    "scmp.com": "South China Morning Post", "voanews.com": "Voice of America",
    "rferl.org": "Radio Free Europe/Radio Liberty", "cbc.ca": "CBC", "abc.net.au": "ABC",
}  # fmt: skip

# Company names some sites give as their site name, and the outlet they stand for.
_NAME_ALIASES = {
    "cable news network": "CNN", "cnn.com": "CNN", "associated press": "AP",
    "the associated press": "AP", "reuters.com": "Reuters", "thomson reuters": "Reuters",
    "agence france-presse": "AFP", "agence france presse": "AFP",
    "centre for research on globalization": "Global Research",
    "the centre for research on globalization": "Global Research",
}  # fmt: skip

_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "go", "or", "ne"}


def registered_domain(host: str) -> str:
    """`www.bbc.co.uk` -> `bbc.co.uk`, `edition.cnn.com` -> `cnn.com` (no public-suffix list)."""
    labels = host.strip(".").split(".")
    if labels and labels[-1].isdigit():  # an IP address has no registered domain
        return host
    country_code = len(labels[-1]) == 2 and labels[-2].lower() in _SECOND_LEVEL
    keep = 3 if len(labels) >= 3 and country_code else 2
    return ".".join(labels[-keep:])


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: a known name, else its registered domain."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    host = host.lower()
    for candidate in (host.removeprefix("www."), registered_domain(host)):
        if candidate in KNOWN_HOSTS:
            return KNOWN_HOSTS[candidate]
    return registered_domain(host)


def readable_outlet(name: str | None) -> str | None:
    """A site name as readers know it: domains and company names mapped to the outlet."""
    if not name:
        return None
    name = re.sub(r"\s+", " ", name).strip(" |-–—@")
    if not name:
        return None
    lowered = name.lower()
    if lowered in _NAME_ALIASES:
        return _NAME_ALIASES[lowered]
    if re.fullmatch(r"(?:https?://)?[\w.-]+\.[a-z]{2,}(?:/.*)?", lowered):
        url = lowered if lowered.startswith("http") else f"http://{lowered}"
        known = outlet_from_url(url)
        if known in KNOWN_HOSTS.values():
            return known
        host = re.sub(r"^(?:https?://)?", "", name, flags=re.IGNORECASE).split("/")[0]
        return registered_domain(host)
    return name


def same_outlet(first: str | None, second: str | None) -> bool:
    """Whether two outlet mentions name the same outlet (case, spacing and 'The' aside)."""
    if not first or not second:
        return False
    return _outlet_key(first) == _outlet_key(second)


def _outlet_key(name: str) -> str:
    readable = readable_outlet(name) or name
    return re.sub(r"[^a-z0-9]", "", readable.lower().removeprefix("the "))


def is_known_outlet(name: str) -> bool:
    """Whether the name is one of the well-known outlets (by any of its usual spellings)."""
    readable = readable_outlet(name)
    return bool(readable) and _outlet_key(readable) in _KNOWN_KEYS


_KNOWN_KEYS = {_outlet_key(name) for name in KNOWN_HOSTS.values()} | {"ap", "afp"}
