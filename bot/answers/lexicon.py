"""Words the engine understands: what kind of fact is asked for, and the council's vocabulary.

The patterns of asking and the kinds of rows that answer them are rules, kept here as data so
`understand.py` stays short (matched on folded text). The council's own words (synonyms, English
glosses, bodies, nynorsk) live in `glossary.yaml`, each with its reason.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")
# The parsed glossary as JSON, keyed by the YAML's digest: importing PyYAML and parsing the file
# took ~25 ms of every CLI start, reading this takes ~1 ms. Written on first use (not in git);
# where the package folder is read-only the YAML is parsed each time.
GLOSSARY_CACHE = Path(__file__).with_name("data") / "glossary.cache.json"


def _glossary() -> dict:
    raw = GLOSSARY_FILE.read_bytes()
    key = hashlib.sha1(raw).hexdigest()
    try:
        cached = json.loads(GLOSSARY_CACHE.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return cached["glossary"]
    except (OSError, ValueError, AttributeError):
        pass
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        text = json.dumps({"key": key, "glossary": data}, ensure_ascii=False)
        if json.loads(text)["glossary"] == data:  # only what JSON keeps as it is (str keys ...)
            tmp = GLOSSARY_CACHE.with_name(f"{GLOSSARY_CACHE.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, GLOSSARY_CACHE)
    except (OSError, TypeError, ValueError):
        pass
    return data


_G = _glossary()
# Words the documents use for the same thing; a question's word also finds its synonyms.
SYNONYMS: list[str] = [row["words"] for row in _G["synonyms"]["groups"]]
# English phrases that are one word in Norwegian; glossed before single words.
ENGLISH_PHRASES: dict[str, str] = _G["english_phrases"]["words"]
# English words of the council's world -> the Norwegian word(s) the documents use.
ENGLISH: dict[str, str] = _G["english"]["words"]
# Bodies and roles: a word in the question -> the canonical owner name in the knowledge base.
BODIES: dict[str, str] = _G["bodies"]["words"]
# Nynorsk words of asking and grammar -> bokmål; nynorsk spellings -> bokmål spellings.
NYNORSK_WORDS: dict[str, str] = _G["nynorsk_words"]["words"]
NYNORSK_SPELLINGS: list[tuple[str, str]] = [tuple(p) for p in _G["nynorsk_spellings"]["pairs"]]

# Requests for a list, however worded (folded text): imperatives in Norwegian and English, and
# "hva er de tre ...", "hva er målene": a count or a plural after "hva er".
LIST_REQUEST = (
    r"^(?:kan du |vil du |can you |could you |please )?(?:list(?:e)? opp|ramse opp|rams opp|"
    r"nevn(?: opp)?|oppgi|gi (?:meg )?(?:en )?(?:oversikt|liste) over|lag (?:en )?liste over|"
    r"list(?: all| up)?|name|give (?:me )?(?:a )?(?:list|overview) of|show(?: me)?|"
    r"enumerate|tell me)\b|"
    r"\b(?:hva|what) (?:er|var|blir|are|were) (?:de|dei|the) (?:to|tre|fire|fem|seks|sju|syv|atte|"
    r"ni|ti|two|three|four|five|six|seven|eight|nine|ten|\d+)\b|"
    r"^(?:hva|what) (?:er|var|are|were) (?:alle |all )?(?:de |the )?\w{3,}(?:ene|ane)\b|"
    r"^(?:hva|what) (?:er|var) (?:alle )?\w{3,}a (?:i|for|til|under)\b"
)

# Prepositional phrases that mean "about" ("med tanke på arbeidsplasser", "when it comes to"):
# they say how the question is put, not what it is about (regex on the question as written).
REGARDING = (
    r"\b(?:med tanke p(?:å|a|aa)|med hensyn til|n(?:å|a|aa)r det gjelder|hva ang(?:å|a|aa)r|"
    r"i forhold til|with regard to|with respect to|when it comes to|in terms of|regarding)\b"
)

# The time after a project ("etter at prosjektet er ferdig", "once the project ended"): a
# question set then asks about carrying the work on, which the documents call "videreføring"
# (regex on the question as written), and so does an adverb "videre". "Framover", "going forward" only say "from now on".
AFTER_PROJECT = (
    r"\b(?:etter|når|naar|nar|after|once|when)\s+(?:at\s+|that\s+)?(?:selve\s+|the\s+)?"
    r"(?:prosjekt\w*|project)"
    r"(?:\s+(?:(?:er|var|ble|blir|vart|blei|har|is|was|has|had)\s+(?:(?:blitt|vorte|been)\s+)?)?"
    r"(?:ferdig\w*|slutt|over|avslutt\w*|avslutta|endt|ended|ends|finished|completed|closed|"
    r"concluded|done)\b)?"
    r"|\bcarr(?:y|ied) on\b|\bcarr(?:y|ied) forward\b"
    # "videre" as an adverb (ending its clause, or before "etter"), not "videre vekst"
    r"|\bvidere\b(?=\s*(?:$|[?.!,;]|etter\b|after\b|og\b))"
)
FROM_NOW = r"\b(?:fram|frem)over\b|\bgoing forward\b|\bi (?:tiden|tida) som kommer\b"

# Patterns (regex on folded question text) that tell what is asked. Order matters only for ties.
INTENT_PATTERNS: dict[str, list[str]] = {
    "owner": [
        r"\bhvem\b",
        r"\bwho\b",
        r"\bhvem (har|hadde|skal|skulle|sitt?er med|tar|fikk|far|folger|gjennomforer|leder)\b",
        r"\bansvar",
        r"\bansvarlig",
        r"\bresponsib",
        r"\bwho (is|was|will|shall|owns|leads|takes)\b",
        r"\bwho\b.*\b(in charge|follow|own)",
        r"\beier\b",
        r"\bhvem sin\b",
    ],
    "deadline": [
        r"\bnar\b(?! det gjelder)",
        r"frist",
        r"\binnen\b",
        r"\bdeadline",
        r"\bwhen\b",
        r"\bdato\b",
        r"\bdate\b",
        r"\bdatert\b",
        r"\bhvilken dag\b",
        r"\bdue\b",
        r"\btidspunkt",
        r"\bhvilket ar\b",
        r"\b(what|which) year\b",
    ],
    "decision": [
        r"\bvedt",
        r"\bbesluttet",
        r"\bbestemte",
        r"\b(?:ble|blei|vart|er|var|was|is) (?:det )?bestemt\b",  # "hva ble bestemt om ..."
        r"\bbeslutning",
        r"\bdecid",
        r"\bdecision",
        r"\bresolv",
        r"\bkonkluder",
    ],
    "meeting": [
        r"\bmot(e|et|er|ene)\b",
        r"\bmotes\b",
        r"\bmeeting",
        r"\bmeet\b",
        r"\bbehandle",
        r"\bsaksliste",
        r"\bagenda",
    ],
    "amount": [
        r"\bhvor mye\b",
        r"budsjett",
        r"kostnad",
        r"\bkostn",
        r"\bkostet\b",
        r"\bkost(?:er|ar|a|e)\b",  # "hva koster", nynorsk "kva kostar"
        r"\bpris(?:en|er|ar)?\b",
        r"\bprice",
        r"\bkroner\b",
        r"\bbelop",
        r"\bhow much\b",
        r"\bbudget",
        r"\bcost",
        r"\bfund",
        r"\bmnok\b",
        r"\bmill",
        r"\btilskudd",
        r"\bbevilg",
        r"\bkutt",
        r"\bpenger",
        r"\bmidler\b",
        r"\bsokt om\b",
    ],
    "count": [
        r"\bhow big\b",
        r"\bhvor stor",
        r"\bhow large\b",
        r"\bhvor mange\b",
        r"\bhow many\b",
        r"\bantall\b",
        r"\bpopulation\b",
        r"\binnbyggertall",
        r"\bfolketall",
    ],
    "list": [
        r"\bhvilke\b",
        r"\blist",
        r"\bwhich\b",
        r"\bwhat (are|were)\b",
        r"\b(each|every)\b",
        r"\boversikt",
        r"\balle\b",
        r"\bnevn\b",
        r"\bopp\b.*\btiltak",
        LIST_REQUEST,
        # "hva for", "kva slags", and "hva" before a plural noun and its verb ("kva kommunar er
        # med", "what results does ..."): which things, not what is said.
        r"^(?:hva|what) (?:for|slags|kinds? of)\b",
        r"^(?:hva|what) (?!mer\b|annet\b|else\b)\w{3,}(?:er|ene|ar|ane|s) (?:er|var|ble|blir|skal|"
        r"skulle|har|hadde|kan|vil|fikk|far|are|were|did|does|do|will|have|has|had)\b",
    ],
    "place": [r"\bhvor (ble|var|er|ligger|holdes|skjer)\b", r"\bsted(et)?\b", r"\bwhere\b"],
    "frequency": [
        r"\bhvor ofte\b",
        r"\bhow often",
        r"\bhyppighet",
        r"\bfrekvens",
        r"\bganger (i|per|pr) (ar|aret|maned|halvar)",
    ],
    "financing": [r"\bfinansier", r"\bfunded\b", r"\bfinanced\b", r"\bfunding\b"],
    "case": [r"\bsaksnummer", r"\bsaksnr", r"\bsak\b", r"\bcase number", r"\bcase\b"],
    "status": [
        r"\bstatus",
        r"\bresultat",
        r"\bhvordan gikk",
        r"\bnadde\b",
        r"\boppnadd",
        r"\beffekt",
        r"\bresult",
        r"\boutcome",
        r"\bachiev",
        r"\bmalt\b",
        r"\bmales\b",
        r"\bgjennomfort",
        r"\bhow did\b",
        r"\bgikk det\b",
        r"\breach",
    ],
    "people": [
        r"\bhvem er\b",
        r"\bhvem (leder|ledet)\b",
        r"\bwho (leads|led|chairs|heads)\b",
        r"\bhvem var\b",
        r"\bwho is\b",
        r"\bwho was\b",
        r"\bkontaktperson",
        r"\bcontact\b",
        r"\bnavn(et)? pa\b",
        r"\bname of\b",
    ],
}


# Which store kinds can carry which asked-for fact (first is best).
KIND_FIT: dict[str, dict[str, float]] = {
    "owner": {"measure": 1.0, "person": 0.5, "decision": 0.4, "fact": 0.4, "passage": 0.3},
    "deadline": {
        "deadline": 1.0,
        "meeting": 0.8,
        "decision": 0.6,
        "document": 0.6,
        "measure": 0.4,
        "fact": 0.3,
        "passage": 0.3,
    },
    "decision": {"decision": 1.0, "fact": 0.4, "passage": 0.3, "case": 0.3},
    "meeting": {"meeting": 1.0, "case": 0.8, "measure": 0.5, "decision": 0.3, "passage": 0.3},
    "place": {"fact": 0.8, "passage": 0.8, "result": 0.6, "meeting": 0.8, "measure": 0.4},
    "frequency": {"measure": 1.0, "fact": 0.5, "passage": 0.5, "meeting": 0.4},
    "financing": {"measure": 1.0, "budget": 0.8, "passage": 0.6, "fact": 0.5, "goal": 0.4},
    "case": {"case": 1.0, "decision": 0.6, "meeting": 0.5, "passage": 0.4},
    "amount": {"budget": 1.0, "result": 0.4, "fact": 0.4, "passage": 0.3},
    "count": {"result": 0.8, "organisation": 0.8, "fact": 0.6, "budget": 0.4, "passage": 0.4},
    "status": {"result": 1.0, "goal": 0.8, "measure": 0.4, "fact": 0.5, "passage": 0.4},
    "people": {"person": 1.0, "fact": 0.4, "passage": 0.4, "organisation": 0.2},
    "members": {"fact": 0.8, "passage": 0.8, "organisation": 0.8, "person": 0.6, "measure": 0.3},
    "plan": {
        "plan": 0.6,
        "goal": 0.7,
        "measure": 0.6,
        "fact": 0.6,
        "result": 0.5,
        "passage": 0.6,
        "decision": 0.4,
        "budget": 0.3,
        "organisation": 0.3,
        "person": 0.2,
    },
}
