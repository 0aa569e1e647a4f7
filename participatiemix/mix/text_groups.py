"""Group short Dutch texts (flip-over notes, open answers) into threads, each labelled with key words.

Pure Python on scikit-learn; no Django. The grouping works on character n-grams within word
boundaries (``char_wb``, 3 to 5 characters): for short Dutch notes this catches compounds and
inflections ("warmtenet", "warmtenetten", "netwerk van warmte") far better than whole words or stems.
Notes are clustered bottom-up (average linkage on cosine distance) and cut at a fixed distance, so the
number of threads follows the material instead of being guessed up front. The labels come from a
word-level TF-IDF with a Dutch stop-word list, so a thread reads as its key words.

Everything is deterministic: the same texts in the same order give the same groups, labels and order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Cosine distance at which two clusters stop merging. Tuned on workshop notes about the energy case:
# lower splits paraphrases of one idea, higher lumps unrelated notes that share common n-grams.
DEFAULT_DISTANCE_THRESHOLD = 0.82
DEFAULT_LABEL_TERMS = 3

# Dutch function words plus words every note in a participation workshop uses, which therefore say
# nothing about what sets a thread apart ("inwoners", "gemeente", "we").
_STOP_WORDS_TEXT = """
    aan af al alle alleen één eén als altijd ander andere anders ben bij bijv bijvoorbeeld binnen blijft
    blijven daar daarna daarom dan dat de deze die dit doe doen door dus een eens eerst en enz er erg ergens
    even ga gaan gaat geen geeft geven gewoon had heb hebben heeft hem het hier hij hoe hun ieder iedere iets
    ik in is ja je jij jou jouw juist kan kun kunnen laat laten maar maakt maken me meer meest men met mij mijn
    minder moet moeten mogelijk na naar natuurlijk niet niets nog nu of om omdat onder ons onze ook op over per
    plaats sommige te tegen toch toe tot twee u uit uw van veel verder via vol voor vooral vooraf waar waarom
    wanneer wat we wel welk welke wie wij wil willen wordt worden zal ze zeer zelf zich zij zijn zo zoals zodat
    zonder zou zouden gemeente gemeenten inwoners inwoner bewoners bewoner mensen goed goede echt heel keer
    manier
"""
DUTCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[a-zà-ÿ0-9]+(?:[-'][a-zà-ÿ0-9]+)*")


@dataclass(frozen=True)
class Group:
    """One thread: its key words (most telling first) and the positions of its members in the input."""

    label_terms: tuple[str, ...]
    member_indices: tuple[int, ...]

    @property
    def label(self) -> str:
        return ", ".join(self.label_terms)

    def __len__(self) -> int:
        return len(self.member_indices)


def normalise(text: str) -> str:
    """Lower case, Unicode-composed, single spaces: the form both vectorisers see."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def words(text: str) -> list[str]:
    """Content words of a text for labels: no stop words, no numbers, at least three letters."""
    return [w for w in _WORD.findall(normalise(text)) if len(w) >= 3 and w not in DUTCH_STOP_WORDS and not w.isdigit()]


def group_texts(
    texts: Sequence[str],
    *,
    max_groups: int | None = None,
    distance_threshold: float = DEFAULT_DISTANCE_THRESHOLD,
    label_terms: int = DEFAULT_LABEL_TERMS,
) -> list[Group]:
    """Split `texts` into groups of similar texts; every index appears in exactly one group.

    Groups come largest first (ties: earliest first member). `max_groups` caps the number of groups
    (similar groups are merged further until it fits). Empty or blank texts form one group of their own.
    """
    if max_groups is not None and max_groups < 1:
        raise ValueError("max_groups moet minstens 1 zijn")
    texts = [normalise(t) for t in texts]
    filled = [i for i, t in enumerate(texts) if t]
    blank = [i for i, t in enumerate(texts) if not t]
    clusters = _cluster([texts[i] for i in filled], distance_threshold)
    member_lists = [[filled[j] for j in cluster] for cluster in clusters]
    if blank:
        member_lists.append(blank)
    if max_groups is not None and len(member_lists) > max_groups:
        member_lists = _cap(texts, member_lists, max_groups)
    member_lists.sort(key=lambda m: (-len(m), m[0]))
    labels = label_groups(texts, member_lists, n=label_terms)
    return [Group(label_terms=lab, member_indices=tuple(m)) for lab, m in zip(labels, member_lists, strict=True)]


