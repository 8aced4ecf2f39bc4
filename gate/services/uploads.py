"""Turning what a user uploads (one file, a zip of a multi-file document, pasted text) into a file set.

Nothing here is executed, fetched or written to disk: the files stay in memory until the
submission is stored in the database. Zips are read defensively: entry count, path shape
(no absolute paths, no ``..``, no links) and the real uncompressed size, counted while reading.
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass

from rules.i18n import Text

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
ROOT_NAMES = ("openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json")
_CHUNK = 64 * 1024


class UploadError(ValueError):
    """Refused upload; ``status`` is 413 for size limits, 422 for everything else."""

    def __init__(self, text: Text, status: int = 422):
        super().__init__(text.en)
        self.text = text
        self.status = status


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int
    max_files: int
    max_unzipped_bytes: int


@dataclass(frozen=True, slots=True)
class Upload:
    files: dict[str, bytes]
    root: str


def _clean_name(name: str) -> str:
    """A safe relative POSIX path, or UploadError. Any character may be in a name (ünïcödé, 数据,
    a quote: downloads encode them) except control characters, which no document's $ref names
    and which would break the headers and addresses the name travels in."""
    raw = name.replace("\\", "/")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or any(ord(c) < 32 or ord(c) == 127 for c in raw):
        raise UploadError(Text(f"Nama berkas tidak aman: {name!r}.", f"Unsafe file name: {name!r}."))
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise UploadError(Text(f"Nama berkas tidak aman: {name!r}.", f"Unsafe file name: {name!r}."))
    return "/".join(parts)


def single_file(name: str, content: bytes, limits: Limits) -> Upload:
    if len(content) > limits.max_bytes:
        raise _too_big(limits.max_bytes)
    if not content.strip():
        raise UploadError(Text("Berkas kosong.", "The file is empty."))
    base = posixpath.basename(_clean_name(name or "openapi.yaml"))
    if not base.lower().endswith(DOCUMENT_SUFFIXES):
        base = "openapi.json" if content.lstrip()[:1] in (b"{", b"[") else "openapi.yaml"
    return Upload({base: content}, base)


def pasted(text: str, limits: Limits) -> Upload:
    return single_file("", text.encode("utf-8"), limits)


def from_zip(content: bytes, limits: Limits, root: str | None = None) -> Upload:
    if len(content) > limits.max_bytes:
        raise _too_big(limits.max_bytes)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError(Text("Berkas zip rusak atau bukan zip.", "The zip file is damaged or not a zip.")) from None
    with archive:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if len(entries) > limits.max_files:
            raise UploadError(
                Text(
                    f"Zip memuat {len(entries)} berkas; batasnya {limits.max_files}.",
                    f"The zip holds {len(entries)} files; the limit is {limits.max_files}.",
                )
            )
        files: dict[str, bytes] = {}
        total = 0
        for info in entries:
            name = _clean_name(info.filename)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UploadError(Text(f"Zip memuat tautan: {name}.", f"The zip holds a link: {name}."))
            if not name.lower().endswith(DOCUMENT_SUFFIXES):
                continue  # READMEs, images...: not part of the document
            if info.flag_bits & 0x1:
                raise UploadError(Text("Zip terenkripsi tidak diterima.", "Encrypted zips are not accepted."))
            data, total = _read_bounded(archive, info, total, limits.max_unzipped_bytes)
            files[name] = data
    if not files:
        raise UploadError(Text("Zip tidak memuat berkas YAML atau JSON.", "The zip holds no YAML or JSON file."))
    files = _strip_common_folder(files)
    return Upload(files, _root_of(files, root))


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, limit: int) -> tuple[bytes, int]:
    """Read one entry, counting real bytes (the sizes a zip declares can lie)."""
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise UploadError(
                        Text(
                            f"Isi zip melebihi {limit // (1024 * 1024)} MB setelah diekstrak.",
                            f"The zip expands to more than {limit // (1024 * 1024)} MB.",
                        ),
                        413,
                    )
                out += chunk
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UploadError(
            Text(
                f"Berkas {info.filename} di zip tidak terbaca: {exc}.",
                f"{info.filename} in the zip is unreadable: {exc}.",
            )
        ) from None
    return bytes(out), total


def _strip_common_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """``api/openapi.yaml`` + ``api/schemas/x.yaml`` -> ``openapi.yaml`` + ``schemas/x.yaml``."""
    while True:
        heads = {name.split("/", 1)[0] for name in files}
        if len(heads) != 1 or any("/" not in name for name in files):
            return files
        files = {name.split("/", 1)[1]: data for name, data in files.items()}


def _root_of(files: dict[str, bytes], wanted: str | None) -> str:
    if wanted:
        name = _clean_name(wanted)
        if name not in files:
            raise UploadError(Text(f"Berkas akar {name} tidak ada di zip.", f"The root file {name} is not in the zip."))
        return name
    if len(files) == 1:
        return next(iter(files))
    top = [n for n in files if "/" not in n and n.lower() in ROOT_NAMES]
    if len(top) == 1:
        return top[0]
    raise UploadError(
        Text(
            "Sebutkan berkas akar dokumen (mis. openapi.yaml) di zip.",
            "Name the document's root file (e.g. openapi.yaml) in the zip.",
        )
    )


def _too_big(limit: int) -> UploadError:
    mb = limit / (1024 * 1024)
    return UploadError(Text(f"Unggahan melebihi batas {mb:.0f} MB.", f"The upload exceeds the {mb:.0f} MB limit."), 413)


#: A top-level ``openapi`` or ``swagger`` field, in YAML (at the start of a line) or JSON (quoted).
_OPENAPI_FIELD = re.compile(
    rb"""(?m)^(?:openapi|swagger|["']openapi["']|["']swagger["'])\s*:|["'](?:openapi|swagger)["']\s*:"""
)


def require_openapi(upload: Upload) -> Upload:
    """Refuse what is not an OpenAPI document at all (a picture, a spreadsheet, a Kubernetes
    manifest): it would otherwise be stored, assessed at level 1 and queued for review. A document
    that says it is OpenAPI but is broken stays: what is wrong with it is the report's to say."""
    content = upload.files[upload.root]
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadError(
            Text(
                f"{upload.root} bukan dokumen OpenAPI: isinya bukan teks UTF-8 (YAML atau JSON).",
                f"{upload.root} is not an OpenAPI document: it is not UTF-8 text (YAML or JSON).",
            )
        ) from None
    if not _OPENAPI_FIELD.search(content):
        raise UploadError(
            Text(
                f"{upload.root} bukan dokumen OpenAPI: tidak ada field `openapi` (3.x) atau `swagger` (2.0).",
                f"{upload.root} is not an OpenAPI document: it has no `openapi` (3.x) or `swagger` (2.0) field.",
            )
        )
    return upload


def from_form(name: str, data: bytes | None, document: str | None, root: str | None, limits: Limits) -> Upload:
    """What a submission form carries: a file (YAML, JSON or zip) or pasted text; an OpenAPI
    document either way (``require_openapi``)."""
    if data:
        if name.lower().endswith(".zip") or data[:4] == b"PK\x03\x04":
            return require_openapi(from_zip(data, limits, root))
        return require_openapi(single_file(name, data, limits))
    if data is not None and name:
        raise UploadError(Text(f"Berkas {name} kosong.", f"The file {name} is empty."))
    if document and document.strip():
        return require_openapi(pasted(document, limits))
    raise UploadError(Text("Unggah berkas atau tempel dokumen.", "Upload a file or paste a document."))
