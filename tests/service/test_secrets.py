"""The secret that signs sessions stays out of reach of the processes that run untrusted documents.

Job workers of the local pool start without the secret's variables in their environment and get
settings without the secret; Celery workers need only the job key (tests/service/test_celery.py
runs them so). A deployment may keep the secret in a file of its own (``GATE_SECRET_KEY_FILE``).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from pydantic import ValidationError

from gate.cli import main
from gate.core.config import Settings
from gate.jobs.local import LocalPool


def _environ(pid: int) -> bytes:
    return Path(f"/proc/{pid}/environ").read_bytes()


def test_local_job_workers_hold_no_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "rahasia-sesi-" + secrets.token_hex(16)
    job_key = "kunci-tugas-" + secrets.token_hex(16)
    monkeypatch.setenv("GATE_SECRET_KEY", secret)
    monkeypatch.setenv("GATE_JOB_KEY", job_key)
    settings = Settings(data_dir=tmp_path / "data")
    assert settings.resolved_secret() == secret
    with LocalPool(settings, workers=2, poll_s=0.2) as pool:
        pids = [w.process.pid for w in pool.workers]
        environments = [_environ(pid) for pid in pids]
    assert len(pids) == 2
    for environ in environments:
        assert secret.encode() not in environ and job_key.encode() not in environ
        assert b"GATE_SECRET_KEY" not in environ
    withheld = settings.without_secrets()
    with pytest.raises(RuntimeError):
        withheld.resolved_secret()
    assert not (tmp_path / "data" / "secret_key").exists()  # nothing generated on the worker's behalf


def test_the_secret_may_come_from_a_file(tmp_path: Path) -> None:
    key = secrets.token_urlsafe(48)
    path = tmp_path / "gate_secret"
    path.write_text(key + "\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", secret_key_file=path)
    assert settings.resolved_secret() == key
    assert not (tmp_path / "data" / "secret_key").exists()
    path.write_text("pendek", encoding="utf-8")
    with pytest.raises(ValidationError, match="shorter than 32"):
        Settings(data_dir=tmp_path / "data", secret_key_file=path)


def test_an_unreadable_secret_file_stops_the_service_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gate.core.config import get_settings

    monkeypatch.setenv("GATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GATE_SECRET_KEY_FILE", str(tmp_path / "tidak-ada"))
    get_settings.cache_clear()
    try:
        assert main(["db", "upgrade"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "GATE_SECRET_KEY_FILE" in err and "tidak-ada" in err and "Traceback" not in err


def test_the_job_key_is_the_only_key_a_celery_worker_needs(tmp_path: Path) -> None:
    from gate.jobs.celery_app import seal, unseal

    web = Settings(data_dir=tmp_path, secret_key="rahasia-" + "x" * 32, job_key="kunci-tugas-" + "y" * 32)
    worker = Settings(data_dir=tmp_path, job_key=web.job_key).without_secrets(keep_job_key=True)
    sealed = seal(web, {"token": "t0ken"})
    assert unseal(worker, sealed) == {"token": "t0ken"}
    with pytest.raises(RuntimeError):
        worker.resolved_secret()