def _cluster(texts: list[str], threshold: float) -> list[list[int]]:
    """Clusters as sorted index lists into `texts` (average linkage, cosine distance, cut at `threshold`)."""
    if not texts:
        return []
    if len(texts) == 1:
        return [[0]]
    distances = _char_distances(texts)
    labels = _agglomerate(distances, n_clusters=None, threshold=threshold)
    return _members(labels)


def _char_distances(texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32)
    matrix = vectoriser.fit_transform(texts)  # rows are L2-normalised: the dot product is the cosine
    if matrix.shape[0] * matrix.shape[1] <= _DENSE_LIMIT:
        dense = matrix.toarray()
        similarity = dense @ dense.T  # BLAS on a small dense matrix beats the sparse product
    else:
        similarity = (matrix @ matrix.T).toarray()
    distances = np.clip(1.0 - similarity, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distances, 0.0)
    return (distances + distances.T) / 2  # exact symmetry for the condensed form


# Cells of the n-gram matrix up to which it is multiplied dense (float32: 4 bytes a cell, so 120 MB).
_DENSE_LIMIT = 30_000_000


def _agglomerate(distances: np.ndarray, *, n_clusters: int | None, threshold: float | None) -> np.ndarray:
    """Average-linkage clustering; cut at a distance, or at most `n_clusters` clusters."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    tree = linkage(squareform(distances, checks=False), method="average")
    if n_clusters:
        return fcluster(tree, n_clusters, criterion="maxclust")
    return fcluster(tree, threshold, criterion="distance")


def _members(labels: np.ndarray) -> list[list[int]]:
    """Index lists per cluster label, ordered by first member (label numbers are arbitrary)."""
    by_label: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        by_label.setdefault(label, []).append(index)
    return sorted(by_label.values(), key=lambda m: m[0])


def _cap(texts: list[str], member_lists: list[list[int]], max_groups: int) -> list[list[int]]:
    """Merge groups until at most `max_groups` remain, closest first (blank texts count as one group)."""
    filled = [i for m in member_lists for i in m if texts[i]]
    blank = [i for m in member_lists for i in m if not texts[i]]
    budget = max_groups - (1 if blank else 0)
    if budget < 1:  # only room for one group: everything together
        return [sorted(filled + blank)]
    filled.sort()
    labels = _agglomerate(_char_distances([texts[i] for i in filled]), n_clusters=budget, threshold=None)
    capped = [[filled[j] for j in cluster] for cluster in _members(labels)]
    return capped + ([blank] if blank else [])


def label_groups(texts: Sequence[str], member_lists: Sequence[Sequence[int]], *, n: int = DEFAULT_LABEL_TERMS):
    """Top `n` key words per group: word TF-IDF over all texts, summed over the group's members.

    A word scores high when it is frequent in the group and rare elsewhere. Ties go alphabetically, so
    labels are stable. A group without content words gets an empty tuple.
    """
    docs = [" ".join(words(t)) for t in texts]
    if not any(docs):
        return [() for _ in member_lists]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, norm="l2")
    matrix = vectoriser.fit_transform(docs)
    vocabulary = vectoriser.get_feature_names_out()
    result: list[tuple[str, ...]] = []
    for members in member_lists:
        if not members:
            result.append(())
            continue
        scores = np.asarray(matrix[list(members)].sum(axis=0)).ravel()
        # Count in how many members a word occurs: a word shared by several notes is the thread's theme.
        spread = np.asarray((matrix[list(members)] > 0).sum(axis=0)).ravel()
        order = sorted(
            (i for i in np.flatnonzero(scores > 0)),
            key=lambda i: (-spread[i], -round(float(scores[i]), 6), vocabulary[i]),
        )
        result.append(tuple(str(vocabulary[i]) for i in order[:n]))
    return result


def top_terms(texts: Sequence[str], members: Sequence[int], *, n: int = DEFAULT_LABEL_TERMS) -> tuple[str, ...]:
    """Key words of one set of members among `texts` (e.g. after merging two threads)."""
    return label_groups(texts, [members], n=n)[0]
