"""Layanan Perizinan Berusaha: the demonstration OPD application behind ``openapi.yaml``.

Two variants of the same service, to show what contract testing catches:

    python examples/layanan-perizinan/server.py --port 8001            # keeps its contract
    python examples/layanan-perizinan/server.py --port 8002 --cacat    # realistic defects

then ``spbe-gate test examples/layanan-perizinan/openapi.yaml --base-url
http://127.0.0.1:8001/perizinan/v1 --auth-header "Authorization: Bearer token-uji-perizinan"``.

The defective variant (``--cacat``) has four bugs of the kind OPD applications ship with:

1. ``GET /izin`` answers 500 when ``geser`` (offset) is past the end of the list;
2. ``GET /jenis-izin/{kode}`` leaves out the required field ``nama`` (renamed ``nama_jenis``);
3. ``DELETE /izin/{nomor_izin}`` answers 200 with a body, a status the document does not list;
4. ``GET /statistik`` sends its JSON as ``text/plain``.

Data lives in memory; the bearer token comes from ``PERIZINAN_TOKEN`` (default
``token-uji-perizinan``). As the document's ``sso`` scheme says, an application may also get that
token with OAuth2 client credentials: ``POST /sso/token`` (HTTP Basic with ``PERIZINAN_CLIENT_ID``
and ``PERIZINAN_CLIENT_SECRET``, defaults ``gerbang-spbe`` and ``rahasia-uji-perizinan``) stands in
for the kabupaten's SSO. Needs only FastAPI and uvicorn.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets as _secrets
import threading
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

WIB = timezone(timedelta(hours=7))
NOMOR = r"^IZ-[0-9]{4}-[0-9]{6}$"
PROBLEM = "application/problem+json"
NomorIzin = Annotated[str, Path(max_length=20, pattern=NOMOR)]
KodeJenis = Annotated[str, Path(max_length=10, pattern=r"^[A-Z]{2,10}$")]


class Status(StrEnum):
    DIAJUKAN = "diajukan"
    DIPROSES = "diproses"
    TERBIT = "terbit"
    DITOLAK = "ditolak"


class PermohonanIzin(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jenis_izin: str = Field(max_length=100)
    nik_pemohon: str = Field(pattern=r"^[0-9]{16}$", min_length=16, max_length=16)
    kode_wilayah: str = Field(pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$", max_length=13)
    nama_usaha: str = Field(max_length=200)


class PerubahanStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status
    catatan: str = Field(default="", max_length=1000)  # absent is fine, null is not (as documented)


JENIS_IZIN = {
    "IUMK": {"kode": "IUMK", "nama": "Izin Usaha Mikro Kecil", "lama_proses_hari": 3},
    "PBG": {"kode": "PBG", "nama": "Persetujuan Bangunan Gedung", "lama_proses_hari": 28},
    "SIP": {"kode": "SIP", "nama": "Surat Izin Praktik", "lama_proses_hari": 5},
}


def problem(status: int, title: str, detail: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"title": title, "status": status}
    if detail:
        body["detail"] = detail[:2000]
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


class Problem(Exception):
    def __init__(self, status: int, title: str):
        self.status, self.title = status, title


class Store:
    """The permits, in memory, safe across uvicorn's worker threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.izin: dict[str, dict[str, Any]] = {}
        self.riwayat: dict[str, list[dict[str, Any]]] = {}
        self.urut = 0

    def ajukan(self, data: PermohonanIzin) -> dict[str, Any]:
        now = datetime.now(WIB).isoformat(timespec="seconds")
        with self.lock:
            self.urut += 1
            nomor = f"IZ-{datetime.now(WIB).year}-{self.urut % 1_000_000:06d}"
            izin = {"nomor_izin": nomor, **data.model_dump(exclude={"nama_usaha"}), "status": "diajukan"}
            izin["diajukan_pada"] = now
            self.izin[nomor] = izin
            self.riwayat[nomor] = [{"status": "diajukan", "waktu": now}]
            return dict(izin)

    def get(self, nomor: str) -> dict[str, Any]:
        with self.lock:
            izin = self.izin.get(nomor)
            if izin is None:
                raise Problem(404, "Tidak ditemukan")
            return dict(izin)


