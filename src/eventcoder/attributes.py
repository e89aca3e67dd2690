"""The attribute ruler and the lemmatizer, memoised: the same results for a table lookup per word.

spaCy's ``attribute_ruler`` maps each word's tag to its coarse POS and morphology (and fixes a few lemmas) by
running a ``Matcher`` with about 180 patterns over every word; the rule ``lemmatizer`` then reads the word,
its POS and its morphology. Together they cost as much as the parser, yet almost every word's result is a
function of a few of its attributes:

* a single-word ruler pattern tests only the attributes it names (here the tag, the dependency label,
  ``IS_SPACE`` and the lower-case form), and a word that no pattern names ("Assad", "1,200") passes or fails
  every word test exactly as any other such word does. So the ruler's effect is remembered per
  :class:`Reads` key: those attributes, with an unnamed word's form replaced by 0. A new key is learnt by
  running the real ruler on the word alone, a one-word Doc with its tag and label;
* the lemmatizer's result is a function of the word, its POS and its morphology: remembered per that triple,
  learnt by asking the real lemmatizer about the word in place.

:class:`MemoAttributes` applies both and writes the results in one array. A Doc goes through the real
components instead when one of the ruler's multi-word patterns matches it ("there is", "gon na") or when its
words already carry a POS, morphology or lemma. :func:`install` leaves a pipeline alone when its ruler has
patterns outside what :class:`Reads` understands, or when it lacks either component.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc

NAME = "eventcoder_attributes"
FORM_TESTS = frozenset({"ORTH", "LOWER"})  # tests of the word's form ("TEXT" is "ORTH")
OTHER_TESTS = frozenset(  # what else a single-word pattern may test: the word's lexeme flags, tag and label
    {"LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE"}
    | {"LIKE_NUM", "TAG", "DEP"}
)
SETS = frozenset({"POS", "TAG", "DEP", "MORPH", "LEMMA"})  # what a rule may set (no lexeme attribute)
WRITE = [TAG, DEP, POS, MORPH, LEMMA]  # a Row

Row = tuple[int, int, int, int, int]  # TAG, DEP, POS, MORPH, LEMMA
Columns = dict[int, list[int]]  # attribute id -> its value for each word of a Doc


def _single(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and "OP" not in pattern[0]


class _Form:
    """The tests of one form attribute (ORTH or LOWER): the words named by equality, IN and NOT_IN tests
    and the REGEX tests. Every test treats alike all words that are not named and match no regex."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        self.plain = True  # False when a test is of another kind (then the form is kept as it is)
        self.canonical: dict[int, int] = {}  # form hash -> itself, or 0 for a word no test singles out

    def add(self, value: Any) -> None:
        if isinstance(value, str):
            self.words.add(value)
        elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            for op, arg in value.items():
                if op == "REGEX" and isinstance(arg, str):
                    self.regexes.append(re.compile(arg))
                elif op != "REGEX" and all(isinstance(w, str) for w in arg):
                    self.words.update(arg)
                else:
                    self.plain = False
        else:
            self.plain = False

    def key(self, value: int, strings: StringStore) -> int:
        found = self.canonical.get(value)
        if found is None:
            text = strings[value]
            single = text in self.words or any(r.search(text) for r in self.regexes)
            found = self.canonical[value] = value if single else 0
        return found


class Reads:
    """What the ruler's single-word patterns test, as a memo key per word: the tested attributes, with a
    word's form (ORTH, LOWER) replaced by 0 when no test singles it out (see :class:`_Form`)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        names: set[str] = set()
        forms: dict[str, _Form] = {}
        self.ok = True
        for rule in ruler.patterns:
            self.ok &= {k.upper() for k in rule["attrs"]} <= SETS
            for pattern in rule["patterns"]:
                if not _single(pattern):
                    continue
                self.ok &= rule.get("index", 0) in (0, -1)
                for key, value in pattern[0].items():
                    name = "ORTH" if key.upper() == "TEXT" else key.upper()
                    self.ok &= name in FORM_TESTS | OTHER_TESTS
                    names.add(name)
                    if name in FORM_TESTS:
                        forms.setdefault(name, _Form()).add(value)
        order = sorted(names & (FORM_TESTS | OTHER_TESTS))
        self.attrs = [IDS[n] for n in order]
        self.forms = [forms[n] if n in forms and forms[n].plain else None for n in order]

    def keys(self, columns: Columns) -> list[tuple[int, ...]]:
        """One key per word, from the Doc's attribute columns."""
        keyed = []
        for attr, form in zip(self.attrs, self.forms, strict=True):
            column = columns[attr]
            keyed.append(column if form is None else [form.key(v, self.strings) for v in column])
        return list(zip(*keyed, strict=True))


