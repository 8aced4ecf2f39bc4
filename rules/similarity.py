"""How alike two API documents are: a fingerprint of each, and a score from 0 to 100 with its evidence.

Perpres 95/2018 asks regions to use shared (*umum*) applications rather than build their own, so
a submission is compared with the catalogue and with the shipped list of shared applications
(``shared_applications.yaml``). A :class:`Fingerprint` keeps what identifies an API once names
are normalised: its operations (method + path template, parameters and version prefixes left
out), its resource names (path segments and schema names), its schemas (each a set of property
names), its tags, its title and its description. Names are cut into words (camelCase, snake_case,
kebab-case), English plurals made singular, and a small Indonesian/English glossary maps both
languages onto one word, so ``GET /api/v1/employees/{id}`` and ``GET /pegawai/{nip}`` are the
same operation.

Structure is compared with plain set Jaccard: exact, a few microseconds per pair, and at a
kabupaten's scale (thousands of applications) an approximate index such as MinHash buys nothing.
Titles are compared with rapidfuzz's ``token_sort_ratio`` (word order ignored, typos forgiven),
about a microsecond a pair where ``difflib`` takes tens.

The score is a weighted mean of the parts both sides have (a document without tags is not
unlike one with tags); :data:`WEIGHTS` says how much each part counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from rules.document import Document
from rules.i18n import Text

#: How much each part counts (out of 100). Operations say most about what an API does; schemas
#: (property-name sets) and resource names next; tags, title and description are cheap to change
#: and often generic, so they count least.
WEIGHTS: Mapping[str, int] = {
    "operations": 30,
    "schemas": 20,
    "resources": 20,
    "tags": 10,
    "title": 12,
    "description": 8,
}

#: From this score on, a match is called a likely duplicate (measured in bench/duplicates.py).
THRESHOLD = 45

#: Bounds that keep a fingerprint small whatever the document's size.
MAX_OPERATIONS = 1000
MAX_SCHEMAS = 300
MAX_WORDS = 2000

#: Indonesian and English words for the same thing, mapped onto one (the Indonesian, or the
#: shorter base word). Derived forms (kepegawaian, perizinan) map onto their base word too.
GLOSSARY: Mapping[str, str] = {
    # people and organisation
    "employee": "pegawai",
    "staff": "pegawai",
    "kepegawaian": "pegawai",
    "personnel": "pegawai",
    "asn": "pegawai",
    "user": "pengguna",
    "position": "jabatan",
    "grade": "golongan",
    "rank": "pangkat",
    "unit": "unit",
    "organization": "organisasi",
    "organisation": "organisasi",
    "agency": "instansi",
    "institution": "instansi",
    "resident": "penduduk",
    "citizen": "penduduk",
    "warga": "penduduk",
    "applicant": "pemohon",
    "leave": "cuti",
    "attendance": "kehadiran",
    "absensi": "kehadiran",
    "presensi": "kehadiran",
    "salary": "gaji",
    "education": "pendidikan",
    "family": "keluarga",
    "training": "pelatihan",
    "work": "kerja",
    "diklat": "pelatihan",
    # correspondence
    "letter": "surat",
    "mail": "surat",
    "persuratan": "surat",
    "incoming": "masuk",
    "inbox": "masuk",
    "outgoing": "keluar",
    "outbox": "keluar",
    "disposition": "disposisi",
    "archive": "arsip",
    "kearsipan": "arsip",
    "document": "dokumen",
    "file": "berkas",
    "attachment": "lampiran",
    "signature": "tanda_tangan",
    "recipient": "penerima",
    "sender": "pengirim",
    "subject": "perihal",
    "memo": "nota",
    # services and complaints
    "complaint": "aduan",
    "pengaduan": "aduan",
    "report": "laporan",
    "pelaporan": "laporan",
    "response": "tanggapan",
    "follow": "tindak",
    "permit": "izin",
    "license": "izin",
    "licence": "izin",
    "perizinan": "izin",
    "perijinan": "izin",
    "ijin": "izin",
    "request": "permohonan",
    "service": "layanan",
    "pelayanan": "layanan",
    "information": "informasi",
    "public": "publik",
    "regulation": "peraturan",
    "law": "hukum",
    "legal": "hukum",
    "decree": "keputusan",
    "decision": "keputusan",
    # budget and procurement
    "budget": "anggaran",
    "penganggaran": "anggaran",
    "planning": "perencanaan",
    "plan": "rencana",
    "activity": "kegiatan",
    "expenditure": "belanja",
    "spending": "belanja",
    "revenue": "pendapatan",
    "income": "pendapatan",
    "procurement": "pengadaan",
    "vendor": "penyedia",
    "supplier": "penyedia",
    "provider": "penyedia",
    "product": "produk",
    "catalog": "katalog",
    "catalogue": "katalog",
    "package": "paket",
    "tender": "tender",
    "lelang": "tender",
    "auction": "tender",
    "contract": "kontrak",
    "order": "pesanan",
    "purchase": "pembelian",
    "price": "harga",
    "region": "daerah",
    "regional": "daerah",
    # common fields
    "name": "nama",
    "address": "alamat",
    "date": "tanggal",
    "number": "nomor",
    "no": "nomor",
    "year": "tahun",
    "type": "jenis",
    "kind": "jenis",
    "category": "kategori",
    "status": "status",
    "description": "keterangan",
    "note": "catatan",
    "history": "riwayat",
    "statistic": "statistik",
    "title": "judul",
    "content": "isi",
    "phone": "telepon",
    "email": "email",
    "code": "kode",
    "amount": "jumlah",
    "total": "jumlah",
    "village": "desa",
    "kelurahan": "desa",
    "district": "kecamatan",
    "birth": "lahir",
    "place": "tempat",
    "start": "mulai",
    "end": "selesai",
    "health": "kesehatan",
}

#: Words that say nothing about what an API does: left out of resources, titles and descriptions.
STOP_WORDS = frozenset(
    {
        "api",
        "rest",
        "restful",
        "v",
        "id",
        "uuid",
        "sistem",
        "system",
        "informasi",
        "aplikasi",
        "application",
        "app",
        "manajemen",
        "management",
        "layanan",
        "kabupaten",
        "kab",
        "kota",
        "pemerintah",
        "pemkab",
        "pemda",
        "daerah",
        "dinas",
        "badan",
        "online",
        "elektronik",
        "electronic",
        "digital",
        "terpadu",
        "integrated",
        "versi",
        "version",
        "lama",
        "baru",
        "new",
        "old",
        "dan",
        "and",
        "untuk",
        "for",
        "yang",
        "the",
        "of",
        "a",
        "an",
        "di",
        "ke",
        "dari",
        "dengan",
        "with",
        "to",
        "in",
        "on",
        "by",
        "or",
        "atau",
        "ini",
        "itu",
        "this",
        "that",
        "is",
        "are",
        "be",
        "data",
    }
)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SPLIT = re.compile(r"[^0-9a-zA-Z]+")
_VERSION = re.compile(r"^v\d+(\.\d+)*$|^\d+(\.\d+)*$")
#: Path segments that name an action rather than a resource (``/pegawai/hapus/{nip}``).
_ACTIONS = frozenset(
    {
        "get",
        "list",
        "daftar",
        "detail",
        "create",
        "tambah",
        "add",
        "update",
        "ubah",
        "edit",
        "delete",
        "hapus",
        "remove",
        "search",
        "cari",
        "find",
        "all",
        "semua",
    }
)


def singular(word: str) -> str:
    """English plural to singular, crudely; both sides go through it, so consistency is what counts."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "uses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """One lower-case word in the glossary's language, singular. Kept: the same words recur in
    every document of a kabupaten."""
    one = singular(word)
    return GLOSSARY.get(word) or GLOSSARY.get(one) or one


