# SPDX-License-Identifier: Apache-2.0
"""The chipgap Python module against the built-in data: DataFrames with the figures the CLI gives, the
vectorised classification, and errors as exceptions that say what and where."""
import pandas as pd
import pytest

import chipgap


def test_chips_are_a_dataframe_with_metrics_and_sources():
    chips = chipgap.chips()
    assert len(chips) >= 80
    assert chips.loc["H100 SXM", "tpp"] == pytest.approx(15831, rel=1e-3)
    assert chips.loc["H20", "tpp"] == pytest.approx(2368, rel=1e-3)
    assert all(len(s) > 0 for s in chips["sources"])  # every chip cites something
    assert any(url.startswith("http") for url in chips.loc["H20", "sources"])


def test_classify_is_vectorised_over_chips_dates_and_destinations():
    frame = chipgap.classify(["H20", "H100 SXM", "HGX H20"], ["2023-06-01", "2024-06-01", "2025-06-01"], ["CN", "MY"])
    assert len(frame) == 3 * 3 * 2
    h20 = frame.set_index(["chip", "date", "destination"])
    assert h20.loc[("H20", "2024-06-01", "CN"), "status"] == "not classified; none"
    assert h20.loc[("H20", "2025-06-01", "CN"), "authorization"] == "license"  # the April 2025 letters name it
    assert h20.loc[("H100 SXM", "2024-06-01", "CN"), "review_policy"] == "presumption_of_denial"
    assert not frame["undetermined"].any()


def test_unknown_names_raise_not_found_with_suggestions():
    with pytest.raises(chipgap.NotFound) as e:
        chipgap.chip("H2O")
    assert "H20" in e.value.suggestions
    with pytest.raises(chipgap.NotFound, match="H2O"):
        chipgap.classify(["H2O"], ["2024-06-01"], ["CN"])
    with pytest.raises(chipgap.InvalidRequest):
        chipgap.classify(["H20"], ["June 2024"], ["CN"])


def test_timeline_and_two_way_headroom():
    timeline = chipgap.timeline("A800 SXM", to="CN")
    assert "us-ear-2023-10" in " ".join(timeline["rules"])
    assert timeline["status"].iloc[-1].startswith("3A090.a")
    steps = chipgap.headroom("H100 SXM", to="CN", date="2024-06-01")
    down = steps[(steps.metric == "tpp") & (steps.direction == "down")]
    assert list(down["threshold"]) == [4800, 2400]
    assert list(down["new_status"])[0] == "3A090.b; nac"


def test_train_and_match_answer_as_the_cli_does():
    estimate = chipgap.train(model="llama3-70b", system="HGX H100", count=64, global_batch=256, seq_len=4096, search=True)
    assert estimate["plans"][0]["tokens_per_s_per_chip"] > 0
    assert estimate["plans_feasible"] >= 1
    match = chipgap.match(reference="HGX H100", reference_count=256, candidate="HGX H20", model="llama3-70b", tokens=1e12,
                          seq_len=4096, global_batch=1024)
    assert match["matched"]
    assert match["candidate"]["count"] > 256  # an H20 does less than an H100
    # A reference workload by name, as the CLI's --workload.
    named = chipgap.match(reference="HGX H100", reference_count=1024, candidate="CloudMatrix 384", workload="llama3-405b-pretraining")
    assert named["workload"]["tokens"] == 15.6e12 and named["workload"]["seq_len"] == 8192
    with pytest.raises(chipgap.NotFound) as missing:
        chipgap.match(reference="HGX H100", reference_count=1024, candidate="H20", workload="llama3-405b-pretrain")
    assert "llama3-405b-pretraining" in missing.value.suggestions


def test_gap_and_scenarios_are_time_series():
    gap = chipgap.gap(to="CN", since="2023-01-01", until="2024-12-01", step="quarter")
    assert isinstance(gap.index, pd.DatetimeIndex)
    assert (gap["exportable_ratio"].dropna() <= 1).all()
    run = chipgap.scenario_run("status-quo-2026-12", draws=200)
    assert list(run.index) == [2022, 2023, 2024, 2025, 2026]
    assert (run["china_stock_p10"] <= run["china_stock_p50"]).all()


def test_sweep_and_design():
    sweep = chipgap.sweep("us-ear-2023-10", [("tpp", 4800, 2300, -2500)], date="2024-06-01")
    assert list(sweep["tpp"]) == [4800, 2300]
    assert sweep.loc[0, "flips"] == 0 and "H20" in sweep.loc[1, "flipped"]
    design = chipgap.design("H100 SXM", date="2024-06-01", knobs={"compute_share": {"min": 0.05, "max": 1, "step": 0.05}})
    assert design.loc["1", "tpp"] < 2400 < design.loc["die", "tpp"]
    assert design.attrs["compliant"] > 0


def test_bad_values_raise_invalid_request_naming_the_field():
    with pytest.raises(chipgap.InvalidRequest) as e:
        chipgap.sweep("us-ear-2023-10", [("tpp", 1600, 4800, -100)], date="2024-06-01")
    assert e.value.where == "vary[0]"
    assert "inverted" in e.value.message
    with pytest.raises(chipgap.InvalidRequest) as e:
        chipgap.train(model="llama3-70b", system="HGX H100", count=0)
    assert e.value.where == "count"


def test_another_data_directory_that_does_not_load_raises_data_error(tmp_path):
    (tmp_path / "accelerators").mkdir()
    (tmp_path / "accelerators" / "bad.yaml").write_text("accelerators:\n  - name: X\n    bogus: 1\n")
    with pytest.raises(chipgap.DataError, match="bad.yaml"):
        chipgap.open(str(tmp_path))


def test_an_unknown_destination_raises_not_found():
    with pytest.raises(chipgap.NotFound, match="Atlantis"):
        chipgap.classify(["H20"], ["2024-06-01"], ["Atlantis"])
