"""Interface strings of the web pages, Bahasa Indonesia first."""

from __future__ import annotations

from gate.models import JobState, Outcome, Role, State
from rules.i18n import Lang, Text

LABELS: dict[str, Text] = {
    "site": Text("SPBE Gate", "SPBE Gate"),
    "tagline": Text("Gerbang penilaian API SPBE", "SPBE API assessment gate"),
    "home": Text("Beranda", "Home"),
    "submit": Text("Ajukan aplikasi", "Submit an application"),
    "queue": Text("Antrean tinjauan", "Review queue"),
    "catalogue": Text("Katalog API", "API catalogue"),
    "nav_evaluation": Text("Evaluasi", "Evaluation"),
    "nav_reports": Text("Laporan", "Reports"),
    "integration_map": Text("Peta integrasi", "Integration map"),
    "tokens": Text("Token CI", "CI tokens"),
    "audit": Text("Log audit", "Audit log"),
    "login": Text("Masuk", "Sign in"),
    "logout": Text("Keluar", "Sign out"),
    "email": Text("Surel", "E-mail"),
    "password": Text("Kata sandi", "Password"),
    "signed_in_as": Text("Masuk sebagai", "Signed in as"),
    "switch_lang": Text("English", "Bahasa Indonesia"),
    "application": Text("Aplikasi", "Application"),
    "applications": Text("Aplikasi", "Applications"),
    "my_applications": Text("Aplikasi OPD saya", "My OPD's applications"),
    "no_applications": Text("Belum ada aplikasi. Ajukan yang pertama.", "No applications yet. Submit the first."),
    "version": Text("Versi", "Version"),
    "document": Text("Dokumen", "Document"),
    "submission": Text("Pengajuan", "Submission"),
    "state": Text("Status", "Status"),
    "level": Text("Tingkat", "Level"),
    "verdict": Text("Hasil", "Verdict"),
    "score": Text("Skor", "Score"),
    "opd": Text("OPD", "OPD"),
    "all": Text("Semua", "All"),
    "awaiting": Text("Menunggu tinjauan", "Awaiting review"),
    "filter": Text("Saring", "Filter"),
    "submitted_at": Text("Diajukan pada", "Submitted at"),
    "submitted_by": Text("Diajukan oleh", "Submitted by"),
    "open": Text("Buka", "Open"),
    "empty_queue": Text("Tidak ada pengajuan yang cocok.", "No matching submissions."),
    "pass": Text("Lulus", "Passed"),
    "fail": Text("Tidak lulus", "Not passed"),
    "not_assessed": Text("Belum dinilai", "Not assessed yet"),
    # submission form
    "submit_intro": Text(
        "Unggah dokumen OpenAPI (2.0, 3.0 atau 3.1; YAML atau JSON), zip dokumen multi-berkas, atau tempel "
        "isinya. Langkah berikutnya: periksa metadata SPBE, lalu gerbang menilainya.",
        "Upload the OpenAPI document (2.0, 3.0 or 3.1; YAML or JSON), a zip of a multi-file document, or "
        "paste it. Next step: check the SPBE metadata, then the gate assesses it.",
    ),
    "application_name": Text("Nama aplikasi", "Application name"),
    "application_name_hint": Text(
        "Versi baru dari aplikasi yang sudah ada memakai nama yang sama.",
        "A new version of an existing application uses the same name.",
    ),
    "file": Text("Berkas (YAML, JSON atau zip)", "File (YAML, JSON or zip)"),
    "upload_limits": Text(
        "Paling besar {size} per unggahan (berkas, zip atau tempelan); zip paling banyak {files} berkas dan "
        "{unzipped} setelah diekstrak.",
        "At most {size} per upload (file, zip or pasted); a zip at most {files} files and {unzipped} unpacked.",
    ),
    "root_file": Text("Berkas akar di dalam zip (opsional)", "Root file inside the zip (optional)"),
    "paste": Text("Atau tempel dokumen", "Or paste the document"),
    "staging_url": Text("URL staging (opsional, untuk uji kontrak)", "Staging URL (optional, for contract tests)"),
    "staging": Text("URL staging", "Staging URL"),
    "continue": Text("Lanjut", "Continue"),
    # metadata form
    "metadata": Text("Metadata SPBE", "SPBE metadata"),
    "metadata_intro": Text(
        "Diisi dari info.x-spbe dokumen Anda. Perbaiki atau lengkapi; nilai di sini yang dinilai dan "
        "dicatat di katalog. Sebaiknya perbarui juga dokumennya.",
        "Filled in from your document's info.x-spbe. Correct or complete it; these values are assessed "
        "and recorded in the catalogue. Update the document too.",
    ),
    "metadata_none": Text(
        "Dokumen tidak memuat info.x-spbe: isi metadata di bawah.",
        "The document has no info.x-spbe: fill in the metadata below.",
    ),
    "m_opd": Text("OPD pemilik", "Owner OPD"),
    "m_kode_opd": Text("Kode OPD", "OPD code"),
    "m_pj_nama": Text("Penanggung jawab: nama", "Responsible official: name"),
    "m_pj_email": Text("Penanggung jawab: surel", "Responsible official: e-mail"),
    "m_jenis": Text("Jenis aplikasi", "Application type"),
    "m_lifecycle": Text("Siklus hidup", "Lifecycle"),
    "m_hosting": Text("Hosting", "Hosting"),
    "m_anggaran": Text("Tahun anggaran (dipisah koma)", "Budget years (comma-separated)"),
    "m_sso": Text("Memakai SSO pemerintah daerah", "Uses the regional government SSO"),
    "m_integrasi": Text(
        "Integrasi (dipisah koma: aplikasi:<id atau slug> [operasi; ...] atau sistem:<kode>, mis. sistem:SIAK)",
        "Integrations (comma-separated: aplikasi:<id or slug> [operation; ...] or sistem:<code>, e.g. sistem:SIAK)",
    ),
    "m_sunset": Text("Tanggal penghentian (YYYY-MM-DD)", "Sunset date (YYYY-MM-DD)"),
    "m_lisensi": Text("Lisensi (SPDX)", "Licence (SPDX)"),
    "choose": Text("— pilih —", "— choose —"),
    "assess": Text("Nilai sekarang", "Assess now"),
    "complete_metadata": Text("Lengkapi metadata", "Complete the metadata"),
    # submission page
    "previous_version": Text("Versi sebelumnya", "Previous version"),
    "files": Text("Berkas", "Files"),
    "download": Text("Unduh", "Download"),
    "decisions": Text("Keputusan peninjau", "Reviewer decisions"),
    "no_decisions": Text("Belum ada keputusan.", "No decision yet."),
    "reason": Text("Alasan", "Reason"),
    "override": Text("Pengesampingan", "Override"),
    "override_label": Text(
        "Setujui walau penilaian tidak lulus (dicatat sebagai pengesampingan)",
        "Approve although the assessment failed (recorded as an override)",
    ),
    "decide": Text("Putuskan", "Decide"),
    "choose_decision": Text("— pilih keputusan —", "— choose a decision —"),
    "change_decision": Text("Ubah keputusan", "Change the decision"),
    "decide_after_review": Text(
        "Mulai tinjauan untuk memutuskan pengajuan ini.", "Start the review to decide this submission."
    ),
    "withdraw": Text("Tarik pengajuan", "Withdraw the submission"),
    "withdraw_help": Text(
        "Pengajuan yang ditarik keluar dari antrean peninjau dan tidak dapat diputuskan lagi; riwayatnya tetap.",
        "A withdrawn submission leaves the reviewers' queue and can no longer be decided; its history stays.",
    ),
    "withdraw_reason": Text("Alasan (opsional)", "Reason (optional)"),
    "outcome": Text("Keputusan", "Decision"),
    "start_review": Text("Mulai tinjauan", "Start review"),
    "reassess": Text("Nilai ulang dengan aturan terkini", "Reassess with today's rulebook"),
    "assessments": Text("Riwayat penilaian", "Assessment history"),
    "engine": Text("Mesin", "Engine"),
    "shown": Text("ditampilkan", "shown"),
    "waivers": Text("Pengecualian", "Waivers"),
    "grant_waiver": Text("Beri pengecualian", "Grant a waiver"),
    "rule": Text("Aturan", "Rule"),
    "pointer": Text("JSON pointer", "JSON pointer"),
    "expires_on": Text("Berlaku sampai", "Valid until"),
    "revoked": Text("dicabut", "revoked"),
    "report": Text("Laporan penilaian", "Assessment report"),
    "full_report": Text("Laporan lengkap (semua temuan, siap cetak)", "Full report (every finding, printable)"),
    "by": Text("oleh", "by"),
    # catalogue
    "catalogue_intro": Text(
        "API yang telah disetujui Diskominfo dan dapat diintegrasikan. Cari sebelum membangun yang baru.",
        "APIs approved by Diskominfo, ready to integrate with. Search before building something new.",
    ),
    "search": Text("Cari", "Search"),
    "search_hint": Text("Nama, OPD, operasi, tag atau field data", "Name, OPD, operation, tag or data field"),
    "no_results": Text("Tidak ada API yang cocok.", "No matching API."),
    "approved_version": Text("Versi yang disetujui", "Approved version"),
    "owner": Text("Pemilik", "Owner"),
    "contact": Text("Kontak", "Contact"),
    "lifecycle": Text("Siklus hidup", "Lifecycle"),
    "operations": Text("Operasi", "Operations"),
    "newer": Text("Sebelumnya", "Previous"),
    "older": Text("Berikutnya", "Next"),
    # tokens
    "tokens_intro": Text(
        "Token untuk pipeline CI OPD Anda (spbe-gate submit ... --token). Token hanya ditampilkan sekali.",
        "Tokens for your OPD's CI pipelines (spbe-gate submit ... --token). A token is shown only once.",
    ),
    "token_name": Text("Nama token", "Token name"),
    "create_token": Text("Buat token", "Create token"),
    "new_token": Text(
        "Token baru: salin sekarang, tidak akan ditampilkan lagi.",
        "New token: copy it now, it will not be shown again.",
    ),
    "prefix": Text("Awalan", "Prefix"),
    "created_at": Text("Dibuat", "Created"),
    "last_used": Text("Terakhir dipakai", "Last used"),
    "revoke": Text("Cabut", "Revoke"),
    "never": Text("belum pernah", "never"),
    "no_tokens": Text("Belum ada token.", "No tokens yet."),
    # audit
    "when": Text("Waktu", "When"),
    "who": Text("Siapa", "Who"),
    "action": Text("Tindakan", "Action"),
    "object": Text("Objek", "Object"),
    "detail": Text("Rincian", "Detail"),
    "from_ip": Text("Dari", "From"),
    "system": Text("sistem", "system"),
    "yes": Text("ya", "yes"),
    "no": Text("tidak", "no"),
    # administration
    "users": Text("Pengguna", "Users"),
    "opds": Text("OPD", "OPDs"),
    "users_intro": Text(
        "Pengembang OPD terikat pada satu OPD; peninjau dan administrator bekerja untuk Diskominfo. "
        "Mengganti kata sandi, peran atau OPD, atau menonaktifkan, mengakhiri sesi pengguna itu.",
        "OPD developers belong to one OPD; reviewers and administrators work for Diskominfo. "
        "Changing a password, role or OPD, or deactivating, ends that user's sessions.",
    ),
    "add_user": Text("Tambah pengguna", "Add a user"),
    "name": Text("Nama", "Name"),
    "role": Text("Peran", "Role"),
    "status": Text("Status", "Status"),
    "active": Text("Aktif", "Active"),
    "inactive": Text("Nonaktif", "Inactive"),
    "no_opd": Text("— (Diskominfo)", "— (Diskominfo)"),
    "opd_hint": Text("Wajib untuk pengembang OPD.", "Required for OPD developers."),
    "initial_password": Text("Kata sandi awal", "Initial password"),
    "password_hint": Text(
        "Sedikitnya 10 karakter; sampaikan kepada pengguna lewat jalur yang aman.",
        "At least 10 characters; hand it to the user over a safe channel.",
    ),
    "edit": Text("Ubah", "Edit"),
    "save": Text("Simpan", "Save"),
    "account_active": Text("Akun aktif (boleh masuk)", "Account active (may sign in)"),
    "new_password": Text("Kata sandi baru", "New password"),
    "set_password": Text("Ganti kata sandi", "Set the password"),
    "opds_intro": Text(
        "Organisasi perangkat daerah yang mengajukan aplikasi. Kode tidak dapat diubah setelah dibuat.",
        "The work units that submit applications. A code cannot change once created.",
    ),
    "add_opd": Text("Tambah OPD", "Add an OPD"),
    "code": Text("Kode", "Code"),
    "user_count": Text("Pengguna", "Users"),
    "application_count": Text("Aplikasi", "Applications"),
    "no_opds": Text("Belum ada OPD.", "No OPDs yet."),
    "saved": Text("Tersimpan.", "Saved."),
    # errors
    "error": Text("Terjadi kesalahan", "Something went wrong"),
    "back": Text("Kembali", "Back"),
    "not_found": Text("Halaman atau data tidak ditemukan.", "Page or data not found."),
    "forbidden": Text("Anda tidak berhak membuka halaman ini.", "You may not open this page."),
    "csrf": Text(
        "Formulir kedaluwarsa atau tidak sah; muat ulang halaman dan coba lagi.",
        "The form expired or is not valid; reload the page and try again.",
    ),
    "reviewer_home": Text(
        "Pengajuan yang menunggu tinjauan Anda, per status.", "Submissions awaiting your review, by status."
    ),
    # contract runs
    "contract_runs": Text("Uji kontrak", "Contract tests"),
    "contract_intro": Text(
        "Uji aplikasi yang sedang berjalan terhadap dokumennya. Hasilnya menjadi penilaian baru dalam riwayat. "
        "Kredensial hanya dipakai untuk uji ini: tidak disimpan, tidak dicatat, tidak dilaporkan.",
        "Test the running application against its document. The result becomes a new assessment in the history. "
        "Credentials are used for this run only: never stored, logged or reported.",
    ),
    "base_url": Text("URL dasar aplikasi", "Application base URL"),
    "auth": Text("Autentikasi", "Authentication"),
    "auth_none": Text("Tanpa autentikasi", "None"),
    "auth_bearer": Text("Token bearer", "Bearer token"),
    "auth_header": Text("Header kunci API", "API key header"),
    "auth_oauth2": Text("OAuth2 client credentials", "OAuth2 client credentials"),
    "auth_hint": Text(
        "Isi hanya kolom untuk jenis autentikasi yang dipilih.", "Fill in only the fields of the chosen kind."
    ),
    "token": Text("Token bearer", "Bearer token"),
    "header_name": Text("Nama header kunci API", "API key header name"),
    "header_value": Text("Nilai kunci API", "API key value"),
    "token_url": Text("URL token OAuth2", "OAuth2 token URL"),
    "client_id": Text("Client id", "Client id"),
    "client_secret": Text("Client secret", "Client secret"),
    "scope": Text("Scope (opsional)", "Scope (optional)"),
    "time_limit": Text("Batas waktu (detik)", "Time limit (seconds)"),
    "max_requests": Text("Anggaran permintaan", "Request budget"),
    "start_contract": Text("Mulai uji kontrak", "Start the contract run"),
    "no_jobs": Text("Belum ada uji kontrak.", "No contract run yet."),
    "job": Text("Tugas", "Job"),
    "job_contract": Text("Uji kontrak", "Contract run"),
    "job_assess": Text("Penilaian dokumen besar", "Assessment of a large document"),
    "progress": Text("Kemajuan", "Progress"),
    "progress_line": Text(
        "{done} dari {operations} · {requests} · {failures}", "{done} of {operations} · {requests} · {failures}"
    ),
    "attempt": Text("Percobaan", "Attempt"),
    "started": Text("Dimulai", "Started"),
    "finished": Text("Selesai", "Finished"),
    "stopped_by": Text("Berhenti karena", "Stopped by"),
    "failures_so_far": Text("Kegagalan sejauh ini", "Failures so far"),
    "untested": Text("Operasi yang tidak diuji", "Operations not tested"),
    "untested_why": Text(
        "Operasi ini merujuk ($ref) sesuatu yang tidak dapat diselesaikan gerbang dari berkas yang diajukan; "
        "gerbang tidak pernah membaca berkas atau URL yang dirujuk, jadi isi permintaannya tidak diketahui.",
        "These operations refer ($ref) to something the gate could not resolve from the submitted files; the "
        "gate never reads a referenced file or URL, so what they send is not known.",
    ),
    "reference": Text("Rujukan", "Reference"),
    "check": Text("Pemeriksaan", "Check"),
    "operation": Text("Operasi", "Operation"),
    "job_result": Text("Lihat penilaian hasil tugas ini", "See the assessment this job produced"),
    "auto_refresh": Text(
        "Halaman ini diperbarui sendiri setiap 2 detik selama tugas belum selesai.",
        "This page reloads itself every 2 seconds until the job is finished.",
    ),
    "back_to_submission": Text("Kembali ke pengajuan", "Back to the submission"),
    "problem": Text("Masalah", "Problem"),
}

