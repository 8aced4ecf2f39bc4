"""Benchmark of duplicate detection: precision and recall of the "likely duplicate" call, and time.

1. The labelled set. Base documents: the two in ``examples/``, every document in the shared specs
   folder (``../shared/specs``; DigitalOcean's 2,907 files joined into one tree), and 20 generated
   kabupaten applications, one per service domain (perpustakaan, pajak daerah, puskesmas...).
   From each base, seeded near-duplicates are made, one kind of edit each:

   - ``reorder``: paths and properties in another order;
   - ``case``: path segments and fields in another case style (snake, camel, kebab), ``/api/v2`` prefix;
   - ``translate``: Indonesian words to English and back, through the glossary's word pairs (so
     it shows the normalisation works, not how much of either language the glossary knows);
   - ``add-remove``: 30% of operations removed, 20% new ones added;
   - ``combined``: case + translate + 20% removed + 10% added + a new title;
   - ``hard``: half the resource names replaced by words no glossary knows + 30% removed + a new
     title: an OPD that rebuilt the same thing under other names (expected to be missed often).

   Each (near-duplicate, its base) pair is labelled *duplicate*; each near-duplicate against
   every other base, and every two bases, *distinct* (except families that are the same API:
   the petstore examples, Stripe's two versions). A pair is *called* a duplicate when its score
   is at least the threshold. Precision = duplicate pairs called / pairs called; recall =
   duplicate pairs called / duplicate pairs.
2. Time: a catalogue of 2,000 generated applications. Per query: the engine's full comparison
   with all 2,000 fingerprints, the bounded scan (``upper_bound`` then ``compare`` only where it
   could pass); and the service's ``duplicates.find`` on SQLite with 2,000 catalogued
   applications stored, cold (fingerprints built from stored columns and files) and warm.

    .venv/bin/python bench/duplicates.py            # prints the tables

The documents are found in $SPBE_GATE_SHARED/specs, else ../shared/specs beside the repository.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules import similarity  # noqa: E402
from rules.bundle import DirectorySource, MemorySource  # noqa: E402
from rules.changes import load_document  # noqa: E402
from rules.document import HTTP_METHODS, Document  # noqa: E402
from rules.similarity import THRESHOLD, Fingerprint, compare  # noqa: E402

SPECS = Path(os.environ.get("SPBE_GATE_SHARED", ROOT.parent / "shared")) / "specs"

#: Same API, other version or edition: their pairs are duplicates, not distinct.
FAMILIES = {"petstore": re.compile(r"petstore"), "stripe": re.compile(r"stripe")}

# -- generated kabupaten applications ------------------------------------------------------

DOMAINS: dict[str, tuple[str, list[str], list[str]]] = {
    # domain: (title, resources, fields)
    "perpustakaan": (
        "Perpustakaan Daerah",
        ["buku", "anggota", "peminjaman", "pengembalian", "denda", "rak", "penerbit"],
        ["isbn", "judul_buku", "pengarang", "tahun_terbit", "jatuh_tempo", "nomor_anggota", "eksemplar"],
    ),
    "pajak": (
        "Pajak Daerah",
        ["wajib-pajak", "objek-pajak", "ketetapan", "pembayaran", "tunggakan", "sppt"],
        ["npwpd", "nop", "masa_pajak", "nilai_ketetapan", "tanggal_bayar", "denda_pajak", "njop"],
    ),
    "puskesmas": (
        "Rekam Medis Puskesmas",
        ["pasien", "kunjungan", "diagnosa", "resep", "obat", "poli", "rujukan"],
        ["nomor_rm", "nik", "keluhan", "kode_icd", "dosis", "poli_tujuan", "golongan_darah"],
    ),
    "sekolah": (
        "Data Pokok Sekolah",
        ["sekolah", "siswa", "guru", "rombel", "nilai-rapor", "mata-pelajaran"],
        ["npsn", "nisn", "nuptk", "kelas", "semester", "nilai_akhir", "wali_kelas"],
    ),
    "kependudukan": (
        "Layanan Administrasi Kependudukan",
        ["penduduk", "kartu-keluarga", "akta-kelahiran", "akta-kematian", "pindah-datang"],
        ["nik", "nomor_kk", "tempat_lahir", "agama", "status_perkawinan", "hubungan_keluarga", "kewarganegaraan"],
    ),
    "pertanian": (
        "Sistem Informasi Pertanian",
        ["kelompok-tani", "lahan", "komoditas", "pupuk-bersubsidi", "panen", "penyuluh"],
        ["luas_lahan", "jenis_komoditas", "kuota_pupuk", "hasil_panen", "musim_tanam", "poktan", "rdkk"],
    ),
    "perikanan": (
        "Data Perikanan",
        ["nelayan", "kapal", "tangkapan", "budidaya", "kolam", "tempat-pelelangan"],
        ["gross_tonnage", "alat_tangkap", "jenis_ikan", "berat_tangkapan", "luas_kolam", "pelabuhan", "bbm"],
    ),
    "pariwisata": (
        "Portal Pariwisata",
        ["destinasi", "event", "penginapan", "kuliner", "paket-wisata", "ulasan"],
        ["nama_destinasi", "harga_tiket", "jam_buka", "koordinat", "rating", "fasilitas", "kapasitas"],
    ),
    "parkir": (
        "Retribusi Parkir",
        ["titik-parkir", "juru-parkir", "karcis", "setoran", "kendaraan"],
        ["kode_titik", "tarif", "jenis_kendaraan", "nomor_polisi", "jumlah_karcis", "setoran_harian", "zona"],
    ),
    "persampahan": (
        "Pengelolaan Sampah",
        ["bank-sampah", "nasabah", "setoran-sampah", "tps", "armada", "jadwal-angkut"],
        ["berat_sampah", "jenis_sampah", "saldo", "kapasitas_tps", "rute", "nomor_armada", "volume"],
    ),
    "bencana": (
        "Informasi Kebencanaan",
        ["kejadian-bencana", "pengungsi", "posko", "logistik", "peringatan-dini", "relawan"],
        ["jenis_bencana", "korban", "lokasi_posko", "kebutuhan_logistik", "tingkat_siaga", "koordinat", "kerusakan"],
    ),
    "bansos": (
        "Bantuan Sosial",
        ["penerima-bantuan", "program-bantuan", "penyaluran", "verifikasi", "usulan"],
        ["nik", "dtks", "jenis_bantuan", "nominal", "tahap_penyaluran", "desil", "status_verifikasi"],
    ),
    "umkm": (
        "Pendataan UMKM",
        ["pelaku-usaha", "produk-umkm", "pelatihan-usaha", "pameran", "modal"],
        ["nib", "omzet", "jumlah_karyawan", "sektor_usaha", "aset", "sertifikat_halal", "merek"],
    ),
    "perumahan": (
        "Rumah Tidak Layak Huni",
        ["rumah", "pemilik-rumah", "survei-kelayakan", "bantuan-bedah-rumah"],
        [
            "luas_bangunan",
            "kondisi_atap",
            "kondisi_dinding",
            "sanitasi",
            "sumber_air",
            "status_lahan",
            "skor_kelayakan",
        ],
    ),
    "damkar": (
        "Pemadam Kebakaran",
        ["laporan-kebakaran", "pos-damkar", "hidran", "armada-damkar", "inspeksi"],
        ["waktu_lapor", "waktu_tiba", "lokasi_kejadian", "luas_terbakar", "tekanan_hidran", "nomor_unit", "penyebab"],
    ),
    "perhubungan": (
        "Uji Kendaraan Bermotor",
        ["kendaraan-uji", "jadwal-uji", "hasil-uji", "trayek", "terminal"],
        ["nomor_uji", "emisi", "rem", "lampu", "kode_trayek", "masa_berlaku_uji", "jbb"],
    ),
    "kebudayaan": (
        "Cagar Budaya",
        ["cagar-budaya", "seniman", "sanggar", "pertunjukan", "koleksi-museum"],
        ["nomor_registrasi", "periode", "bahan", "kondisi_cagar", "cabang_seni", "tahun_berdiri", "pemilik"],
    ),
    "olahraga": (
        "Pembinaan Olahraga",
        ["atlet", "cabang-olahraga", "kejuaraan", "prestasi", "venue"],
        ["cabor", "medali", "tingkat_kejuaraan", "pelatih", "tinggi_badan", "berat_badan", "klub"],
    ),
    "ketenagakerjaan": (
        "Bursa Kerja Daerah",
        ["pencari-kerja", "lowongan", "lamaran", "perusahaan", "kartu-kuning"],
        ["ak1", "keahlian", "pendidikan_terakhir", "gaji_ditawarkan", "batas_lamaran", "posisi", "pengalaman"],
    ),
    "air": (
        "Pelanggan Air Minum",
        ["pelanggan-air", "meter-air", "tagihan-air", "gangguan", "sambungan-baru"],
        ["nomor_sambungan", "stand_meter", "pemakaian_m3", "golongan_tarif", "tunggakan", "diameter_pipa", "wilayah"],
    ),
}
#: Fields every kabupaten application has; they make distinct apps share a little, as real ones do.
COMMON_FIELDS = ["id", "nama", "alamat", "status", "keterangan", "dibuat_pada", "diubah_pada", "kode_wilayah"]
#: Words no glossary knows: what the ``hard`` edit renames resources to.
UNKNOWN = [
    "kirana", "lumbung", "sapta", "mandala", "nawa", "pustaka", "lentera", "bahtera", "cakra", "dharma",
    "gemilang", "harmoni", "jagad", "kencana", "lintas", "mulia", "nusa", "pelita", "rampak", "santika",
]  # fmt: skip


def generated(rng: random.Random, title: str, resources: list[str], fields: list[str]) -> dict[str, Any]:
    """An OpenAPI 3.0 document: CRUD-ish operations on each resource, a schema per resource."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    ok = {"200": {"description": "OK"}}
    for res in resources:
        name = "".join(w.title() for w in re.split(r"[-_]", res))
        props = rng.sample(fields, k=min(len(fields), rng.randint(4, 6))) + rng.sample(COMMON_FIELDS, k=3)
        schemas[name] = {"type": "object", "properties": {p: {"type": "string"} for p in props}}
        ref = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}
        item = {"get": {"summary": f"Daftar {res}", "tags": [resources[0]], "responses": ok}}
        if rng.random() < 0.7:
            item["post"] = {"summary": f"Tambah {res}", "tags": [resources[0]], "requestBody": ref, "responses": ok}
        paths[f"/{res}"] = item
        one = {"get": {"summary": f"Satu {res}", "tags": [resources[0]], "responses": ok}}
        if rng.random() < 0.5:
            one["put"] = {"summary": f"Ubah {res}", "tags": [resources[0]], "requestBody": ref, "responses": ok}
        if rng.random() < 0.3:
            one["delete"] = {"summary": f"Hapus {res}", "tags": [resources[0]], "responses": ok}
        paths[f"/{res}/{{id}}"] = one
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1.0.0", "description": f"API {title} Kabupaten Contoh."},
        "tags": [{"name": resources[0]}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


# -- edits --------------------------------------------------------------------------------

_INVERSE: dict[str, str] = {}
for _en, _id in similarity.GLOSSARY.items():
    _INVERSE.setdefault(_id, _en)

_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[-_]")


def _split(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(name) if w]


def _style(parts: list[str], style: str) -> str:
    if style == "camel":
        return parts[0] + "".join(w.title() for w in parts[1:]) if parts else ""
    return ("-" if style == "kebab" else "_").join(parts)


def _translate_word(word: str) -> str:
    return similarity.GLOSSARY.get(word) or _INVERSE.get(word) or word


def _map_names(data: dict[str, Any], seg: Callable[[str], str], field: Callable[[str], str]) -> dict[str, Any]:
    """Path segments through ``seg`` (parameters kept), property names through ``field``."""
    out = copy.deepcopy(data)
    if isinstance(out.get("paths"), dict):
        paths = {}
        for path, item in out["paths"].items():
            segments = [s if (not s or s.startswith("{")) else seg(s) for s in path.split("/")]
            paths["/".join(segments)] = item
        out["paths"] = paths

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                node["properties"] = {field(k): v for k, v in props.items()}
                if isinstance(node.get("required"), list):
                    node["required"] = [field(r) if isinstance(r, str) else r for r in node["required"]]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(out.get("components") or {})
    walk(out.get("definitions") or {})
    return out


def _drop_and_add(rng: random.Random, data: dict[str, Any], drop: float, add: float) -> dict[str, Any]:
    out = copy.deepcopy(data)
    paths = out.get("paths") or {}
    ops = [(p, m) for p, item in paths.items() if isinstance(item, dict) for m in HTTP_METHODS if m in item]
    for p, m in rng.sample(ops, k=min(len(ops) - 1, round(len(ops) * drop))) if ops else []:
        del paths[p][m]
        if not any(k in paths[p] for k in HTTP_METHODS):
            del paths[p]
    for i in range(max(1, round(len(ops) * add)) if add else 0):
        word = rng.choice(UNKNOWN)
        paths[f"/{word}-{i}"] = {"get": {"responses": {"200": {"description": "OK"}}}}
    out["paths"] = paths
    return out


def edit(kind: str, data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if kind == "reorder":
        out = copy.deepcopy(data)
        items = list((out.get("paths") or {}).items())
        rng.shuffle(items)
        out["paths"] = dict(items)

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("properties"), dict):
                    props = list(node["properties"].items())
                    rng.shuffle(props)
                    node["properties"] = dict(props)
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(out.get("components") or out.get("definitions") or {})
        return out
    if kind == "case":
        style = rng.choice(["camel", "kebab", "snake"])
        out = _map_names(data, lambda s: _style(_split(s), style), lambda f: _style(_split(f), style))
        out["paths"] = {"/api/v2" + p: v for p, v in (out.get("paths") or {}).items()}
        return out
    if kind == "translate":
        tr = lambda s: "_".join(_translate_word(w) for w in _split(s))  # noqa: E731
        return _map_names(data, tr, tr)
    if kind == "add-remove":
        return _drop_and_add(rng, data, 0.3, 0.2)
    if kind == "combined":
        out = edit("case", edit("translate", data, rng), rng)
        out = _drop_and_add(rng, out, 0.2, 0.1)
        out.setdefault("info", {})["title"] = "Layanan " + rng.choice(UNKNOWN).title()
        return out
    if kind == "hard":
        words: dict[str, str] = {}

        def rename(s: str) -> str:
            if rng.random() < 0.5:
                return s
            return words.setdefault(s, rng.choice(UNKNOWN) + str(len(words)))

        out = _map_names(data, rename, lambda f: f)
        out = _drop_and_add(rng, out, 0.3, 0.0)
        out.setdefault("info", {})["title"] = "Aplikasi " + rng.choice(UNKNOWN).title()
        return out
    raise ValueError(kind)


KINDS = ("reorder", "case", "translate", "add-remove", "combined", "hard")


# -- the labelled set ----------------------------------------------------------------------


def _dumps(data: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:  # an integer beyond 64 bits (Kubernetes)
        return json.dumps(data).encode()


def _fp(data: dict[str, Any]) -> Fingerprint:
    return similarity.fingerprint(load_document(MemorySource({"o.json": _dumps(data)}), "o.json"))


def bases() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "examples").glob("*/*.yaml")):
        out[f"examples/{path.parent.name}"] = load_document(
            MemorySource({path.name: path.read_bytes()}), path.name
        ).data
    sources = SPECS / "SOURCES.tsv"
    if sources.exists():
        for line in sources.read_text().splitlines()[1:]:
            name = line.split("\t", 1)[0]
            file = SPECS / name
            if "/" in name:  # a folder of files: DigitalOcean
                folder = SPECS / name.split("/", 1)[0]
                doc = load_document(DirectorySource(folder), str(file.relative_to(folder)))
            else:
                doc = load_document(MemorySource({name: file.read_bytes()}), name)
            out[name] = doc.data
    rng = random.Random(7)
    for key, (title, resources, fields) in DOMAINS.items():
        out[f"generated/{key}"] = generated(rng, title, resources, fields)
    return out


