"""scikit-learn estimators: :class:`FrameCounter` and :class:`FrameRates`.

They split the work the way ``CountVectorizer`` and ``TfidfTransformer`` do:
``FrameCounter`` turns raw texts into a sparse matrix of frame counts (one row
per text, one column per frame), ``FrameRates`` turns 2-D counts into rates.
Counts are the truth; rates are derived from them.

Token counts travel as a column: ``FrameCounter(add_n_tokens=True)`` appends
``n_tokens`` as the last column, and ``FrameRates`` (by default) divides the
other columns by that last column and drops it::

    make_pipeline(FrameCounter(lexicon=lex, add_n_tokens=True), FrameRates())
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from sklearn import get_config
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, check_non_negative, validate_data

from framing._conventions import UNITS
from framing._errors import InvalidParameterError
from framing.lexicon import Lexicon

__all__ = ["FrameCounter", "FrameRates"]

_NORMALIZE = ("per_1000", "per_token", "l1", "l2")


def _dense_output_requested(estimator: BaseEstimator) -> bool:
    """True when ``set_output`` (or the global config) asks for a DataFrame."""
    # sklearn keeps set_output's choice on the instance (and clone copies it);
    # pandas/polars containers cannot hold sparse matrices.
    config = getattr(estimator, "_sklearn_output_config", {}).get("transform")
    return (config or get_config()["transform_output"]) in ("pandas", "polars")


class FrameCounter(TransformerMixin, BaseEstimator):
    """Count each frame's matches in raw texts: a sparse (text x frame) matrix.

    Parameters
    ----------
    lexicon : Lexicon, str or path-like, default=None
        The lexicon, a bundled lexicon's name (``"mideast"``) or a lexicon
        file; required (``fit`` raises when it is missing).
    unit : {"document", "paragraph", "sentence"}, default="document"
        The unit matches are found in.  With ``"sentence"`` or
        ``"paragraph"`` a multi-word pattern (or a negation window) never
        spans two sentences or paragraphs; the output still has one row per
        input text (the segments' counts summed), as a transformer must.
    negation_window : int, default=None
        Passed to :func:`framing.score_frames`; negated hits are not counted.
    add_n_tokens : bool, default=False
        Append a last column ``n_tokens`` (the tokens of each text) so that
        :class:`FrameRates` can turn counts into rates per 1,000 tokens.
    n_jobs : int, default=1
        Processes counting, as in :func:`framing.score_frames`; the counts do
        not depend on it.

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon.
    feature_names_out_ : ndarray of str
        Frame names (and ``n_tokens`` when ``add_n_tokens``).

    See Also
    --------
    FrameRates : turn the counts into rates.
    framing.score_frames : the same counts with docvars, for a corpus.

    Notes
    -----
    ``transform`` returns a ``scipy.sparse.csr_matrix`` of int64, except when
    pandas or polars output is configured with ``set_output``, which cannot
    hold sparse data: then it returns a dense array that scikit-learn wraps
    into a DataFrame with the frame names as columns.

    Examples
    --------
    >>> from framing import Lexicon
    >>> lex = Lexicon.from_terms("toy", {"war": ["war*", "armed conflict"], "peace": ["peace*"]})
    >>> fc = FrameCounter(lexicon=lex, add_n_tokens=True)
    >>> fc.fit_transform(["War and peace.", "An armed conflict; wars."]).toarray()
    array([[1, 1, 3],
           [2, 0, 4]])
    >>> fc.get_feature_names_out().tolist()
    ['war', 'peace', 'n_tokens']
    >>> fc.set_output(transform="pandas").transform(["Peace, peace."])
       war  peace  n_tokens
    0    0      2         2
    """

    def __init__(
        self,
        *,
        lexicon: Lexicon | str | os.PathLike[str] | None = None,
        unit: str = "document",
        negation_window: int | None = None,
        add_n_tokens: bool = False,
        n_jobs: int = 1,
    ) -> None:
        self.lexicon = lexicon
        self.unit = unit
        self.negation_window = negation_window
        self.add_n_tokens = add_n_tokens
        self.n_jobs = n_jobs

    def fit(self, X: Iterable[str], y: Any = None) -> FrameCounter:  # noqa: ARG002 (sklearn API)
        """Check the parameters and load the lexicon; the texts are not used.

        Parameters
        ----------
        X : iterable of str
            Raw texts (ignored).
        y : None
            Ignored.

        Returns
        -------
        self : FrameCounter
        """
        if self.lexicon is None:
            raise InvalidParameterError(
                "FrameCounter needs lexicon= (a Lexicon, a bundled name or a file)"
            )
        if self.unit not in UNITS:
            raise InvalidParameterError(
                f"FrameCounter: unit must be one of {list(UNITS)}, got {self.unit!r}"
            )
        if isinstance(self.n_jobs, bool) or not isinstance(self.n_jobs, int) or self.n_jobs < 1:
            raise InvalidParameterError(
                f"FrameCounter: n_jobs must be a positive integer, got {self.n_jobs!r}"
            )
        if isinstance(self.lexicon, Lexicon):
            self.lexicon_ = self.lexicon
        else:
            from framing.lexicon import load_lexicon

            self.lexicon_ = load_lexicon(self.lexicon)
        names = list(self.lexicon_.frame_names) + (["n_tokens"] if self.add_n_tokens else [])
        self.feature_names_out_ = np.asarray(names, dtype=object)
        return self

    def transform(self, X: Iterable[str]) -> sp.csr_matrix | np.ndarray:
        """Count frames in each text.

        Parameters
        ----------
        X : iterable of str
            Raw texts (a list, a pandas Series, ...), not a single string.

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_texts, n_features)
            Integer counts (dense when pandas output is configured).
        """
        check_is_fitted(self, "lexicon_")
        texts = _texts(X)
        counts, n_tokens = self._count(texts)
        if self.add_n_tokens:
            counts = np.column_stack([counts, n_tokens])
        if _dense_output_requested(self):
            return counts
        return sp.csr_matrix(counts)

    def _count(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        from framing.score._score import score_frames

        n_frames = len(self.lexicon_.frames)
        if not texts:
            return np.zeros((0, n_frames), np.int64), np.zeros(0, np.int64)
        from corpus import Corpus

        corp = Corpus.from_texts(texts)
        scores = score_frames(
            corp,
            self.lexicon_,
            unit=self.unit,
            negation_window=self.negation_window,
            n_jobs=self.n_jobs,
        )
        counts, n_tokens = scores.counts, scores.n_tokens
        if self.unit != "document":
            parent = scores.docvars["parent_id"].to_numpy()
            order = pd.Index(corp.doc_ids)
            counts = counts.groupby(parent, sort=False).sum().reindex(order, fill_value=0)
            n_tokens = n_tokens.groupby(parent, sort=False).sum().reindex(order, fill_value=0)
        return counts.to_numpy(np.int64), n_tokens.to_numpy(np.int64)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:  # noqa: ARG002
        """Frame names (plus ``n_tokens`` when ``add_n_tokens``).

        Parameters
        ----------
        input_features : None
            Ignored (the input is raw text).

        Returns
        -------
        ndarray of str
        """
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = True
        return tags


def _texts(X: Iterable[str]) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise InvalidParameterError(
            "FrameCounter expects an iterable of texts (a list, a pandas Series), "
            "got a single string; wrap it in a list"
        )
    texts = list(X)
    bad = next((t for t in texts if not isinstance(t, str)), None)
    if bad is not None:
        raise InvalidParameterError(
            f"FrameCounter expects texts (str), got {type(bad).__name__}: {bad!r}"
        )
    return texts


class FrameRates(TransformerMixin, BaseEstimator):
    """Turn 2-D frame counts into rates.

    Parameters
    ----------
    normalize : {"per_1000", "per_token", "l1", "l2"}, default="per_1000"
        ``"per_1000"``: counts x 1000 / tokens (FrameScores.rates);
        ``"per_token"``: counts / tokens; ``"l1"``/``"l2"``: each row divided
        by its L1/L2 norm over the frame columns (the share of a unit's hits
        each frame has, for ``"l1"``).
    n_tokens_col : int or None, default=-1
        The column holding each unit's token count (``-1``: the last, where
        ``FrameCounter(add_n_tokens=True)`` puts it).  It is used for the
        ``per_*`` rates and dropped from the output.  ``None``: there is no
        such column (only valid with ``"l1"``/``"l2"``).

    Attributes
    ----------
    n_features_in_ : int
        Columns seen in ``fit``.
    feature_names_in_ : ndarray of str
        Column names seen in ``fit``, when ``X`` was a DataFrame.
    frame_columns_ : ndarray of int
        The input columns that are frame counts (all but the token column).

    Notes
    -----
    ``per_1000``: :math:`r_{uf} = 1000\\, c_{uf} / n_u`.  A unit with no tokens
    gets NaN, as in :meth:`FrameScores.rates` (also with sparse input, where
    its row stores explicit NaNs).  For ``l1``/``l2`` a row of zeros
    stays zeros.  Sparse input gives sparse output.  Counts must be
    non-negative.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[2, 0, 1000], [1, 1, 500]])
    >>> FrameRates().fit_transform(X)
    array([[2., 0.],
           [2., 2.]])
    >>> FrameRates(normalize="l1", n_tokens_col=None).fit_transform([[2, 2], [0, 0]])
    array([[0.5, 0.5],
           [0. , 0. ]])
    """

    def __init__(self, *, normalize: str = "per_1000", n_tokens_col: int | None = -1) -> None:
        self.normalize = normalize
        self.n_tokens_col = n_tokens_col

    def fit(self, X: Any, y: Any = None) -> FrameRates:  # noqa: ARG002 (sklearn API)
        """Check the parameters and the shape of ``X``.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_units, n_columns)
            Non-negative counts.
        y : None
            Ignored.

        Returns
        -------
        self : FrameRates
        """
        if self.normalize not in _NORMALIZE:
            raise ValueError(
                f"FrameRates: normalize must be one of {list(_NORMALIZE)}, got {self.normalize!r}"
            )
        col = self.n_tokens_col
        if col is None and self.normalize.startswith("per_"):
            raise ValueError(
                f"FrameRates: normalize={self.normalize!r} needs token counts; set n_tokens_col "
                "(e.g. -1 with FrameCounter(add_n_tokens=True)) or use 'l1'/'l2'"
            )
        if col is not None and (isinstance(col, bool) or not isinstance(col, (int, np.integer))):
            raise ValueError(f"FrameRates: n_tokens_col must be an int or None, got {col!r}")
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=True)
        check_non_negative(X, "FrameRates")
        n = X.shape[1]
        if col is not None:
            if not -n <= col < n or n < 2:
                raise ValueError(
                    f"FrameRates: n_tokens_col={col} needs a token column and at least one frame "
                    f"column; X has {n} feature(s)"
                )
            self.frame_columns_ = np.delete(np.arange(n), col % n)
        else:
            self.frame_columns_ = np.arange(n)
        return self

    def transform(self, X: Any) -> np.ndarray | sp.csr_matrix:
        """Divide counts by token counts (or by row norms).

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_units, n_columns)

        Returns
        -------
        ndarray or csr_matrix of shape (n_units, n_frame_columns), float64
        """
        check_is_fitted(self, "frame_columns_")
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        check_non_negative(X, "FrameRates")
        counts = X[:, self.frame_columns_]
        if self.normalize.startswith("per_"):
            tokens = X[:, self.n_tokens_col % X.shape[1]]
            tokens = tokens.toarray().ravel() if sp.issparse(tokens) else np.asarray(tokens)
            scale = 1000.0 if self.normalize == "per_1000" else 1.0
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(tokens > 0, scale / tokens, np.nan)
        else:
            order = 1 if self.normalize == "l1" else 2
            norms = (
                spla.norm(counts, ord=order, axis=1)
                if sp.issparse(counts)
                else np.linalg.norm(counts, ord=order, axis=1)
            )
            factor = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        if sp.issparse(counts):
            return _scale_sparse_rows(counts, factor)
        return counts * factor[:, None]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the frame columns (the input names without the token column).

        Parameters
        ----------
        input_features : array-like of str, default=None
            Input column names; by default ``feature_names_in_`` or
            ``x0, x1, ...``.

        Returns
        -------
        ndarray of str
        """
        check_is_fitted(self, "frame_columns_")
        if input_features is None:
            input_features = getattr(self, "feature_names_in_", None)
        if input_features is None:
            input_features = [f"x{i}" for i in range(self.n_features_in_)]
        names = np.asarray(input_features, dtype=object)
        if names.shape != (self.n_features_in_,):
            raise ValueError(
                f"input_features has {names.size} names, expected {self.n_features_in_}"
            )
        return names[self.frame_columns_]

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        tags.input_tags.sparse = True
        return tags


def _scale_sparse_rows(counts: sp.csr_matrix, factor: np.ndarray) -> sp.csr_matrix:
    """Multiply row i by factor[i]; a NaN factor makes the whole row NaN (stored)."""
    nan_rows = np.flatnonzero(np.isnan(factor))
    scaled = sp.csr_matrix(sp.diags(np.nan_to_num(factor, nan=0.0)) @ counts)
    if nan_rows.size == 0:
        return scaled
    coo = scaled.tocoo()
    keep = ~np.isin(coo.row, nan_rows)
    n_cols = counts.shape[1]
    rows = np.concatenate([coo.row[keep], np.repeat(nan_rows, n_cols)])
    cols = np.concatenate([coo.col[keep], np.tile(np.arange(n_cols), nan_rows.size)])
    data = np.concatenate([coo.data[keep], np.full(nan_rows.size * n_cols, np.nan)])
    return sp.csr_matrix((data, (rows, cols)), shape=counts.shape)