JOB_STATES: dict[JobState, Text] = {
    JobState.QUEUED: Text("Dalam antrean", "Queued"),
    JobState.RUNNING: Text("Berjalan", "Running"),
    JobState.DONE: Text("Selesai", "Finished"),
    JobState.FAILED: Text("Gagal", "Failed"),
}

STOPPED: dict[str, Text] = {
    "completed": Text("semua fase selesai", "every phase completed"),
    "time-limit": Text("batas waktu tercapai", "the time limit"),
    "request-budget": Text("anggaran permintaan habis", "the request budget"),
    "interrupted": Text("dihentikan", "an interruption"),
    "unreachable": Text("aplikasi tidak dapat dijangkau", "the application being unreachable"),
    "refused": Text("tidak ada operasi yang terdefinisi dengan baik untuk diuji", "no well-defined operation to test"),
}

#: The audit log's action codes in words (tests/service/test_page_reading.py checks that every code
#: the service records has them).
AUDIT_ACTIONS: dict[str, Text] = {
    "auth.login": Text("Masuk", "Signed in"),
    "auth.logout": Text("Keluar", "Signed out"),
    "auth.failed": Text("Gagal masuk", "Failed sign-in"),
    "auth.limited": Text("Masuk ditolak: terlalu banyak percobaan", "Sign-in refused: too many attempts"),
    "csrf.refused": Text("Formulir ditolak (token CSRF salah)", "Form refused (wrong CSRF token)"),
    "access.refused": Text("Akses ke data OPD lain ditolak", "Access to another OPD's data refused"),
    "application.create": Text("Aplikasi baru", "New application"),
    "submission.create": Text("Pengajuan baru", "New submission"),
    "submission.assess": Text("Penilaian", "Assessment"),
    "submission.reassess": Text("Penilaian ulang", "Reassessment"),
    "submission.contract": Text("Hasil uji kontrak", "Contract run result"),
    "submission.review": Text("Tinjauan dimulai", "Review started"),
    "submission.decide": Text("Keputusan", "Decision"),
    "submission.withdraw": Text("Pengajuan ditarik", "Submission withdrawn"),
    "waiver.grant": Text("Pengecualian diberikan", "Waiver granted"),
    "waiver.revoke": Text("Pengecualian dicabut", "Waiver revoked"),
    "job.create": Text("Tugas dibuat", "Job created"),
    "job.fail": Text("Tugas gagal", "Job failed"),
    "job.requeue": Text("Tugas diulang (pekerja berhenti)", "Job run again (its worker stopped)"),
    "token.create": Text("Token CI dibuat", "CI token created"),
    "token.revoke": Text("Token CI dicabut", "CI token revoked"),
    "user.create": Text("Pengguna ditambahkan", "User added"),
    "user.update": Text("Pengguna diubah", "User changed"),
    "opd.create": Text("OPD ditambahkan", "OPD added"),
    "opd.update": Text("OPD diubah", "OPD changed"),
    "evaluation.open": Text("Evaluasi tahunan dibuka", "Yearly evaluation opened"),
    "evaluation.confirm": Text("Metadata dikonfirmasi OPD", "Metadata confirmed by the OPD"),
    "evaluation.override": Text("Hasil evaluasi dikesampingkan", "Evaluation outcome overridden"),
    "evaluation.close": Text("Evaluasi tahunan ditutup", "Yearly evaluation closed"),
    "reassess.batch": Text("Penilaian ulang massal", "Bulk reassessment"),
}

