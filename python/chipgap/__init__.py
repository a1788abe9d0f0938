# SPDX-License-Identifier: Apache-2.0
"""chipgap for analysts: the export-control rules engine, the performance models, comparisons, national
compute scenarios and policy design, with answers as pandas DataFrames.

Every figure comes from chipgap's C++ engines over its cited data catalog (the same answers as the
``chipgap`` command and its HTTP API, whose JSON contract docs/api.md describes). Bad input raises
:class:`ChipgapError` (``NotFound`` for an unknown name, with ``suggestions``; ``InvalidRequest`` for a
bad value, with ``where`` naming the field).

    >>> import chipgap
    >>> chipgap.classify(["H20", "H100 SXM"], ["2024-06-01", "2025-06-01"], ["CN"])
"""
from __future__ import annotations

import json
import pathlib
from typing import Any, Iterable, Sequence

import pandas as pd

import _chipgap

__all__ = [
    "ChipgapError", "NotFound", "InvalidRequest", "Unavailable", "DataError", "Chipgap", "open",
    "chips", "chip", "systems", "sources", "classify", "timeline", "headroom", "rules", "train", "infer", "match",
    "compare", "gap", "scenarios", "scenario_run", "sweep", "design",
]

DataError = _chipgap.DataError


class ChipgapError(Exception):
    """An answer chipgap cannot give: what, where (the field or argument) and, for names, suggestions."""

    def __init__(self, status: int, kind: str, message: str, where: str = "", suggestions: Sequence[str] = ()):
        super().__init__(message + (f" (at '{where}')" if where else ""))
        self.status, self.kind, self.message, self.where, self.suggestions = status, kind, message, where, list(suggestions)


