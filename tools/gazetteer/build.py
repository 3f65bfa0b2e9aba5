"""Regenerate extractors/gazetteer/data/ from the PyPI package ``vietnamadminunits`` (MIT).

    pip download vietnamadminunits==1.0.4 --no-deps -d /tmp/vau
    python tools/gazetteer/build.py --source /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

``--source`` is the wheel, or the package's folder (an unpacked wheel, or an installed copy);
without it the installed package is looked up (it is not imported: importing it pulls in shapely and
geopy, which the build does not need). The runtime never reads the package: it reads the files
written here.

Written (UTF-8, tab-separated, header row):

- ``units.tsv``: ``set code level type name province district`` for every unit of both sets:
  ``2024`` (in force before 2025-07-01: 63 provinces, 696 districts, the package's wards) and ``2025``
  (34 provinces, 3,321 wards/communes/special zones). ``name`` is the official name without the level
  word (``Đống Đa``; numbered units keep the number: ``1``), ``province``/``district`` the parent codes.
- ``convert.tsv``: ``level old_code new_code`` the 2024 unit -> the 2025 unit it went into (the
  package's converter; a ward split among several new wards maps to the package's default one; the
  island districts without wards map to their special zone).
- ``aliases.tsv``: ``lang alias set level code note`` the hand-made English spellings and
  Vietnamese abbreviations (below, in ALIASES: editorial, this project's own).

``--check DIR`` also compares the package with the CSV compilation in DIR
(../shared/data/gazetteer) and prints the differences; nothing from DIR is written.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "extractors" / "gazetteer" / "data"

TYPES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu")

# Editorial aliases (this project's own list; spellings news uses that the official names do not give).
# lang: en | vi | * (both); set: 2024 | 2025 | * (both); level and code of the unit in that set.
# A code of "" means the alias names a unit but no single code (e.g. "Tu Liem" before 2025).
ALIASES = [
    # Hanoi
    ("*", "Hanoi", "*", "province", "01", ""),
    ("*", "HaNoi", "*", "province", "01", ""),
    # Ho Chi Minh City: the English name keeps "City"; bare "Ho Chi Minh" is the President.
    ("*", "Ho Chi Minh City", "*", "province", "79", ""),
    ("*", "HCM City", "*", "province", "79", ""),
    ("*", "HCMC", "*", "province", "79", ""),
    ("*", "TP.HCM", "*", "province", "79", ""),
    ("*", "TPHCM", "*", "province", "79", ""),
    ("*", "TP HCM", "*", "province", "79", ""),
    ("*", "TP. HCM", "*", "province", "79", ""),
    ("*", "Tp.HCM", "*", "province", "79", ""),
    ("*", "Saigon", "*", "province", "79", "Phường Sài Gòn also exists from 2025"),
    ("*", "Sài Gòn", "*", "province", "79", "Phường Sài Gòn also exists from 2025"),
    ("*", "Sai Gon", "*", "province", "79", ""),
    ("*", "Danang", "*", "province", "48", ""),
    ("*", "Haiphong", "*", "province", "31", ""),
    ("*", "Daklak", "*", "province", "66", ""),
    ("*", "Dac Lac", "*", "province", "66", ""),
    ("*", "Daknong", "2024", "province", "67", "merged into Lâm Đồng 2025-07-01"),
    ("*", "Kontum", "2024", "province", "62", "merged into Quảng Ngãi 2025-07-01"),
    ("*", "Thua Thien Hue", "2024", "province", "46", "Thành phố Huế from 2025-01-01"),
    ("*", "Thừa Thiên Huế", "2024", "province", "46", "Thành phố Huế from 2025-01-01"),
    ("*", "Thua Thien-Hue", "2024", "province", "46", ""),
    ("*", "Ba Ria-Vung Tau", "2024", "province", "77", "merged into Hồ Chí Minh 2025-07-01"),
    ("*", "BR-VT", "2024", "province", "77", ""),
    ("*", "Hoa Binh", "2024", "province", "17", ""),
    # Hanoi's districts, spellings and the former Từ Liêm (split in 2014 into Bắc and Nam Từ Liêm).
    ("*", "Tu Liem", "2024", "district", "", "former district (Bắc/Nam Từ Liêm since 2014)"),
    ("*", "Từ Liêm", "2024", "district", "", "former district (Bắc/Nam Từ Liêm since 2014)"),
    ("en", "North Tu Liem", "2024", "district", "021", ""),
    ("en", "South Tu Liem", "2024", "district", "019", ""),
    # Well-known provincial cities and towns written without a level word in English news.
    ("en", "Nha Trang", "2024", "district", "568", ""),
    ("en", "Vung Tau", "2024", "district", "747", ""),
    ("en", "Quy Nhon", "2024", "district", "540", ""),
    ("en", "Ha Long", "2024", "district", "193", ""),
    ("en", "Halong", "2024", "district", "193", ""),
    ("en", "Da Lat", "2024", "district", "672", ""),
    ("en", "Dalat", "2024", "district", "672", ""),
    ("en", "Sapa", "2024", "district", "088", ""),
    ("en", "Phu Quoc", "2024", "district", "911", ""),
    ("en", "Phu Quoc", "2025", "ward", "31078", "đặc khu"),
    ("en", "Thu Duc City", "2024", "district", "769", ""),
]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", s).replace("đ", "d").replace("Đ", "D")


def strip_type(full: str) -> tuple[str, str]:
    for t in TYPES:
        if full.lower().startswith(t.lower() + " "):
            return t, full[len(t) + 1:].strip()
    raise ValueError(full)


def find_source(arg: str | None, tmp: Path) -> Path:
    if arg is None:
        spec = importlib.util.find_spec("vietnamadminunits")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("vietnamadminunits not found: "
                     "pip download vietnamadminunits==1.0.4 --no-deps, then --source WHEEL")
        return Path(list(spec.submodule_search_locations)[0])
    p = Path(arg)
    if p.is_file() and p.suffix == ".whl":
        with zipfile.ZipFile(p) as z:
            for n in z.namelist():
                if n.startswith("vietnamadminunits/data/") and (n.endswith(".db") or "converter" in n):
                    z.extract(n, tmp)
        return tmp / "vietnamadminunits"
    if (p / "vietnamadminunits" / "data").is_dir():
        return p / "vietnamadminunits"
    return p


def load(pkg: Path):
    con = sqlite3.connect(pkg / "data" / "dataset.db")
    con.row_factory = sqlite3.Row
    legacy = [dict(r) for r in con.execute(
        "select province, district, ward, provinceCode, districtCode, wardCode, districtType, wardType,"
        " provinceKey, districtKey, wardKey from admin_units_legacy")]
    new = [dict(r) for r in con.execute(
        "select province, ward, provinceCode, wardCode, wardType, provinceKey, wardKey from admin_units")]
    conv = json.loads((pkg / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    return legacy, new, conv


def build_units(legacy, new):
    rows = {}
    for r in legacy:
        t, n = strip_type(r["province"])
        rows[("2024", r["provinceCode"])] = ("2024", r["provinceCode"], "province", t, n, "", "")
        t, n = strip_type(r["district"])
        rows[("2024", r["districtCode"])] = ("2024", r["districtCode"], "district", t, n, r["provinceCode"], "")
        if r["wardCode"]:
            t, n = strip_type(r["ward"])
            rows[("2024", r["wardCode"])] = ("2024", r["wardCode"], "ward", t, n, r["provinceCode"], r["districtCode"])
    for r in new:
        t, n = strip_type(r["province"])
        rows[("2025", r["provinceCode"])] = ("2025", r["provinceCode"], "province", t, n, "", "")
        t, n = strip_type(r["ward"])
        rows[("2025", r["wardCode"])] = ("2025", r["wardCode"], "ward", t, n, r["provinceCode"], "")
    order = {"province": 0, "district": 1, "ward": 2}
    return sorted(rows.values(), key=lambda x: (x[0], order[x[2]], x[1]))


def build_convert(legacy, new, conv):
    old_key = {}
    prov_key = {}
    for r in legacy:
        prov_key[r["provinceKey"]] = r["provinceCode"]
        k = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        old_key[k] = ("district", r["districtCode"]) if not r["wardKey"] else ("ward", r["wardCode"])
    new_prov = {r["provinceKey"]: r["provinceCode"] for r in new}
    new_ward = {(r["provinceKey"], r["wardKey"]): r["wardCode"] for r in new}
    out = {}
    for npk, olds in conv["DICT_PROVINCE"].items():
        for opk in olds:
            out[("province", prov_key[opk])] = new_prov[npk]
    unresolved = 0
    for npk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nwk, olds in wards.items():
            code = new_ward.get((npk, nwk))
            for ok in olds:
                if code is None or ok not in old_key:
                    unresolved += 1
                    continue
                out[old_key[ok]] = code
    for npk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, cands in olds.items():
            default = next((c["newWardKey"] for c in cands if c["isDefaultNewWard"]), None)
            code = new_ward.get((npk, default))
            if code is None or ok not in old_key:
                unresolved += 1
                continue
            out.setdefault(old_key[ok], code)
    if unresolved:
        print(f"convert: {unresolved} converter keys not resolved to codes", file=sys.stderr)
    return sorted((lvl, old, new) for (lvl, old), new in out.items())


def write_tsv(path: Path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def check(units, convert, gdir: Path) -> None:
    """Print the differences between the package (as written) and the CSV compilation in gdir."""
    def rd(name):
        with (gdir / name).open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def key(s):
        return fold(s).lower()

    for year, fname in (("2024", "units-2024.csv"), ("2025", "units-2025.csv")):
        g = {r["code"]: r for r in rd(fname)}
        p = {u[1]: u for u in units if u[0] == year}
        for level in ("province", "district", "ward"):
            gl = {c: r for c, r in g.items() if r["level"] == level}
            pl = {c: u for c, u in p.items() if u[2] == level}
            if not gl and not pl:
                continue
            print(f"== {year} {level}: package {len(pl)}, compilation {len(gl)}")
            print("   types package", dict(Counter(u[3] for u in pl.values())),
                  "compilation", dict(Counter(r["type_vi"] for r in gl.values())))
            for c in sorted(set(gl) - set(pl)):
                print(f"   only in compilation: {c} {gl[c]['name_full']} (parent {gl[c]['parent_code']})")
            for c in sorted(set(pl) - set(gl)):
                print(f"   only in package: {c} {pl[c][3]} {pl[c][4]}")
            tone = spell = 0
            for c in sorted(set(gl) & set(pl)):
                a, b = pl[c][4], gl[c]["name"]
                if a == b:
                    continue
                if key(a) == key(b):
                    tone += 1
                else:
                    spell += 1
                    print(f"   spelt differently: {c} package {a!r} compilation {b!r}")
            print(f"   same name up to tone-mark placement/case: {tone}; spelt differently: {spell}")
            par = [c for c in set(gl) & set(pl) if gl[c]["parent_code"]
                   and gl[c]["parent_code"] not in (pl[c][5], pl[c][6])]
            print(f"   parent differs: {len(par)}")
    m = rd("mergers-2025.csv")
    conv = {(lvl, old): new for lvl, old, new in convert}
    agree = differ = missing = 0
    for r in m:
        lvl = "province" if r["level"] == "province" else r["old_level"]
        got = conv.get((lvl, r["old_code"]))
        if got is None:
            missing += 1
        elif got == r["new_code"]:
            agree += 1
        elif r["share"] == "full":
            differ += 1
            print(f"   convert differs (full): {r['old_code']} {r['old_name']} -> package {got}, "
                  f"compilation {r['new_code']} {r['new_name']}")
    print(f"== convert vs mergers-2025.csv: agree {agree}, differ on a full merge {differ}, "
          f"old unit not in package converter {missing} (partial rows count once per new unit)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="vietnamadminunits wheel or package folder")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--check", metavar="DIR", help="compare with the CSV compilation in DIR")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        legacy, new, conv = load(find_source(a.source, Path(tmp)))
    units = build_units(legacy, new)
    convert = build_convert(legacy, new, conv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out / "units.tsv", ("set", "code", "level", "type", "name", "province", "district"), units)
    write_tsv(out / "convert.tsv", ("level", "old_code", "new_code"), convert)
    write_tsv(out / "aliases.tsv", ("lang", "alias", "set", "level", "code", "note"), ALIASES)
    c = Counter((u[0], u[2]) for u in units)
    print("units:", dict(sorted(c.items())), "convert:", len(convert), "aliases:", len(ALIASES))
    if a.check:
        check(units, convert, Path(a.check))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