class _Anchors:
    """A cheap test that a multi-word pattern cannot match a Doc: each of its words with a plain equality
    or IN test of ORTH, LOWER, TAG or DEP (and no operator) needs a word in the Doc with one of those values.
    Patterns without such tests always pass."""

    ATTRS = ("ORTH", "LOWER", "TAG", "DEP")

    def __init__(self, patterns: list[list[dict[str, Any]]], strings: StringStore) -> None:
        self.attrs = [IDS[a] for a in self.ATTRS]
        self.patterns: list[list[tuple[int, frozenset[int]]]] = []
        for pattern in patterns:
            needs = []
            for spec in pattern:
                if "OP" in spec:
                    continue
                for key, value in spec.items():
                    name = "ORTH" if key.upper() == "TEXT" else key.upper()
                    values = [value] if isinstance(value, str) else None
                    if isinstance(value, dict) and set(value) == {"IN"}:
                        values = value["IN"]
                    if name in self.ATTRS and values is not None and all(isinstance(v, str) for v in values):
                        ids = frozenset(strings[v] for v in values)  # as in the Doc (labels are symbols)
                        needs.append((IDS[name], ids))
            self.patterns.append(needs)

    def may_match(self, columns: Columns) -> bool:
        """False when no pattern can match the Doc with these attribute columns."""
        present: dict[int, set[int]] = {}
        for needs in self.patterns:
            for attr, values in needs:
                if attr not in present:
                    present[attr] = set(columns[attr])
                if present[attr].isdisjoint(values):
                    break
            else:
                return True
        return False


class MemoAttributes:
    """``attribute_ruler`` followed by ``lemmatizer``, with their results remembered (see the module)."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.vocab = ruler.vocab
        self.reads = Reads(ruler)
        self.multi = Matcher(self.vocab)
        for n, rule in enumerate(ruler.patterns):
            several = [p for p in rule["patterns"] if not _single(p)]
            if several:
                self.multi.add(f"multi{n}", several)
        several = [p for rule in ruler.patterns for p in rule["patterns"] if not _single(p)]
        self.anchors = _Anchors(several, self.vocab.strings)
        self.read = list(
            dict.fromkeys([POS, MORPH, LEMMA, ORTH, TAG, DEP, *self.reads.attrs, *self.anchors.attrs])
        )
        self.ruled: dict[tuple[int, ...], Row] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        columns = dict(zip(self.read, doc.to_array(self.read).T.tolist(), strict=True)) if len(doc) else {}
        if (
            not columns
            or any(columns[POS])
            or any(columns[MORPH])
            or any(columns[LEMMA])
            or (self.anchors.may_match(columns) and self.multi(doc, allow_missing=True))
        ):
            return self.lemmatizer(self.ruler(doc))
        ruled = self.ruled
        rows = [
            ruled.get(key) or self._rule(*word)
            for key, word in zip(
                self.reads.keys(columns),
                zip(columns[ORTH], columns[TAG], columns[DEP], strict=True),
                strict=True,
            )
        ]
        overwrite = self.lemmatizer.overwrite
        lemmas = self.lemmas
        unknown = []
        for i, (orth, row) in enumerate(zip(columns[ORTH], rows, strict=True)):
            if overwrite or not row[4]:
                lemma = lemmas.get((orth, row[2], row[3]), 0)
                rows[i] = (*row[:4], lemma)
                if not lemma:
                    unknown.append(i)
        doc.from_array(WRITE, numpy.array(rows, dtype=numpy.uint64))
        for i in unknown:  # asked in place, as the lemmatizer itself does
            token = doc[i]
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]
            lemmas[token.orth, token.pos, token.morph.key] = token.lemma
        return doc

    def _rule(self, orth: int, tag: int, dep: int) -> Row:
        """The ruler's effect on a word with this tag and label, run on the word alone."""
        doc = Doc(self.vocab, words=[self.vocab.strings[orth]])
        token = doc[0]
        token.tag, token.dep = tag, dep
        columns = dict(zip(self.reads.attrs, doc.to_array(self.reads.attrs).T.tolist(), strict=True))
        key = self.reads.keys(columns)[0]
        self.ruler(doc)
        row = self.ruled[key] = (token.tag, token.dep, token.pos, token.morph.key, token.lemma)
        return row


def index_sets(lemmatizer: Lemmatizer) -> None:
    """spaCy's rule lemmatizer tests ``form in index`` against the lookups' index lists (57,000 nouns): a
    frozenset of the same words gives the same answers in constant time instead of a scan."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


@Language.factory(NAME)
def make_memo_attributes(nlp: Language, name: str) -> MemoAttributes:
    return MemoAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def install(nlp: Language) -> bool:
    """Replace ``attribute_ruler`` and ``lemmatizer`` by their memoised pair when they run one after the
    other and the ruler's patterns allow it (both stay in the pipeline, disabled). True when installed.
    The lemmatizer's index lists become sets (:func:`index_sets`) in any case."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    if isinstance(lemmatizer := nlp.get_pipe("lemmatizer"), Lemmatizer):
        index_sets(lemmatizer)
    ruler = nlp.get_pipe("attribute_ruler")
    at = names.index("attribute_ruler")
    if names[at + 1 : at + 2] != ["lemmatizer"] or not isinstance(ruler, AttributeRuler):
        return False
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in ("rule", "lookup"):
        return False
    if not Reads(ruler).ok:
        return False
    nlp.add_pipe(NAME, after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return True