def build(cacat: bool = False, token: str | None = None) -> FastAPI:
    """The application; ``cacat`` switches on the four defects listed above."""
    secret = token or os.environ.get("PERIZINAN_TOKEN", "token-uji-perizinan")
    store = Store()
    app = FastAPI(title="Layanan Perizinan Berusaha", openapi_url=None, docs_url=None, redoc_url=None)

    @app.exception_handler(RequestValidationError)
    def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return problem(400, "Permintaan tidak sah", f"{where}: {first.get('msg', '')}")

    @app.exception_handler(Problem)
    def known(_: Request, exc: Problem) -> JSONResponse:
        return problem(exc.status, exc.title)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's own errors (unreadable JSON, 404, 405) in the documented problem+json form.
        response = problem(exc.status_code, str(exc.detail))
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(sorted(allowed(request.url.path)))
        return response

    def allowed(path: str) -> set[str]:
        """Every method of every route matching ``path`` (Starlette names only the first route's)."""
        scope = {"type": "http", "path": path, "method": "GET"}
        methods: set[str] = set()
        for route in app.routes:
            match, _ = route.matches(scope)
            if match is not Match.NONE:
                methods |= getattr(route, "methods", None) or set()
        return methods

    def signed_in(authorization: Annotated[str | None, Header()] = None) -> None:
        if authorization != f"Bearer {secret}":
            raise Problem(401, "Tidak terautentikasi")

    api = APIRouter(prefix="/perizinan/v1")
    secured = APIRouter(dependencies=[Depends(signed_in)])

    @secured.get("/izin")
    def daftar_izin(
        batas: Annotated[int, Query(ge=1, le=100)] = 20,
        geser: Annotated[int, Query(ge=0, le=100_000)] = 0,
        status: Status | None = None,
    ) -> dict[str, Any]:
        with store.lock:
            rows = [dict(i) for i in store.izin.values() if status is None or i["status"] == status]
        rows.sort(key=lambda i: str(i["nomor_izin"]), reverse=True)
        if cacat and geser:
            # Defect 1: the "next page" cursor is read from the row at the offset, which may not exist.
            _ = rows[geser]["nomor_izin"]
        return {"data": rows[geser : geser + batas], "total": len(rows), "batas": batas, "geser": geser}

    @secured.post("/izin", status_code=201)
    def ajukan_izin(body: PermohonanIzin) -> dict[str, Any]:
        return store.ajukan(body)

    @secured.get("/izin/{nomor_izin}")
    def baca_izin(nomor_izin: NomorIzin) -> dict[str, Any]:
        return store.get(nomor_izin)

    @secured.patch("/izin/{nomor_izin}")
    def ubah_status(nomor_izin: NomorIzin, body: PerubahanStatus) -> dict[str, Any]:
        with store.lock:
            izin = store.izin.get(nomor_izin)
            if izin is None:
                raise Problem(404, "Tidak ditemukan")
            izin["status"] = body.status.value
            entry = {"status": body.status.value, "waktu": datetime.now(WIB).isoformat(timespec="seconds")}
            if body.catatan:
                entry["catatan"] = body.catatan
            store.riwayat[nomor_izin].append(entry)
            return dict(izin)

    @secured.delete("/izin/{nomor_izin}", status_code=204, response_model=None)
    def batalkan_izin(nomor_izin: NomorIzin) -> Response | dict[str, Any]:
        with store.lock:
            found = store.izin.pop(nomor_izin, None)
            store.riwayat.pop(nomor_izin, None)
        if cacat:
            # Defect 3: "idempotent" delete answering 200 with a body, which the document does not list.
            return JSONResponse({"dihapus": nomor_izin}, status_code=200)
        if found is None:
            raise Problem(404, "Tidak ditemukan")
        return Response(status_code=204)

    @secured.get("/izin/{nomor_izin}/riwayat")
    def riwayat_izin(nomor_izin: NomorIzin) -> dict[str, Any]:
        with store.lock:
            rows = store.riwayat.get(nomor_izin)
            if rows is None:
                raise Problem(404, "Tidak ditemukan")
            return {"data": [dict(r) for r in rows]}

    @secured.get("/jenis-izin")
    def daftar_jenis_izin() -> dict[str, Any]:
        return {"data": list(JENIS_IZIN.values())}

    @secured.get("/jenis-izin/{kode}")
    def baca_jenis_izin(kode: KodeJenis) -> dict[str, Any]:
        jenis = JENIS_IZIN.get(kode)
        if jenis is None:
            raise Problem(404, "Tidak ditemukan")
        if cacat:
            # Defect 2: a field renamed in the code and not in the document.
            return {"kode": jenis["kode"], "nama_jenis": jenis["nama"], "lama_proses_hari": jenis["lama_proses_hari"]}
        return dict(jenis)

    @secured.get("/statistik", response_model=None)
    def statistik() -> dict[str, int] | PlainTextResponse:
        with store.lock:
            counts = {s.value: 0 for s in Status}
            for izin in store.izin.values():
                counts[izin["status"]] += 1
        if cacat:
            # Defect 4: JSON text sent as text/plain.
            return PlainTextResponse(str(counts).replace("'", '"'))
        return counts

    @api.get("/kesehatan")
    def kesehatan() -> dict[str, str]:
        return {"status": "sehat"}

    api.include_router(secured)
    app.include_router(api)

    client = (
        os.environ.get("PERIZINAN_CLIENT_ID", "gerbang-spbe"),
        os.environ.get("PERIZINAN_CLIENT_SECRET", "rahasia-uji-perizinan"),
    )

    @app.post("/sso/token")
    async def sso_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        """The SSO's client credentials grant, reduced to what the demonstration needs."""
        form = await request.form()
        scheme, _, value = (authorization or "").partition(" ")
        try:
            given = tuple(base64.b64decode(value).decode().split(":", 1)) if scheme.lower() == "basic" else ()
        except ValueError:
            given = ()
        if form.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        if len(given) != 2 or not all(_secrets.compare_digest(a, b) for a, b in zip(given, client, strict=True)):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        return JSONResponse({"access_token": secret, "token_type": "Bearer", "expires_in": 300})

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--cacat", action="store_true", help="the variant with four defects")
    args = parser.parse_args()
    uvicorn.run(build(cacat=args.cacat), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