AUDIT_OBJECTS: dict[str, Text] = {
    "user": Text("Pengguna", "User"),
    "submission": Text("Pengajuan", "Submission"),
    "application": Text("Aplikasi", "Application"),
    "waiver": Text("Pengecualian", "Waiver"),
    "job": Text("Tugas", "Job"),
    "token": Text("Token CI", "CI token"),
    "opd": Text("OPD", "OPD"),
    "request": Text("Permintaan", "Request"),
    "evaluation": Text("Evaluasi", "Evaluation"),
    "evaluation_item": Text("Butir evaluasi", "Evaluation item"),
    "reassess_batch": Text("Penilaian ulang massal", "Bulk reassessment"),
}

#: The keys of the audit log's details in words.
AUDIT_KEYS: dict[str, Text] = {
    "via": Text("Lewat", "Via"),
    "email": Text("Surel", "E-mail"),
    "ip": Text("Alamat IP", "IP address"),
    "verdict": Text("Hasil", "Verdict"),
    "level": Text("Tingkat", "Level"),
    "assessment": Text("Penilaian", "Assessment"),
    "metadata": Text("Metadata", "Metadata"),
    "application": Text("Aplikasi", "Application"),
    "slug": Text("Nama pendek", "Short name"),
    "number": Text("Versi", "Version"),
    "outcome": Text("Keputusan", "Decision"),
    "override": Text("Pengesampingan", "Override"),
    "decision": Text("Nomor keputusan", "Decision number"),
    "reason": Text("Alasan", "Reason"),
    "rule": Text("Aturan", "Rule"),
    "pointer": Text("JSON pointer", "JSON pointer"),
    "until": Text("Berlaku sampai", "Valid until"),
    "kind": Text("Jenis", "Kind"),
    "submission": Text("Pengajuan", "Submission"),
    "base_url": Text("URL dasar", "Base URL"),
    "job": Text("Tugas", "Job"),
    "requests": Text("Permintaan", "Requests"),
    "stopped": Text("Berhenti karena", "Stopped by"),
    "worker": Text("Pekerja", "Worker"),
    "attempt": Text("Percobaan", "Attempt"),
    "nama": Text("Nama", "Name"),
    "kode": Text("Kode", "Code"),
    "prefix": Text("Awalan", "Prefix"),
    "role": Text("Peran", "Role"),
    "opd_id": Text("OPD", "OPD"),
    "active": Text("Aktif", "Active"),
    "password": Text("Kata sandi", "Password"),
    "method": Text("Metode", "Method"),
    "path": Text("Alamat", "Path"),
    "letter": Text("Nomor surat", "Letter number"),
    "key": Text("Kunci jadwal", "Schedule key"),
    "year": Text("Tahun", "Year"),
    "fields": Text("Kolom", "Fields"),
    "from": Text("Dari", "From"),
    "to": Text("Menjadi", "To"),
    "applications": Text("Aplikasi", "Applications"),
    "berkelanjutan": Text("Berkelanjutan", "Sustained"),
    "perlu_tindakan": Text("Perlu tindakan", "Action needed"),
    "tidak_berkelanjutan": Text("Tidak berkelanjutan", "Not sustained"),
    "menunggu": Text("Menunggu", "Pending"),
}

