"""Near-duplicate detection: MinHash signatures of word 3-shingles in a datasketch LSH index.

Syndicated copies of one article (a wire story with a different headline or footer) are not
independent evidence; ingest links them (``document_links`` kind ``near_duplicate``) and keeps
both. The signature is stored with each document so the index is rebuilt at the start of a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
THRESHOLD = 0.8          # estimated Jaccard similarity of shingle sets
# The LSH only proposes candidates; banding tuned at 0.8 itself misses about one pair in five
# at a true similarity of 0.9, so candidates come from a looser band and the estimate decides.
CANDIDATE_THRESHOLD = 0.5
SHINGLE_WORDS = 3
SCHEME = "affine32"      # pinned: stored signatures stay comparable across datasketch versions
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_TEMPLATE.permutations)
    mh.update_batch(sorted(shingles(text)))
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_TEMPLATE.permutations, hashvalues=np.frombuffer(data, dtype="<u8").astype(np.uint64))


class NearDuplicateIndex:
    """An LSH index of document signatures; ``query`` gives the stored documents at or above the threshold."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=NUM_PERM, weights=(0.2, 0.8))
        self._sigs: dict[int, MinHash] = {}

    @classmethod
    def build(cls, items: Iterable[tuple[int, bytes]], threshold: float = THRESHOLD) -> "NearDuplicateIndex":
        index = cls(threshold)
        for doc_id, data in items:
            if len(data) == NUM_PERM * 8:
                index.add(doc_id, from_bytes(data))
        return index

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: int, mh: MinHash) -> None:
        if doc_id in self._sigs:
            return
        self._sigs[doc_id] = mh
        self._lsh.insert(doc_id, mh)

    def query(self, mh: MinHash) -> list[tuple[int, float]]:
        """(document id, estimated Jaccard similarity), most similar first, ties by id."""
        found = []
        for doc_id in self._lsh.query(mh):
            sim = float(mh.jaccard(self._sigs[doc_id]))
            if sim >= self.threshold:
                found.append((doc_id, round(sim, 4)))
        return sorted(found, key=lambda x: (-x[1], x[0]))
