"""schemathesis against the gate's own API, in process: no input may cause a server error.

Runs as a signed-in OPD developer (a CI token), on SQLite, with a small example budget so the
suite stays fast; every operation the service publishes is exercised.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from sqlmodel import Session

from gate.core.config import Settings
from gate.main import create_app
from gate.models import Role
from gate.services.accounts import create_opd, create_token, create_user
from gate.services.audit import Actor

_DATA = Path(tempfile.mkdtemp(prefix="spbe-gate-fuzz-"))
APP = create_app(Settings(data_dir=_DATA, secret_key="fuzz", spbe_metadata={"anggaran": [2099]}))
with Session(APP.state.engine) as _s:
    _opd = create_opd(_s, "9.99.01", "Dinas Uji")
    _dev = create_user(_s, "dev@uji.contohkab.go.id", "Dev", "kata-sandi-uji-123", Role.DEVELOPER, _opd.id)
    _, TOKEN = create_token(_s, Actor(_dev), "fuzz")
    _s.commit()

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
