"""Frame co-occurrence within units: counts, Jaccard, PMI and NPMI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from framing.stats._aggregate import as_units

if TYPE_CHECKING:
    from framing.score import FrameScores

__all__ = ["cooccurrence"]


def cooccurrence(
    scores: FrameScores | pd.DataFrame,
    *,
    threshold: float = 1,
    frames: Sequence[str] | None = None,
    force: bool = False,
) -> pd.DataFrame:
    """How often frames appear together in the same unit.

    Parameters
    ----------
    scores : FrameScores or DataFrame
        Integer frame counts (a DataFrame in the ``framing score`` layout needs ``frames=``).
    threshold : float, default=1
        Hits needed for a frame to count as present in a unit.
    frames : sequence of str, optional
        Frames to include (default all).
    force : bool, default=False
        Accept normalised or non-integer input.

    Returns
    -------
    DataFrame
        One row per ordered pair of frames (the diagonal included, so the
        table pivots to a full symmetric matrix): ``frame_a``, ``frame_b``,
        ``n_a``, ``n_b``, ``n_both``, ``n_units``, ``jaccard``, ``pmi``,
        ``npmi``.  ``.attrs`` holds ``threshold`` and ``unit``.

    Notes
    -----
    With :math:`N` units, :math:`n_a` units containing frame *a* and
    :math:`n_{ab}` containing both:

    - Jaccard :math:`= n_{ab} / (n_a + n_b - n_{ab})`;
    - PMI :math:`= \\log_2 \\frac{n_{ab} N}{n_a n_b}` (``-inf`` when
      :math:`n_{ab}=0`; NaN when a frame never occurs);
    - NPMI :math:`= \\mathrm{PMI} / -\\log_2 (n_{ab}/N)`, in [-1, 1]: -1 when
      the frames never co-occur, 0 when independent, 1 when they always
      co-occur (Bouma 2009).  NPMI is 1 on the diagonal.

    References
    ----------
    Bouma, G. (2009). Normalized (pointwise) mutual information in collocation
    extraction. *Proceedings of GSCL*, 31-40.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": list("abcd"), "n_tokens": 10,
    ...                       "war": [1, 2, 0, 0], "peace": [1, 0, 3, 0]})
    >>> out = cooccurrence(table, frames=["war", "peace"])
    >>> out[["frame_a", "frame_b", "n_both", "jaccard", "pmi"]]
      frame_a frame_b  n_both   jaccard  pmi
    0     war     war       2  1.000000  1.0
    1     war   peace       1  0.333333  0.0
    2   peace     war       1  0.333333  0.0
    3   peace   peace       2  1.000000  1.0
    """
    units = as_units(scores, frames=frames, force=force)
    present = (units.counts >= threshold).astype(np.int64)
    both = present.T @ present
    single = np.diag(both).astype(float)
    n = float(len(present))
    fa, fb = np.meshgrid(np.arange(len(units.frames)), np.arange(len(units.frames)), indexing="ij")
    n_a, n_b, n_ab = single[fa], single[fb], both.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        union = n_a + n_b - n_ab
        jaccard = np.where(union > 0, n_ab / union, np.nan)
        pmi = np.log2(n_ab * n / (n_a * n_b))
        pmi = np.where((n_a > 0) & (n_b > 0), pmi, np.nan)
        npmi = pmi / -np.log2(n_ab / n)
    npmi = np.where(n_ab == 0, -1.0, npmi)
    npmi = np.where(n_ab == n, 1.0, npmi)  # every unit has both: 0/0, by convention 1
    npmi = np.where(np.isnan(pmi), np.nan, npmi)
    names = np.array(units.frames, dtype=object)
    out = pd.DataFrame(
        {
            "frame_a": names[fa.ravel()],
            "frame_b": names[fb.ravel()],
            "n_a": n_a.ravel().astype(np.int64),
            "n_b": n_b.ravel().astype(np.int64),
            "n_both": n_ab.ravel().astype(np.int64),
            "n_units": int(n),
            "jaccard": jaccard.ravel(),
            "pmi": pmi.ravel(),
            "npmi": npmi.ravel(),
        }
    )
    out.attrs.update({"threshold": threshold, "unit": units.unit})
    return out