#: Stored detail values that are words themselves.
AUDIT_VALUES: dict[tuple[str, str], Text] = {
    ("metadata", "form"): Text("dari formulir", "from the form"),
    ("password", "baru / new"): Text("diganti", "changed"),
    ("via", "web"): Text("halaman web", "web page"),
}

STATES: dict[State, Text] = {
    State.SUBMITTED: Text("Diajukan", "Submitted"),
    State.ASSESSED: Text("Dinilai", "Assessed"),
    State.IN_REVIEW: Text("Dalam tinjauan", "In review"),
    State.APPROVED: Text("Disetujui", "Approved"),
    State.REJECTED: Text("Ditolak", "Rejected"),
    State.CHANGES_REQUESTED: Text("Perlu perbaikan", "Changes requested"),
    State.WITHDRAWN: Text("Ditarik", "Withdrawn"),
}

OUTCOMES: dict[Outcome, Text] = {
    Outcome.APPROVE: Text("Setujui", "Approve"),
    Outcome.REJECT: Text("Tolak", "Reject"),
    Outcome.REQUEST_CHANGES: Text("Minta perbaikan", "Request changes"),
}

ROLES: dict[Role, Text] = {
    Role.DEVELOPER: Text("Pengembang OPD", "OPD developer"),
    Role.REVIEWER: Text("Peninjau Diskominfo", "Diskominfo reviewer"),
    Role.ADMIN: Text("Administrator", "Administrator"),
}


#: Counted nouns of the pages, (one, several) as in reports.i18n.COUNTED.
COUNTED: dict[str, tuple[Text, Text]] = {
    "operations": (Text("operasi", "operation"), Text("operasi", "operations")),
    "requests": (Text("permintaan", "request"), Text("permintaan", "requests")),
    "failures": (Text("kegagalan", "failure"), Text("kegagalan", "failures")),
}


def labels(lang: Lang) -> dict[str, str]:
    return {key: text.get(lang) for key, text in LABELS.items()}