def words(text: str) -> list[str]:
    """``nomorSurat``, ``nomor_surat``, ``letter-numbers`` -> canonical words (glossary applied)."""
    return [canonical(part.lower()) for part in _SPLIT.split(_CAMEL.sub(" ", text)) if part]


def term(name: str) -> str:
    """A field or resource name as one order-free term: ``letterNumber`` and ``nomor_surat`` agree."""
    return "_".join(sorted(set(words(name))))


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()}


@lru_cache(maxsize=65536)
def path_template(path: str) -> str:
    """``/api/v1/employees/{id}/history`` -> ``/pegawai/{}/riwayat``: parameters unnamed, version
    and ``api`` prefixes and action words left out, each segment a canonical term."""
    out: list[str] = []
    for segment in path.split("/"):
        if not segment:
            continue
        if segment.startswith("{") or segment.startswith(":"):
            out.append("{}")
            continue
        lowered = segment.lower()
        if lowered in ("api", "rest") or _VERSION.match(lowered):
            continue
        kept = sorted({w for w in words(segment) if w not in _ACTIONS})
        if kept:  # order-free, as terms are: position-history and riwayat-jabatan agree
            out.append("_".join(kept))
    return "/" + "/".join(out)


def resource_words(path: str) -> set[str]:
    return {w for w in content_words(path.replace("{", " {").replace("}", "} ")) if w not in _ACTIONS} - {"{}"}


