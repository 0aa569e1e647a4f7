"""The topics of a case: which subject-bound instruments make sense at all.

Some formats only exist for one kind of question: energy coaches help households with heat and insulation,
experience experts bring lived experience of care and welfare. The case may list its `topics`; otherwise they
are read from its title, policy question and council notes with the keywords in the vocabulary.
"""

from __future__ import annotations

import re

from participatiemix.mix.case import Case
from participatiemix.mix.vocabulary import Vocabulary

WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
MIN_TAIL = 4  # a keyword this long may end a Dutch compound ('jeugdzorg' contains the topic word 'zorg')


Matchers = tuple[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...]], ...]
_CACHE: dict[int, tuple[Vocabulary, Matchers]] = {}


def _matchers(vocab: Vocabulary) -> Matchers:
    """Per topic: whole words (also as compound tail), word prefixes and phrases, lower case."""
    cached = _CACHE.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    out = []
    for topic, entry in vocab.sections.get("topics", {}).items():
        keywords = [k.lower() for words in (entry.get("keywords") or {}).values() for k in words]
        words = frozenset(k for k in keywords if " " not in k and not k.endswith("*"))
        prefixes = tuple(k[:-1] for k in keywords if k.endswith("*"))
        phrases = tuple(k for k in keywords if " " in k)
        out.append((topic, words, prefixes, phrases))
    _CACHE[id(vocab)] = (vocab, tuple(out))
    return tuple(out)


def infer_topics(text: str, vocab: Vocabulary) -> frozenset[str]:
    """Topic ids whose keywords occur in `text`."""
    found_words = WORD.findall(text.lower())
    joined = f" {' '.join(found_words)} "
    tokens = set(found_words)
    tokens |= {part for token in tokens if "-" in token for part in token.split("-")}
    found = set()
    for topic, words, prefixes, phrases in _matchers(vocab):
        if (
            tokens & words
            or any(t.startswith(prefixes) for t in tokens)
            or any(f" {p} " in joined for p in phrases)
            or any(t.endswith(w) for t in tokens for w in words if len(w) >= MIN_TAIL)
        ):
            found.add(topic)
    return frozenset(found)


def case_topics(case: Case, vocab: Vocabulary) -> frozenset[str]:
    """The case's own `topics` when given, else the topics its texts speak of."""
    if case.topics is not None:
        return frozenset(case.topics)
    return infer_topics(" ".join([case.title, case.policy_question, case.council.notes]), vocab)


def fits_topics(instrument_topics: frozenset[str] | list[str], topics: frozenset[str]) -> bool:
    """An instrument without topics fits any question; a topic-bound one needs one of its topics."""
    return not instrument_topics or bool(set(instrument_topics) & topics)
