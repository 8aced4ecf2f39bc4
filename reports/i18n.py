"""Interface strings of the reports, Bahasa Indonesia first."""

from __future__ import annotations

from rules.i18n import Lang, Text

LABELS: dict[str, Text] = {
    "report_title": Text("Laporan Penilaian SPBE Gate", "SPBE Gate Assessment Report"),
    "document": Text("Dokumen", "Document"),
    "api_version": Text("Versi API", "API version"),
    "openapi_version": Text("Versi OpenAPI", "OpenAPI version"),
    "files": Text("Berkas", "Files"),
    "operations": Text("Operasi", "Operations"),
    "verdict": Text("Keputusan", "Verdict"),
    "pass": Text("LULUS", "PASSED"),
    "fail": Text("TIDAK LULUS", "NOT PASSED"),
    "score": Text("Skor", "Score"),
    "overall_score": Text("Skor keseluruhan", "Overall score"),
    "spbe_index": Text("Indeks SPBE", "SPBE index"),
    "level": Text("Tingkat kematangan", "Maturity level"),
    "capped_invalid": Text(
        "dibatasi ke 1: dokumen tidak dapat dibaca atau tidak sah", "capped at 1: the document is unreadable or invalid"
    ),
    "capped_errors": Text(
        "dibatasi ke 2: masih ada temuan galat yang belum diperbaiki", "capped at 2: error findings remain unfixed"
    ),
    "fail_on": Text("Gagal pada", "Fails on"),
    "pass_rule": Text("Syarat lulus", "To pass"),
    "pass_rule_none": Text("tanpa temuan {severities}", "no {severities} findings"),
    "or": Text("atau", "or"),
    "yes": Text("ya", "yes"),
    "no": Text("tidak", "no"),
    "snippet": Text("Cuplikan baris {start}–{end}", "Lines {start}–{end}"),
    "profile": Text("Profil", "Profile"),
    "default_profile": Text("bawaan", "default"),
    "findings": Text("Temuan", "Findings"),
    "no_findings": Text("Tidak ada temuan.", "No findings."),
    "category": Text("Kategori", "Category"),
    "rule": Text("Aturan", "Rule"),
    "rules": Text("Aturan", "Rules"),
    "severity": Text("Tingkat", "Severity"),
    "location": Text("Lokasi", "Location"),
    "message": Text("Pesan", "Message"),
    "fix": Text("Cara memperbaiki", "How to fix"),
    "rationale": Text("Alasan", "Rationale"),
    "waived": Text("dikecualikan", "waived"),
    "waiver_reason": Text("Alasan pengecualian", "Waiver reason"),
    "rules_passed": Text("aturan lulus", "rules passed"),
    "not_scored": Text("tidak dinilai", "not scored"),
    "metadata": Text("Metadata SPBE (x-spbe)", "SPBE metadata (x-spbe)"),
    "no_metadata": Text("Dokumen tidak memuat info.x-spbe.", "The document has no info.x-spbe."),
    "doc_coverage": Text("Cakupan dokumentasi", "Documentation coverage"),
    "generated": Text("Dibuat", "Generated"),
    "duration": Text("Durasi", "Duration"),
    "status_passed": Text("lulus", "passed"),
    "status_failed": Text("gagal", "failed"),
    "status_disabled": Text("dinonaktifkan", "disabled"),
    "status_not-applicable": Text("tidak berlaku", "not applicable"),
    "status_not-run": Text("tidak dijalankan", "not run"),
    "summary": Text("Ringkasan", "Summary"),
    "more_findings": Text("temuan lainnya tidak ditampilkan", "more findings not shown"),
    "references": Text("Rujukan", "References"),
    "id": Text("ID", "ID"),
    "title": Text("Judul", "Title"),
    "status": Text("Status", "Status"),
    "options": Text("Opsi", "Options"),
    "contract_note": Text(
        "Uji kontrak {at} terhadap {url}: {tested} dari {total} operasi, {requests} permintaan.",
        "Contract tests {at} against {url}: {tested} of {total} operations, {requests} requests.",
    ),
    "contract_untested": Text(
        "{count} operasi tidak diuji: merujuk sesuatu yang tidak dapat diselesaikan gerbang.",
        "{count} operations not tested: they refer to something the gate could not resolve.",
    ),
    "unknown_time": Text("(waktu tidak tercatat)", "(time not recorded)"),
    # The diff report (spbe-gate diff).
    "diff_title": Text("Perbandingan Versi SPBE Gate", "SPBE Gate Version Comparison"),
    "diff_old": Text("lama", "old"),
    "diff_new": Text("baru", "new"),
    "diff_changes": Text("Perubahan", "Changes"),
    "diff_no_changes": Text("Tidak ada perubahan.", "No changes."),
    "diff_operations_label": Text("operasi", "operations"),
    "diff_more_operations": Text("lainnya", "more"),
    "diff_kind": Text("Jenis", "Kind"),
    "diff_base_path": Text("URL dasar", "base path"),
}


#: Counted nouns, (one, several): English inflects, Indonesian does not ("1 berkas", "2 berkas").
COUNTED: dict[str, tuple[Text, Text]] = {
    "files": (Text("berkas", "file"), Text("berkas", "files")),
    "operations": (Text("operasi", "operation"), Text("operasi", "operations")),
    "findings": (Text("temuan", "finding"), Text("temuan", "findings")),
    "rules": (Text("aturan", "rule"), Text("aturan", "rules")),
    "error": (Text("galat", "error"), Text("galat", "errors")),
    "warning": (Text("peringatan", "warning"), Text("peringatan", "warnings")),
    "info": (Text("info", "info"), Text("info", "info")),
    "hint": (Text("saran", "hint"), Text("saran", "hints")),
}


def noun(n: int, key: str, lang: Lang, nouns: dict[str, tuple[Text, Text]] = COUNTED) -> str:
    """The noun as it follows the number ``n``: 'file', 'files'; 'berkas'."""
    one, several = nouns[key]
    return (one if n == 1 else several).get(lang)


def counted(n: int, key: str, lang: Lang, nouns: dict[str, tuple[Text, Text]] = COUNTED) -> str:
    """'1 file', '2 files'; '1 berkas', '2 berkas' (``nouns``: another table of the same shape)."""
    return f"{n} {noun(n, key, lang, nouns)}"


def label(key: str, lang: Lang) -> str:
    return LABELS[key].get(lang)


def labels(lang: Lang) -> dict[str, str]:
    return {key: text.get(lang) for key, text in LABELS.items()}
