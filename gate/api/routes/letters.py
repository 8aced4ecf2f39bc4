"""Decision letters: readable by reviewers and administrators, and by the deciding OPD's developers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from gate.api.deps import CurrentActor, SessionDep, SettingsDep
from gate.api.schemas import LetterFixOut, LetterOut, OpdOut
from gate.errors import ApiError
from gate.models import Application, Letter, Opd, Submission, User
from gate.services import letters
from gate.services import submissions as flow
from gate.services.audit import Actor
from rules.i18n import Lang, Text

router = APIRouter(prefix="/letters", tags=["surat"])

Code = Annotated[str, Path(min_length=1, max_length=40, description="Kode surat (yang dimuat kode QR-nya).")]
NOT_FOUND = Text("Surat tidak ditemukan.", "Letter not found.")


def _readable(session: SessionDep, actor: Actor, code: str) -> Letter:
    """Another OPD's letter is 'not found', as its other data is (and the refusal is audited)."""
    letter = letters.by_code(session, code)
    app = session.get(Application, letter.application_id) if letter else None
    if letter is None or app is None or not flow.may_view(session, actor, app, "letter", letter.id):
        raise ApiError(404, NOT_FOUND)
    return letter


@router.get("/{code}", response_model=LetterOut, summary="Satu surat keputusan")
def get_letter(code: Code, actor: CurrentActor, session: SessionDep, settings: SettingsDep) -> LetterOut:
    letter = _readable(session, actor, code)
    app = session.get(Application, letter.application_id)
    sub = session.get(Submission, letter.submission_id)
    opd = session.get(Opd, app.opd_id) if app else None
    reviewer = session.get(User, letter.reviewer_id)
    assert app is not None and sub is not None and opd is not None
    return LetterOut(
        nomor=letter.nomor,
        jenis=letter.kind,
        status=letters.status(letter),  # type: ignore[arg-type]
        tanggal=letter.issued_on,
        berlaku_sampai=letter.valid_until,
        berakhir_pada=letter.ended_at,
        alasan_berakhir=letter.ended_reason,
        application_id=letter.application_id,
        submission_id=letter.submission_id,
        decision_id=letter.decision_id,
        aplikasi=app.nama,
        versi=sub.number,
        opd=OpdOut.model_validate(opd),
        peninjau=reviewer.nama if reviewer else "",
        alasan=letter.reasons,
        perbaikan=[LetterFixOut.model_validate(item) for item in letter.to_fix],
        verifikasi_url=letters.verification_url(settings, letter),
        surat_url=letters.pdf_url(settings, letter),
    )


@router.get(
    "/{code}/pdf",
    summary="Surat keputusan sebagai PDF",
    response_class=Response,
    responses={
        200: {
            "description": "Surat dalam PDF (A4).",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def get_letter_pdf(code: Code, actor: CurrentActor, session: SessionDep, settings: SettingsDep) -> Response:
    from gate.web.letters import pdf_response  # the page's template: one letter, however it is asked for

    lang: Lang = "en" if actor.user.lang == "en" else "id"  # the language the user chose
    return pdf_response(session, settings, _readable(session, actor, code), lang)
