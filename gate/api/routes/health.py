"""Health check for monitoring: open, no personal data."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import text

from gate.api.deps import SessionDep
from gate.errors import ApiError
from rules import __version__
from rules.i18n import Text

router = APIRouter(tags=["sistem"])


class Health(BaseModel):
    status: str = Field(description="`ok` bila layanan dan basis datanya berfungsi.", examples=["ok"])
    version: str = Field(description="Versi SPBE Gate.", examples=["0.1.0"])


@router.get("/kesehatan", response_model=Health, summary="Kesehatan layanan", operation_id="kesehatan")
def health(session: SessionDep) -> Health:
    """Menjawab 200 bila layanan dan basis datanya berfungsi."""
    try:
        session.execute(text("SELECT 1"))
    except Exception:
        raise ApiError(503, Text("Basis data tidak dapat dijangkau.", "The database is unreachable.")) from None
    return Health(status="ok", version=__version__)
