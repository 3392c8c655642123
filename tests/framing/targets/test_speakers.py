"""UN General Debate speakers from Speakers_by_session.xlsx (#17)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing import InvalidParameterError
from framing.targets import read_ungdc_speakers, ungdc_speakers


@pytest.fixture
def xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "Speakers_by_session.xlsx"
    pd.DataFrame({
        "Year": [2024, 1962, 1962, 1980], "Session": [79, 17, 17, 35],
        "ISO Code": ["IRN", "SYR", "SYR", "LBN"], "Country": ["Iran", "Syria", "Syria", "Lebanon"],
        "Name of Person Speaking": ["Mr. Masoud Pezeshkian", "A", "B ", None],
        "Post": ["President", None, "Minister", None],
    }).to_excel(path, index=False)  # fmt: skip
    return path


def test_one_row_per_country_session(xlsx: Path) -> None:
    t = read_ungdc_speakers(xlsx).set_index(["country", "session"])
    assert t.loc[("IRN", 79), ["source", "post"]].tolist() == ["Masoud Pezeshkian (IRN)",
                                                               "President"]  # fmt: skip
    assert t.loc[("SYR", 17), "source"] == "A; B (SYR)"
    assert t.loc[("LBN", 35), "source"] == "LBN"


def test_labels_per_document(xlsx: Path) -> None:
    docvars = pd.DataFrame({"country": ["IRN", "ISR"], "session": [79, 79]},
                           index=["IRN_79_2024", "ISR_79_2024"])  # fmt: skip
    speaker, own = ungdc_speakers(docvars, xlsx)
    assert speaker == {"IRN_79_2024": "Masoud Pezeshkian (IRN)", "ISR_79_2024": "ISR"}
    assert own == {"IRN_79_2024": ["Iran"], "ISR_79_2024": []}
    with pytest.raises(InvalidParameterError, match="need docvars"):
        ungdc_speakers(docvars.drop(columns="session"), xlsx)
    with pytest.raises(InvalidParameterError, match="cannot read speakers file"):
        read_ungdc_speakers(xlsx.with_name("missing.xlsx"))
