"""The district's decaying-average mastery computed with pandas, as a reference for bench/district.mjs.

Reads the same folder pathbook reads: every assessments/<id>.csv (points per item), the items'
alignment and points (items.json, written by the bench from the assessments' YAML, so that this script
needs nothing beyond pandas), and observations.csv. For each student and standard, the evidence scores
in pathbook's order (assessment date, then id; observations after the assessments of their date, in
file order) are folded with d1 = s1, dk = (1 - w) d(k-1) + w sk, which is pandas' ewm(alpha=w,
adjust=False). Prints one JSON line: timings and the scores (rounded half away from zero to 2 decimals)
written to the output CSV, for the bench to compare with mastery.csv.

usage: python3 district_pandas.py <folder> <items.json> <w> <out.csv>
"""
import json
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

t_imported = time.perf_counter()
folder, items_path, w, out_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
max_score = 4.0

with open(items_path, encoding="utf-8") as f:
    assessments = json.load(f)

# One row per (student, assessment, standard): points earned and possible over the aligned items taken.
parts = []
for a in assessments:
    scores = pd.read_csv(f"{folder}/assessments/{a['id']}.csv", dtype={"student_id": str})
    long = scores.melt(id_vars="student_id", var_name="item", value_name="earned").dropna(subset=["earned"])
    align = pd.DataFrame(
        [(it["id"], std, it["points"]) for it in a["items"] for std in it["standards"]],
        columns=["item", "standard", "possible"],
    )
    m = long.merge(align, on="item")
    g = m.groupby(["student_id", "standard"], sort=False, as_index=False)[["earned", "possible"]].sum()
    g["score"] = g["earned"] / g["possible"] * max_score
    g["date"] = a["date"]
    g["kind"] = 0
    g["order"] = a["id"]
    g["index"] = 0
    parts.append(g[["student_id", "standard", "score", "date", "kind", "order", "index"]])

obs = pd.read_csv(f"{folder}/observations.csv", dtype={"student_id": str, "standard": str, "date": str})
obs["kind"] = 1
obs["order"] = ""
obs["index"] = np.arange(len(obs))
parts.append(obs[["student_id", "standard", "score", "date", "kind", "order", "index"]])

ev = pd.concat(parts, ignore_index=True)
ev = ev.sort_values(["date", "kind", "order", "index"], kind="mergesort", ignore_index=True)
# The fold in closed form, vectorised: the k-th of n scores weighs w (1 - w)^(n - k), the first (1 - w)^(n - 1).
keys = ["student_id", "standard"]
groups = ev.groupby(keys, sort=False)
pos = groups.cumcount().to_numpy()
n = groups["score"].transform("size").to_numpy()
ev["weighted"] = ev["score"].to_numpy() * np.power(1 - w, n - 1 - pos) * np.where(pos > 0, w, 1.0)
last = ev.groupby(keys, sort=False)["weighted"].sum()


def half_away(x):
    # pathbook's rounding: halves away from zero once binary noise is gone (it rounds at 12 significant
    # digits; scores times 100 stay under 1000, so 9 decimals are as many).
    return np.sign(x) * np.floor(np.round(np.abs(x) * 100, 9) + 0.5) / 100


result = pd.DataFrame({
    "student_id": last.index.get_level_values(0),
    "standard": last.index.get_level_values(1),
    "score": half_away(last.to_numpy()),
})
t_computed = time.perf_counter()
result.to_csv(out_path, index=False, float_format="%.2f")
t_done = time.perf_counter()

print(json.dumps({
    "import_s": t_imported - t_start,
    "compute_s": t_computed - t_imported,
    "write_s": t_done - t_computed,
    "cells": int(len(result)),
    "evidence": int(len(ev)),
    "pandas": pd.__version__,
}))
