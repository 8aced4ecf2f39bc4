"""CI tokens of the developer's OPD: created (shown once), listed, revoked."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from gate.api.deps import CurrentActor, IdPath, PageDep, SessionDep
from gate.api.schemas import NewTokenOut, TokenIn, TokenOut
from gate.errors import ApiError
from gate.models import ApiToken
from gate.services import queries
from gate.services.accounts import AccountError, create_token, revoke_token
from rules.i18n import Text

router = APIRouter(prefix="/tokens", tags=["token"])
ONLY_DEVELOPERS = Text("Token CI dibuat oleh pengembang OPD.", "CI tokens are created by OPD developers.")


@router.get("", response_model=list[TokenOut], summary="Token CI OPD saya")
def list_tokens(actor: CurrentActor, session: SessionDep, page: PageDep) -> list[ApiToken]:
    if actor.user.opd_id is None:
        return []
    return queries.tokens(session, actor.user.opd_id, page.window)


@router.post("", status_code=201, response_model=NewTokenOut, summary="Buat token CI")
def new_token(body: TokenIn, actor: CurrentActor, session: SessionDep) -> NewTokenOut:
    if actor.via_token:
        raise ApiError(403, Text("Token tidak dapat membuat token.", "A token cannot create tokens."))
    try:
        token, plain = create_token(session, actor, body.nama)
    except AccountError:
        raise ApiError(403, ONLY_DEVELOPERS) from None
    session.commit()
    session.refresh(token)
    return NewTokenOut(token=plain, info=TokenOut.model_validate(token))


@router.delete("/{token_id}", status_code=204, summary="Cabut token CI")
def delete_token(token_id: IdPath, actor: CurrentActor, session: SessionDep) -> Response:
    token = session.get(ApiToken, token_id)
    if token is None or token.opd_id != actor.user.opd_id or actor.via_token:
        raise ApiError(404, Text("Tidak ditemukan.", "Not found."))
    revoke_token(session, actor, token)
    session.commit()
    return Response(status_code=204)