class NotFound(ChipgapError, KeyError):
    """A chip, system, model, rule, scenario or country that is not in the data."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


class InvalidRequest(ChipgapError, ValueError):
    """A value out of range, a bad combination, an inverted range, ..."""


class Unavailable(ChipgapError):
    """The data the answer needs did not load."""


def _error(status: int, body: str) -> ChipgapError:
    e = json.loads(body).get("error", {})
    kind = NotFound if status == 404 else InvalidRequest if status in (400, 422) else Unavailable if status == 503 else ChipgapError
    return kind(status, e.get("kind", "error"), e.get("message", "error"), e.get("where", ""), e.get("suggestions", []))


def _body(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _default_data_dir() -> str:
    """The built-in data: PREFIX/share/chipgap/data when this package is installed under PREFIX (the Debian
    package, `cmake --install`, or the wheel in a virtual environment), else the source tree's data/ that
    the module was built with."""
    package = pathlib.Path(__file__).resolve().parent
    # PREFIX/lib/python3.X/site-packages/chipgap or PREFIX/lib/python3/dist-packages/chipgap
    installed = package.parents[3] / "share" / "chipgap" / "data" if len(package.parents) > 3 else None
    return str(installed) if installed is not None and installed.is_dir() else _chipgap.BUILTIN_DATA_DIR


class Chipgap:
    """The engines over one data directory (default: the built-in data, see :func:`_default_data_dir`)."""

    def __init__(self, data_dir: str | None = None):
        self._engine = _chipgap.Engine(data_dir or _default_data_dir())

    @property
    def data_dir(self) -> str:
        return self._engine.data_dir

    # The API as a function: JSON in, JSON out, errors as exceptions.
    def _get(self, path: str, **query: Any) -> Any:
        params = {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in query.items() if v is not None}
        status, body = self._engine.request("GET", "/api/v1/" + path, params, "")
        if status != 200:
            raise _error(status, body)
        return json.loads(body)

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        status, answer = self._engine.request("POST", "/api/v1/" + path, {}, json.dumps(_body(body)))
        if status != 200:
            raise _error(status, answer)
        return json.loads(answer)

    # The catalog.
    def chips(self) -> pd.DataFrame:
        """Every accelerator: key specs, export metrics and the ids and URLs of the sources its values cite."""
        rows = []
        for c in self._get("chips"):
            full = self._get("chips/" + _quote(c["name"]))
            row = {k: v for k, v in c.items() if k not in ("dense_tflops", "metrics")}
            row.update({f"{p}_tflops": v for p, v in (c.get("dense_tflops") or {}).items()})
            row.update({k: v for k, v in (c.get("metrics") or {}).items()})
            row["sources"] = [s.get("url", s.get("id")) for s in full.get("sources", [])]
            rows.append(row)
        return pd.DataFrame(rows).set_index("name")

    def chip(self, name: str) -> dict[str, Any]:
        """One accelerator with every value's source, confidence and derivation (as ``chipgap chip NAME``)."""
        return self._get("chips/" + _quote(name))

    def sources(self, name: str) -> pd.DataFrame:
        """The sources a chip's values cite: id, title, URL."""
        return pd.DataFrame(self.chip(name).get("sources", []))

    def systems(self) -> pd.DataFrame:
        """Every system with its totals."""
        return pd.json_normalize(self._get("systems")).set_index("name")

    def rules(self) -> pd.DataFrame:
        """Every rule document with its dates and status."""
        return pd.DataFrame(self._get("rules")).set_index("id")

    # The rules engine.
    def classify(self, chips: str | Iterable[str], dates: str | Iterable[str], destinations: str | Iterable[str] = "CN") -> pd.DataFrame:
        """The verdict for every chip × date × destination, one row each."""
        as_list = lambda x: [x] if isinstance(x, str) else [str(v) for v in x]  # noqa: E731
        try:
            rows = self._engine.classify_many(as_list(chips), as_list(dates), as_list(destinations))
        except KeyError as e:
            raise NotFound(404, "not_found", str(e.args[0]) if e.args else str(e)) from None
        except ValueError as e:
            raise InvalidRequest(422, "invalid", str(e), "dates") from None
        columns = ["chip", "date", "destination", "status", "authorization", "review_policy", "eccn", "undetermined"]
        return pd.DataFrame(rows, columns=columns)

    def timeline(self, chip: str, to: str = "CN") -> pd.DataFrame:
        """The chip's status through every dated change of the rules."""
        entries = self._get("timeline/" + _quote(chip), dest=to)
        return pd.DataFrame([{"date": e["date"], "rules": ", ".join(e.get("changes", [])), "status": e["verdict"]["status"]}
                             for e in entries])

    def headroom(self, chip: str, to: str = "CN", date: str | None = None) -> pd.DataFrame:
        """Every change of status as each metric rises or falls, one row per step."""
        rows = []
        for room in self._get("headroom/" + _quote(chip), dest=to, date=date):
            for direction in ("up", "down"):
                for step in room[direction]:
                    rows.append({"metric": room["metric"], "current": room["current"], "direction": direction, **step})
        return pd.DataFrame(rows)

    # Performance, comparison, scenarios, policy: the API's answers as dicts or DataFrames.
    def train(self, **fields: Any) -> dict[str, Any]:
        """A training estimate or plan search: the fields of ``chipgap train`` (model, system, count, search, ...)."""
        return self._post("train", fields)

    def infer(self, **fields: Any) -> dict[str, Any]:
        """A serving estimate or deployment search: the fields of ``chipgap infer``."""
        return self._post("infer", fields)

    def match(self, **fields: Any) -> dict[str, Any]:
        """Equivalence (``chipgap match``): reference, reference_count, candidate and the workload fields."""
        return self._post("match", fields)

    def compare(self, names: Sequence[str], **fields: Any) -> pd.DataFrame:
        """Chips or systems side by side on a workload (``chipgap compare``), one row each."""
        return pd.json_normalize(self._post("compare", {"names": list(names), **fields})["rows"]).set_index("name")

    def gap(self, to: str = "CN", **query: Any) -> pd.DataFrame:
        """The chip gap over time (``chipgap gap``): one row per date, best chip and ratio per class."""
        answer = self._get("gap", to=to, **query)
        rows = []
        for p in answer["points"]:
            row = {"date": pd.Timestamp(p["date"]), "projected": p["projected"]}
            for column in ("frontier", "exportable", "licensable", "domestic"):
                entry = p.get(column)
                row[column] = entry["chip"] if entry else None
                row[f"{column}_ratio"] = entry["ratio"] if entry else None
            row["frontier_value"] = p["frontier"]["value"] if p.get("frontier") else None
            rows.append(row)
        return pd.DataFrame(rows).set_index("date")

    def scenarios(self) -> pd.DataFrame:
        """The shipped national-compute scenarios."""
        return pd.DataFrame(self._get("scenarios")).set_index("id")

    def scenario_run(self, scenario: str = "status-quo-2026-12", basis: str = "peak", **fields: Any) -> pd.DataFrame:
        """China's and the US's compute by year under a scenario, p10/p50/p90 H100 equivalents on a basis."""
        run = self._post("scenarios/run", {"scenario": scenario, **fields})
        rows = []
        for y in run["years"]:
            row = {"year": y["year"]}
            for side in ("china", "us"):
                for p, v in y[side]["stock_h100e"][basis].items():
                    row[f"{side}_stock_{p}"] = v
            row["domestic_share_units_p50"] = y["china"]["domestic_share_units"]["p50"]
            rows.append(row)
        return pd.DataFrame(rows).set_index("year")

    def sweep(self, rule: str, vary: Sequence[tuple[str, float, float, float]], **fields: Any) -> pd.DataFrame:
        """A threshold sweep (``chipgap sweep``): vary is [(metric, from, to, step), ...]; one row per point."""
        body = {"rule": rule, "vary": [{"metric": m, "from": a, "to": b, "step": s} for m, a, b, s in vary], **fields}
        answer = self._post("sweep", body)
        rows = []
        for p in answer["points"]:
            row = dict(p["thresholds"])
            row["flips"] = len(p["flipped"])
            row["flipped"] = [f["chip"] for f in p["flipped"]]
            best = p.get("best_exportable")
            row["best_exportable"] = best["chip"] if best else None
            row["best_value"] = best["value"] if best else None
            if "china_compute" in p:
                row.update({f"china_{k}": p["china_compute"][k] for k in ("p10", "p50", "p90")})
            rows.append(row)
        return pd.DataFrame(rows)

    def design(self, base: str, **fields: Any) -> pd.DataFrame:
        """Design-to-comply (``chipgap design``): the best designs, then the base die itself ('die')."""
        answer = self._post("design", {"base": base, **fields})
        rows = []
        for label, d in [(str(i + 1), d) for i, d in enumerate(answer["designs"])] + [("die", answer["unconstrained"])]:
            rows.append({"design": label, **d["knobs"], **d["metrics"], "verdict": d["verdict"], "objective": d["objective"],
                         "objective_ratio": d["objective_ratio"], "binding": d["binding"]})
        frame = pd.DataFrame(rows).set_index("design")
        frame.attrs.update({k: answer[k] for k in ("candidates", "compliant", "evaluated", "reason", "objective_unit")})
        return frame


def _quote(name: str) -> str:
    # The API takes names as path segments (already decoded, as a server passes them on).
    if "/" in name:
        raise InvalidRequest(422, "invalid", f"'{name}': names do not contain '/'", "name")
    return name


_default: Chipgap | None = None


def open(data_dir: str | None = None) -> Chipgap:  # noqa: A001 - reads as chipgap.open(...)
    """The engines over a data directory; the module-level functions use the built-in one."""
    return Chipgap(data_dir)


def _engine() -> Chipgap:
    global _default
    if _default is None:
        _default = Chipgap()
    return _default


def _forward(name: str):
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_engine(), name)(*args, **kwargs)
    call.__name__ = name
    call.__doc__ = getattr(Chipgap, name).__doc__
    return call


for _name in ["chips", "chip", "systems", "sources", "classify", "timeline", "headroom", "rules", "train", "infer", "match",
              "compare", "gap", "scenarios", "scenario_run", "sweep", "design"]:
    globals()[_name] = _forward(_name)