def family(name: str) -> str:
    return next((f for f, pattern in FAMILIES.items() if pattern.search(name)), name)


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str  # the edit, or "base" for two bases
    duplicate: bool
    score: int


def labelled(seed: int) -> list[Pair]:
    rng = random.Random(seed)
    docs = bases()
    prints = {name: _fp(data) for name, data in docs.items()}
    pairs: list[Pair] = []
    names = list(docs)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            same = family(a) == family(b)
            pairs.append(Pair("base", same, compare(prints[a], prints[b]).score))
    for name, data in docs.items():
        for kind in KINDS:
            mutant = _fp(edit(kind, data, rng))
            for other in names:
                same = family(other) == family(name)
                pairs.append(Pair(kind, same, compare(mutant, prints[other]).score))
    return pairs


def rates(pairs: list[Pair], threshold: int) -> tuple[float, float, int, int]:
    called = [p for p in pairs if p.score >= threshold]
    hits = sum(p.duplicate for p in called)
    dups = sum(p.duplicate for p in pairs)
    precision = hits / len(called) if called else 1.0
    recall = hits / dups if dups else 1.0
    return precision, recall, len(called), dups


# -- time ---------------------------------------------------------------------------------


def catalogue(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` generated applications, each mixing two domains' resources."""
    rng = random.Random(seed)
    keys = list(DOMAINS)
    out = []
    for i in range(n):
        a, b = rng.sample(keys, 2)
        resources = rng.sample(DOMAINS[a][1], 3) + rng.sample(DOMAINS[b][1], 2)
        fields = DOMAINS[a][2] + DOMAINS[b][2]
        out.append(generated(rng, f"{DOMAINS[a][0]} {i}", resources, fields))
    return out


@dataclass
class Clock:
    """Wall time and this process's CPU time of the measured steps: on a shared machine the CPU
    time says what the code costs, the wall time what a user waited."""

    wall: list[float]
    cpu: list[float]

    def __init__(self) -> None:
        self.wall, self.cpu = [], []

    def measure(self, fn: Callable[[], Any]) -> Any:
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        self.wall.append(time.perf_counter() - w)
        self.cpu.append(time.process_time() - c)
        return result

    def median(self, per: int = 1) -> str:
        wall, cpu = statistics.median(self.wall) / per, statistics.median(self.cpu) / per
        unit, scale = ("µs", 1e6) if wall < 0.001 else ("ms", 1e3)
        return f"{wall * scale:.1f} {unit} ({cpu * scale:.1f} {unit} CPU)"


def time_engine(apps: list[dict[str, Any]], queries: list[Fingerprint]) -> dict[str, Clock]:
    build, full, bounded = Clock(), Clock(), Clock()
    prints = [build.measure(lambda a=a: _fp(a)) for a in apps]

    def scan(q: Fingerprint) -> None:
        for fp in prints:
            if similarity.upper_bound(q, fp) >= THRESHOLD:
                compare(q, fp)

    for q in queries:
        full.measure(lambda q=q: [compare(q, fp) for fp in prints])
        bounded.measure(lambda q=q: scan(q))
    return {"build": build, "full": full, "bounded": bounded}


def time_service(apps: list[dict[str, Any]], queries: list[dict[str, Any]], runs: int) -> tuple[Clock, Clock, int, int]:
    """``duplicates.find`` on SQLite with ``apps`` catalogued: cold (caches empty), then warm
    (fingerprints kept, as on every later page view), five times after each cold one; and how
    many of ``queries`` (near-duplicates of ``apps[i]``) find their base through the shortlist."""
    from sqlmodel import Session

    from gate.core.config import Settings
    from gate.main import create_app
    from gate.models import Application, Role, State, Submission, SubmissionFile
    from gate.services import duplicates
    from gate.services.accounts import create_opd, create_user
    from gate.services.submissions import _search_text

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder), secret_key="bench"))
        engine = app.state.engine
        with Session(engine) as s:
            opd = create_opd(s, "9.99", "OPD Bench")
            user = create_user(s, "b@bench.go.id", "Bench", "kata-sandi-bench-1", Role.DEVELOPER, opd.id)
            s.commit()

            def store(i: int, data: dict[str, Any], approved: bool) -> Submission:
                content = orjson.dumps(data)
                doc: Document = load_document(MemorySource({"openapi.json": content}), "openapi.json")
                row = Application(opd_id=opd.id or 0, slug=f"app-{i}", nama=data["info"]["title"])
                s.add(row)
                s.flush()
                sub = Submission(
                    application_id=row.id or 0,
                    number=1,
                    state=State.APPROVED if approved else State.ASSESSED,
                    title=data["info"]["title"],
                    root_file="openapi.json",
                    search_text=_search_text(doc),
                    submitted_by=user.id or 0,
                )
                s.add(sub)
                s.flush()
                s.add(
                    SubmissionFile(
                        submission_id=sub.id or 0, path="openapi.json", sha256="-", size=len(content), content=content
                    )
                )
                if approved:
                    row.approved_submission_id = sub.id
                return sub

            bases = [store(i, data, True).application_id for i, data in enumerate(apps)]
            asked = [store(len(apps) + i, q, False).id for i, q in enumerate(queries)]
            s.commit()
            target_id = asked[0]
        cold, warm = Clock(), Clock()
        found: list[Any] = []
        for _ in range(runs):
            duplicates.forget()
            with Session(engine) as s:
                sub = s.get(Submission, target_id)
                assert sub is not None
                found = cold.measure(lambda sub=sub, s=s: duplicates.find(s, sub))
                for _ in range(5):
                    warm.measure(lambda sub=sub, s=s: duplicates.find(s, sub))
        with Session(engine) as s:
            hits = 0
            for i, sid in enumerate(asked):
                sub = s.get(Submission, sid)
                assert sub is not None
                hits += any(d.application_id == bases[i] for d in duplicates.find(s, sub))
        engine.dispose()
    return cold, warm, len(found), hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--catalogue", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    pairs = labelled(args.seed)
    took = time.perf_counter() - started
    dups = sum(p.duplicate for p in pairs)
    print(
        f"Measured {date.today()} on {platform.machine()}, Python {platform.python_version()}; threshold {THRESHOLD}."
    )
    print(f"{len(pairs)} pairs ({dups} duplicate), labelled in {took:.0f} s.\n")
    print("| edit | duplicate pairs | recall | min score | median | distinct pairs | false calls | max distinct |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in ("base", *KINDS):
        some = [p for p in pairs if p.kind == kind]
        dup = [p.score for p in some if p.duplicate]
        other = [p.score for p in some if not p.duplicate]
        recall = sum(s >= THRESHOLD for s in dup) / len(dup) if dup else float("nan")
        false = sum(s >= THRESHOLD for s in other)
        median = statistics.median(dup) if dup else 0
        row = [kind, len(dup), f"{recall:.2f}", min(dup, default=0), f"{median:.0f}", len(other), false]
        print("| " + " | ".join(map(str, [*row, max(other, default=0)])) + " |")
    print("\n| threshold | precision | recall | called | duplicates |")
    print("|---:|---:|---:|---:|---:|")
    for threshold in (30, 35, 40, 45, 50, 55, 60, 70):
        p, r, called, dups = rates(pairs, threshold)
        mark = " (used)" if threshold == THRESHOLD else ""
        print(f"| {threshold}{mark} | {p:.3f} | {r:.3f} | {called} | {dups} |")

    print("\nShared applications named for a base document (score at least the threshold):\n")
    print("| document | shared application | score |")
    print("|---|---|---:|")
    named = 0
    for name, data in bases().items():
        ours = _fp(data)
        for app in similarity.shared_applications():
            score = compare(ours, app.fingerprint).score
            if score >= THRESHOLD:
                named += 1
                print(f"| {name} | {app.name} | {score} |")
    if not named:
        print("| (none) | | |")

    apps = catalogue(args.catalogue, args.seed)
    near = [edit("combined", a, random.Random(i)) for i, a in enumerate(apps[:20])]
    engine = time_engine(apps, [_fp(q) for q in near])
    cold, warm, found, hits = time_service(apps, near, args.runs)
    n = args.catalogue
    load1 = os.getloadavg()[0]
    print(f"\nAgainst {n:,} generated catalogued applications (engine: median of 20 queries; service: of {args.runs}")
    print(f"cold runs and 5 warm after each; {found} found). Load average (1 min) at the end: {load1:.1f}.")
    print(f"Through the service's shortlist, {hits} of {len(near)} `combined` near-duplicates found their base.\n")
    rows = [
        ("fingerprint of one document (parse, index, fingerprint)", engine["build"].median()),
        (f"engine: `compare` with all {n:,}", engine["full"].median()),
        ("engine: the same, a pair", engine["full"].median(per=n)),
        ("engine: `upper_bound` scan, `compare` where it could pass", engine["bounded"].median()),
        ("service: `duplicates.find`, cold (SQLite, caches empty)", cold.median()),
        ("service: `duplicates.find`, warm (a page's cost)", warm.median()),
    ]
    print("| step | wall time (CPU time) |")
    print("|---|---:|")
    for step, value in rows:
        print(f"| {step} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
