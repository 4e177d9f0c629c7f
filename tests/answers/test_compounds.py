"""Compounds read by their parts: the split itself, on made-up words and a made-up vocabulary."""

from bot.answers import compounds


def known_of(*words):
    return lambda part, last: part in words


def test_a_compound_splits_into_known_parts_with_a_linking_letter():
    known = known_of("fjord", "hotell", "vedlegg", "fil", "barn", "hag")
    assert compounds.split("fjordhotell", known) == ["fjord", "hotell"]
    assert compounds.split("vedleggsfil", known) == ["vedlegg", "fil"]
    assert compounds.split("barnehag", known) == ["barn", "hag"]


def test_the_longest_first_part_is_taken_and_more_than_two_parts_are_found():
    known = known_of("fjord", "fjordby", "by", "havn", "kontor", "sjef")
    # "fjordby" before "fjord": the longest known head first.
    assert compounds.split("fjordbyhavnkontor", known) == ["fjordby", "havn", "kontor"]
    assert compounds.split("havnekontorsjef", known) == ["havn", "kontor", "sjef"]


def test_a_word_without_known_parts_or_with_short_pieces_is_not_split():
    known = known_of("fjord", "by", "ny")
    assert compounds.split("fjordby", known) is None  # "by" is shorter than MIN_PART
    assert compounds.split("fjordqxz", known) is None
    assert compounds.split("fjord", known) is None


def test_common_norwegian_words_and_their_stems_are_known_parts():
    assert compounds.common_part("fil")  # a word (wordfreq)
    assert compounds.common_part("interess")  # the stem of "interesse"
    assert not compounds.common_part("jar")  # a short piece is no stem of "jarl"
    assert not compounds.common_part("qxzvb")
    assert not compounds.common_part("interess", stem=False)  # a first part is written whole


def test_a_common_word_is_read_whole_though_it_could_be_cut():
    known = compounds.knower({"send": 3, "under": 5, "sokt": 1})
    assert compounds.compound("sending", known) is None
    assert compounds.compound("undersokt", known) is None
    # a compound that is no word of its own is split, by a part only wordfreq knows ("fil")
    assert compounds.compound("vedleggsfil", compounds.knower({"vedlegg": 2})) == ["vedlegg", "fil"]
    # a first part is no stem: a mistyped "hørins" is not "høring" cut short
    assert compounds.compound("horinsfrist", compounds.knower({"frist": 1})) is None


def test_a_short_word_is_found_as_the_first_or_last_part_of_indexed_compounds():
    vocab = ["filstorr", "filial", "ungdomsmess", "messing", "fjordmess"]
    words, backwards = sorted(vocab), sorted(w[::-1] for w in vocab)
    known = known_of("ungdom", "storr", "fjord")
    assert compounds.containing("fil", words, backwards, known) == ["filstorr"]  # not "filial"
    assert set(compounds.containing("mess", words, backwards, known)) == {
        "ungdomsmess",
        "fjordmess",
    }  # not "messing": "ing" is no part