def title_key(title: str) -> str:
    """A title without the words every title has (sistem, informasi, layanan...), in canonical words."""
    return " ".join(w for w in words(title) if w not in STOP_WORDS)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What is compared of one document; built once and kept (a few kilobytes)."""

    title: str
    title_key: str
    description: frozenset[str]
    #: Canonical operation (``get /pegawai/{}``) -> how the document writes it (``GET /employees/{id}``).
    operations: Mapping[str, str]
    resources: frozenset[str]
    #: Schema name -> its property terms; only schemas with two properties or more.
    schemas: Mapping[str, frozenset[str]]
    tags: frozenset[str]
    #: Every property term of every schema (the schemas part compares these too).
    fields: frozenset[str] = field(default_factory=frozenset)
    #: Property term -> the name as the document first writes it (``jenis_izin`` -> ``jenisIzin``).
    field_names: Mapping[str, str] = field(default_factory=dict)
    #: Other names the thing is known by (shared applications: SIMPEG, e-Office...).
    aliases: tuple[str, ...] = ()
    #: A sketch (a shared application's characteristic names), not a whole API: compared by how
    #: much of the smaller side the other covers, since a real API has far more than the sketch.
    sketch: bool = False
    #: Derived once, so a comparison does not rebuild them: the operations' keys as a set, and
    #: for each property term the schemas that have it.
    operation_keys: frozenset[str] = field(init=False)
    holders: Mapping[str, tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        holders: dict[str, list[str]] = {}
        for name, props in self.schemas.items():
            for p in props:
                holders.setdefault(p, []).append(name)
        object.__setattr__(self, "operation_keys", frozenset(self.operations))
        object.__setattr__(self, "holders", {p: tuple(names) for p, names in holders.items()})


def operation_key(method: str, path: str) -> str:
    return f"{method.lower()} {path_template(path)}"


def _bounded(items: set[str]) -> frozenset[str]:
    """At most MAX_WORDS, the same ones in every process (a set's order is not)."""
    return frozenset(items) if len(items) <= MAX_WORDS else frozenset(sorted(items)[:MAX_WORDS])


def fingerprint(doc: Document) -> Fingerprint:
    """The fingerprint of an indexed document (its operations, schemas and tags indexes)."""
    info = doc.info
    title = info.get("title") if isinstance(info.get("title"), str) else ""
    description = info.get("description") if isinstance(info.get("description"), str) else ""
    operations: dict[str, str] = {}
    resources_: set[str] = set()
    tags: set[str] = {term(t.name) for t in doc.tags}
    for op in doc.operations[:MAX_OPERATIONS]:
        operations.setdefault(operation_key(op.method, op.path), op.label)
        resources_.update(resource_words(op.path))
        tags.update(term(t) for t in op.tags)
    schemas: dict[str, frozenset[str]] = {}
    fields: set[str] = set()
    field_names: dict[str, str] = {}
    for schema in doc.schemas:
        props = schema.value.get("properties")
        if not isinstance(props, dict) or len(props) < 2:
            continue
        named = {term(str(p)): str(p) for p in props}
        named.pop("", None)
        names = frozenset(named)
        if len(field_names) < MAX_WORDS:
            for t, original in named.items():
                field_names.setdefault(t, original)
        fields.update(names)
        if schema.name and len(schemas) < MAX_SCHEMAS:
            schemas.setdefault(schema.name, names)
            resources_.update(w for w in content_words(schema.name) if w not in _ACTIONS)
    return Fingerprint(
        title=str(title)[:300],
        title_key=title_key(str(title)),
        description=_bounded(content_words(str(description)[:5000])),
        operations=operations,
        resources=_bounded(resources_),
        schemas=schemas,
        tags=frozenset(tags) - {""},
        fields=_bounded(fields),
        field_names=field_names,
    )


def declared(entry: Mapping[str, Any]) -> Fingerprint:
    """The fingerprint of a shared application as ``shared_applications.yaml`` writes it."""
    operations: dict[str, str] = {}
    resources_: set[str] = set()
    for label in entry.get("operations", ()):
        method, _, path = str(label).partition(" ")
        operations.setdefault(operation_key(method, path), str(label))
        resources_.update(resource_words(path))
    resources_.update(w for r in entry.get("resources", ()) for w in content_words(str(r)))
    schemas = {str(name): frozenset(term(p) for p in props) for name, props in (entry.get("schemas") or {}).items()}
    fields = {f for props in schemas.values() for f in props} | {term(str(f)) for f in entry.get("fields", ())}
    name = str(entry["name"])
    return Fingerprint(
        title=name,
        title_key=title_key(name),
        description=frozenset(content_words(" ".join(str(v) for v in (entry.get("does") or {}).values()))),
        operations=operations,
        resources=frozenset(resources_),
        schemas=schemas,
        tags=frozenset(term(str(t)) for t in entry.get("tags", ())),
        fields=frozenset(fields),
        aliases=tuple(title_key(str(a)) for a in entry.get("aliases", ())),
        sketch=True,
    )


# -- comparing ----------------------------------------------------------------------------


def jaccard(a: Iterable[str] | frozenset[str], b: Iterable[str] | frozenset[str]) -> float:
    sa = a if isinstance(a, frozenset | set) else frozenset(a)
    sb = b if isinstance(b, frozenset | set) else frozenset(b)
    if not sa or not sb:
        return 0.0
    common = len(sa & sb)
    return common / (len(sa) + len(sb) - common)


def overlap(a: Iterable[str] | frozenset[str], b: Iterable[str] | frozenset[str]) -> float:
    """How much of the smaller set the larger one holds (for a sketch against a whole API)."""
    sa = a if isinstance(a, frozenset | set) else frozenset(a)
    sb = b if isinstance(b, frozenset | set) else frozenset(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


#: Unrelated short titles still share letters: token_sort_ratio gives them 40-60. Below this
#: ratio a title says nothing; above it, the rest of the range is stretched to 0..1.
TITLE_FLOOR = 50


def key_similarity(key: str, others: Iterable[str]) -> float:
    """0..1: the closest of ``others`` (title keys) to ``key``, word order ignored."""
    if not key:
        return 0.0
    ratio = max((fuzz.token_sort_ratio(key, k) for k in others if k), default=0.0)
    return max(0.0, (ratio - TITLE_FLOOR) / (100 - TITLE_FLOOR))


def title_similarity(a: Fingerprint, b: Fingerprint) -> float:
    """0..1: the closest of ``b``'s title and aliases to ``a``'s title."""
    return key_similarity(a.title_key, (b.title_key, *b.aliases))


@dataclass(frozen=True, slots=True)
class SchemaPair:
    ours: str
    theirs: str
    #: Property-name Jaccard, 0..1.
    similarity: float
    #: The property names both have, as the first document writes them.
    shared_fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """How alike two fingerprints are, and why."""

    score: int
    #: Each part's similarity (0..1), for the parts both sides have.
    parts: Mapping[str, float]
    #: (ours, theirs) labels of the operations both have.
    operations: tuple[tuple[str, str], ...]
    schemas: tuple[SchemaPair, ...]
    resources: tuple[str, ...]
    #: The title part (0..1), and the two titles as written (``b``'s closest name for a shared one).
    title: float
    titles: tuple[str, str] = ("", "")


#: Two schemas are the same thing when this share of their property names agree.
SCHEMA_MATCH = 0.5


def _schema_pairs(a: Fingerprint, b: Fingerprint) -> list[SchemaPair]:
    """Each of ``a``'s schemas paired with ``b``'s closest one, when close enough, best first."""
    pairs: list[SchemaPair] = []
    if not a.schemas or not b.schemas:
        return pairs
    # Only ``b``'s schemas that share a property with ``a``'s can match: found by an index, not n*m.
    holders = b.holders
    for name, props in a.schemas.items():
        candidates = {other for p in props for other in holders.get(p, ())}
        best: tuple[float, str] | None = None
        for other in candidates:
            sim = jaccard(props, b.schemas[other])
            if best is None or sim > best[0]:
                best = (sim, other)
        if best is not None and best[0] >= SCHEMA_MATCH:
            shared = tuple(sorted(a.field_names.get(t, t) for t in props & b.schemas[best[1]]))
            pairs.append(SchemaPair(name, best[1], round(best[0], 2), shared))
    pairs.sort(key=lambda p: (-p.similarity, p.ours))
    return pairs


def _schemas_part(a: Fingerprint, b: Fingerprint, pairs: list[SchemaPair]) -> float | None:
    """Half the share of schemas that found a partner, half the Jaccard of all property names."""
    if not a.fields or not b.fields:
        return None
    fields = (overlap if b.sketch else jaccard)(a.fields, b.fields)
    if not a.schemas or not b.schemas:
        return fields
    paired = sum(p.similarity for p in pairs) / max(len(a.schemas), len(b.schemas))
    return 0.5 * fields + 0.5 * min(1.0, paired)


def quick_parts(a: Fingerprint, b: Fingerprint) -> dict[str, float]:
    """The parts that cost a few set operations (everything but the schema pairing)."""
    parts: dict[str, float] = {}
    same = overlap if b.sketch else jaccard
    if a.operations and b.operations:
        parts["operations"] = same(a.operation_keys, b.operation_keys)
    if a.resources and b.resources:
        parts["resources"] = same(a.resources, b.resources)
    if a.tags and b.tags:
        parts["tags"] = same(a.tags, b.tags)
    if a.title_key and (b.title_key or b.aliases):
        parts["title"] = title_similarity(a, b)
    if a.description and b.description:
        parts["description"] = same(a.description, b.description)
    return parts


def _weighted(parts: Mapping[str, float]) -> float:
    total = sum(WEIGHTS[k] for k in parts)
    return 100 * sum(WEIGHTS[k] * v for k, v in parts.items()) / total if total else 0.0


def upper_bound(a: Fingerprint, b: Fingerprint) -> float:
    """The highest score ``compare(a, b)`` can give, from the cheap parts alone (schemas taken as 1):
    a catalogue is scanned with this and only the pairs that could pass are compared in full."""
    parts = quick_parts(a, b)
    if a.fields and b.fields:
        parts["schemas"] = 1.0
    return _weighted(parts)


def compare(a: Fingerprint, b: Fingerprint) -> Match:
    """How alike ``a`` (the submission) is to ``b`` (a catalogued or shared application)."""
    parts = quick_parts(a, b)
    pairs = _schema_pairs(a, b)
    schemas = _schemas_part(a, b, pairs)
    if schemas is not None:
        parts["schemas"] = schemas
    shared_ops = tuple((label, b.operations[key]) for key, label in sorted(a.operations.items()) if key in b.operations)
    return Match(
        score=round(_weighted(parts)),
        parts={k: round(v, 3) for k, v in parts.items()},
        operations=shared_ops,
        schemas=tuple(pairs),
        resources=tuple(sorted(a.resources & b.resources)),
        title=parts.get("title", 0.0),
        titles=(a.title, b.title),
    )


# -- the shared applications --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SharedApplication:
    key: str
    name: str
    owner: str
    does: Text
    source: str
    fingerprint: Fingerprint


@cache
def shared_applications() -> tuple[SharedApplication, ...]:
    """The shipped list (``rules/shared_applications.yaml``, package data), read once."""
    text = resources.files("rules").joinpath("shared_applications.yaml").read_text("utf-8")
    return tuple(
        SharedApplication(
            key=str(e["key"]),
            name=str(e["name"]),
            owner=str(e["owner"]),
            does=Text(str(e["does"]["id"]), str(e["does"]["en"])),
            source=str(e["source"]),
            fingerprint=declared(e),
        )
        for e in yaml.safe_load(text)["applications"]
    )
