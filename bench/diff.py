"""Benchmark of ``spbe-gate diff``: recall and precision on labelled edits, time and memory on Stripe.

1. The labelled set. From each document in the shared specs folder, seeded edits are made one at a
   time, each labelled with the kind of change it is and whether it breaks a client: every kind of
   breaking change the diff must find (removed paths, operations, parameters, response codes,
   response properties, response enum values; new required parameters and properties; narrowed
   types, formats, patterns, lengths and enums in requests; changed security; changed base path)
   and compatible edits that must not be flagged (additions, widenings in requests, narrowings in
   responses, deprecations, documentation, a renamed path parameter, an inlined $ref, reordered
   keys). Each pair (original, edited) goes to every tool. A tool *flags* a pair when it reports at
   least one breaking change. Recall = breaking pairs flagged / breaking pairs; precision =
   breaking pairs flagged / all pairs flagged. For spbe-gate, "found" also asks for a change of the
   labelled kind itself, at breaking severity.
2. The real pair: Stripe's 2022-04 and 2023-09 documents, each tool as its own process (as
   bench/run.py measures: posix_spawn, median wall time, peak RSS from wait4).

    bash bench/setup.sh                         # the peers, pinned in bench/package.json
    .venv/bin/python bench/diff.py --runs 5     # prints the tables, writes bench/results/diff-<date>.md

The documents are found in $SPBE_GATE_SHARED/specs, else ../shared/specs beside the repository.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from run import ENV, Measure  # noqa: E402

from rules import pointer as jp  # noqa: E402
from rules.bundle import Bundle, DirectorySource  # noqa: E402
from rules.changes import ChangeSeverity, compare_documents, load_document  # noqa: E402
from rules.document import HTTP_METHODS, Document  # noqa: E402

SHARED = Path(os.environ.get("SPBE_GATE_SHARED", ROOT.parent / "shared"))
SPECS = SHARED / "specs"
PEERS = BENCH / ".peers"
#: Documents of the labelled set: every version family, up to 0.8 MB (the peers take seconds per pair
#: beyond that; the large documents are measured on the real Stripe pair instead).
LABELLED_DOCUMENTS = (
    "oai-v2.0_json_petstore-expanded.json",
    "oai-v2.0_json_uber.json",
    "oai-v3.0_petstore-expanded.yaml",
    "oai-v3.0_petstore.yaml",
    "oai-v3.0_uspto.yaml",
    "oai-v3.0_link-example.yaml",
    "oai-v3.1_non-oauth-scopes.yaml",
    "oai-v3.1_webhook-example.yaml",
    "twilio_messaging_v1.json",
    "argo-workflows-swagger.json",
)
#: Documents where a peer takes 10-20 s per pair: fewer edits per kind.
LARGE = frozenset({"twilio_messaging_v1.json", "argo-workflows-swagger.json"})
STRIPE = ("stripe-spec3-2022-04.json", "stripe-spec3-2023-09.yaml")
#: The peers' verdicts per pair, kept so that an interrupted run resumes (not committed).
CACHE = PEERS / "diff-verdicts.json"


@dataclass
class Edit:
    document: str
    kind: str
    breaking: bool
    pointer: str
    data: Any = field(repr=False)


# -- the labelled edits -------------------------------------------------------------------------


def _clone(data: Any) -> Any:
    try:
        return orjson.loads(orjson.dumps(data))
    except TypeError:
        return copy.deepcopy(data)


def _parent(tree: Any, pointer: str) -> tuple[Any, str]:
    segs = jp.split(pointer)
    holder = jp.get(tree, jp.build(segs[:-1]))
    return holder, segs[-1]


def _delete(tree: Any, pointer: str) -> None:
    holder, key = _parent(tree, pointer)
    if isinstance(holder, list):
        del holder[int(key)]
    else:
        del holder[key]


class Editor:
    """Finds the places each kind of edit can be made in one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.v2 = doc.is_v2

    def param(self, name: str, required: bool) -> dict[str, Any]:
        if self.v2:
            return {"name": name, "in": "query", "required": required, "type": "string"}
        return {"name": name, "in": "query", "required": required, "schema": {"type": "string"}}

    def edits(self) -> Iterator[tuple[str, bool, str, Callable[[Any], None]]]:
        """(kind, breaking, pointer, apply) for every place an edit can be made."""
        doc = self.doc
        ops = doc.operations
        paths = doc.data.get("paths") or {}
        # -- breaking ----------------------------------------------------------------------
        for path in paths:
            if isinstance(paths[path], dict) and any(m in paths[path] for m in HTTP_METHODS):
                yield "path-removed", True, jp.join("/paths", path), lambda t, p=path: t["paths"].pop(p)
        for op in ops:
            if sum(1 for m in HTTP_METHODS if m in op.path_item) >= 2:
                yield "operation-removed", True, op.pointer, lambda t, p=op.pointer: _delete(t, p)
            own = op.value.get("parameters") if isinstance(op.value.get("parameters"), list) else []
            shared = {(p.get("name"), p.get("in")) for p in op.path_item.get("parameters", []) if isinstance(p, dict)}
            for i, raw in enumerate(own):
                value, _ = doc.deref(raw, jp.join(op.pointer, "parameters", i))
                if (
                    isinstance(value, dict)
                    and value.get("in") in ("query", "header")
                    and ((value.get("name"), value.get("in")) not in shared)
                ):
                    ptr = jp.join(op.pointer, "parameters", i)
                    yield "parameter-removed", True, ptr, lambda t, p=ptr: _delete(t, p)
            ptr = jp.join(op.pointer, "parameters")
            yield (
                "required-parameter-added",
                True,
                ptr,
                lambda t, o=op.pointer: _add_param(t, o, self.param("bench_wajib", True)),
            )
            for p in op.parameters:
                if p.location == "query" and not p.required and "$ref" not in str(p.pointer):
                    yield (
                        "parameter-became-required",
                        True,
                        p.pointer,
                        lambda t, q=p.pointer: jp.get(t, q).update(required=True),
                    )
                if p.location == "query" and p.required:
                    yield (
                        "parameter-became-optional",
                        False,
                        p.pointer,
                        lambda t, q=p.pointer: jp.get(t, q).update(required=False),
                    )
            if len(op.responses) >= 2:
                for r in op.responses:
                    yield "response-status-removed", True, r.key_pointer, lambda t, q=r.key_pointer: _delete(t, q)
            if not any(r.status == "429" for r in op.responses) and op.responses:
                ptr = jp.join(op.pointer, "responses")
                yield (
                    "response-status-added",
                    False,
                    ptr,
                    lambda t, q=ptr: jp.get(t, q).update({"429": {"description": "Terlalu banyak permintaan"}}),
                )
            yield "security-changed", True, op.pointer, lambda t, o=op.pointer: _require_key(t, o, self.v2)
            yield (
                "parameter-added",
                False,
                ptr,
                lambda t, o=op.pointer: _add_param(t, o, self.param("bench_opsional", False)),
            )
            yield (
                "operation-deprecated",
                False,
                op.pointer,
                lambda t, o=op.pointer: jp.get(t, o).update({"deprecated": True, "x-sunset": "2027-12-31"}),
            )
            yield (
                "description-changed",
                False,
                op.pointer,
                lambda t, o=op.pointer: jp.get(t, o).update(
                    summary="Ringkasan baru", description="Deskripsi yang diperbarui."
                ),
            )
            body = op.value.get("requestBody")
            if not self.v2 and isinstance(body, dict) and "$ref" not in body and body.get("required") is not True:
                ptr = jp.join(op.pointer, "requestBody")
                yield "request-body-became-required", True, ptr, lambda t, q=ptr: jp.get(t, q).update(required=True)
            for r in op.responses:
                content = r.value.get("content")
                if isinstance(content, dict) and len(content) >= 2 and "$ref" not in str(r.pointer):
                    mime = next(iter(content))
                    ptr = jp.join(r.pointer, "content", mime)
                    yield "media-type-removed", True, ptr, lambda t, q=ptr: _delete(t, q)
            methods = [m for m in HTTP_METHODS if m not in op.path_item]
            if methods and op.method == next(m for m in HTTP_METHODS if m in op.path_item):
                ptr = op.path_item_pointer
                yield (
                    "operation-added",
                    False,
                    ptr,
                    lambda t, q=ptr, m=methods[0]: jp.get(t, q).update(
                        {m: {"responses": {"200": {"description": "ok"}}}}
                    ),
                )
            if "{" in op.path:
                yield from self._rename_path_parameter(op)
        yield (
            "path-added",
            False,
            "/paths",
            lambda t: t["paths"].update({"/bench-baru": {"get": {"responses": {"200": {"description": "ok"}}}}}),
        )
        yield "keys-reordered", False, "/paths", lambda t: t.update(paths=dict(reversed(list(t["paths"].items()))))
        yield "base-path-changed", True, "/servers", lambda t: _move_base(t, self.v2)
        for info in doc.schemas:
            yield from self._schema_edits(info)
        for prop in doc.properties:
            yield from self._property_edits(prop)
        yield from self._inline_refs()

    def _schema_edits(self, info: Any) -> Iterator[tuple[str, bool, str, Callable[[Any], None]]]:
        value, ptr, usage = info.value, info.pointer, info.usage
        if not usage:
            return
        if "$ref" in str(ptr) or (ptr.endswith("/items") and not isinstance(value, dict)):
            return
        only_in, only_out = usage == {"input"}, usage == {"output"}
        enum = value.get("enum")
        if isinstance(enum, list) and len(enum) >= 2 and all(isinstance(v, str) for v in enum):
            if "output" in usage:
                yield "enum-value-removed", True, ptr, lambda t, q=ptr: jp.get(t, q)["enum"].pop()
                yield "enum-value-added", True, ptr, lambda t, q=ptr: jp.get(t, q)["enum"].append("bench_nilai_baru")
            if "input" in usage:
                yield "enum-value-removed", True, ptr, lambda t, q=ptr: jp.get(t, q)["enum"].pop()
            if only_in:
                yield (
                    "enum-value-added (request)",
                    False,
                    ptr,
                    lambda t, q=ptr: jp.get(t, q)["enum"].append("bench_nilai_baru"),
                )
        kind = value.get("type")
        if kind == "string" and "input" in usage and not isinstance(enum, list):
            yield "type-changed", True, ptr, lambda t, q=ptr: jp.get(t, q).update(type="integer")
            if "format" not in value:
                yield "format-changed", True, ptr, lambda t, q=ptr: jp.get(t, q).update(format="uuid")
            if "pattern" not in value:
                yield "pattern-changed", True, ptr, lambda t, q=ptr: jp.get(t, q).update(pattern="^[A-Z0-9]+$")
            limit = value.get("maxLength")
            narrower = max(1, limit // 2) if isinstance(limit, int) and limit > 1 else 3
            if not (isinstance(limit, int) and limit <= 1):
                yield "max-length-changed", True, ptr, lambda t, q=ptr, n=narrower: jp.get(t, q).update(maxLength=n)
            if only_in and isinstance(limit, int):
                yield (
                    "max-length-raised (request)",
                    False,
                    ptr,
                    lambda t, q=ptr, n=limit * 2: jp.get(t, q).update(maxLength=n),
                )
        if kind == "string" and only_out and isinstance(value.get("maxLength"), int) and value["maxLength"] > 1:
            yield (
                "max-length-lowered (response)",
                False,
                ptr,
                lambda t, q=ptr, n=value["maxLength"] // 2: jp.get(t, q).update(maxLength=n),
            )
        props = value.get("properties")
        if isinstance(props, dict) and (kind in (None, "object")):
            if "input" in usage:
                yield "required-property-added", True, ptr, lambda t, q=ptr: _add_property(t, q, True)
            if only_in:
                yield "property-added (request)", False, ptr, lambda t, q=ptr: _add_property(t, q, False)
            if only_out:
                yield "property-added (response)", False, ptr, lambda t, q=ptr: _add_property(t, q, False)
        if "example" in value:
            yield "example-changed", False, ptr, lambda t, q=ptr: jp.get(t, q).update(example=None)

    def _property_edits(self, prop: Any) -> Iterator[tuple[str, bool, str, Callable[[Any], None]]]:
        usage = prop.parent.usage
        parent = prop.parent.pointer
        value, _ = self.doc.deref(prop.raw, prop.pointer)
        if not isinstance(value, dict) or "$ref" in parent:
            return
        hidden_in = value.get("readOnly") is True
        if "output" in usage and value.get("writeOnly") is not True:
            yield (
                "property-removed",
                True,
                prop.pointer,
                lambda t, q=prop.pointer, n=prop.name, s=parent: _remove_property(t, s, n),
            )
        if "input" in usage and not prop.required and not hidden_in:
            yield "property-became-required", True, prop.pointer, lambda t, s=parent, n=prop.name: _require(t, s, n)
        if usage == {"output"} and not prop.required:
            yield (
                "property-made-required (response)",
                False,
                prop.pointer,
                lambda t, s=parent, n=prop.name: _require(t, s, n),
            )
        if usage == {"input"} and prop.required:
            yield (
                "property-made-optional (request)",
                False,
                prop.pointer,
                lambda t, s=parent, n=prop.name: _unrequire(t, s, n),
            )

    def _rename_path_parameter(self, op: Any) -> Iterator[tuple[str, bool, str, Callable[[Any], None]]]:
        doc = self.doc
        path = op.path
        item = doc.data["paths"].get(path)
        if not isinstance(item, dict) or "$ref" in item or op.method != next(m for m in HTTP_METHODS if m in item):
            return
        name = path[path.index("{") + 1 : path.index("}")]
        holders = [item, *(item[m] for m in HTTP_METHODS if isinstance(item.get(m), dict))]
        for holder in holders:
            for raw in holder.get("parameters", []) if isinstance(holder.get("parameters"), list) else []:
                if not isinstance(raw, dict) or "$ref" in raw:
                    return  # a shared parameter: renaming it would touch other paths
        new_path = path.replace("{" + name + "}", "{bench_" + name + "}", 1)

        def rename(t: Any) -> None:
            moved = t["paths"].pop(path)
            for holder in [moved, *(moved[m] for m in HTTP_METHODS if isinstance(moved.get(m), dict))]:
                for p in holder.get("parameters", []) if isinstance(holder.get("parameters"), list) else []:
                    if p.get("in") == "path" and p.get("name") == name:
                        p["name"] = "bench_" + name
            t["paths"][new_path] = moved

        yield "path-parameter-renamed", False, jp.join("/paths", path), rename

    def _inline_refs(self) -> Iterator[tuple[str, bool, str, Callable[[Any], None]]]:
        for ref in self.doc.references:
            target_ptr = jp.from_fragment(ref.ref) if ref.ref.startswith("#") else None
            if not target_ptr or not (
                target_ptr.startswith("/components/schemas/") or target_ptr.startswith("/definitions/")
            ):
                continue
            target = self.doc.get(target_ptr)
            if not isinstance(target, dict) or "$ref" in orjson.dumps(target).decode():
                continue
            holder = self.doc.get(ref.pointer)
            if not isinstance(holder, dict) or set(holder) != {"$ref"}:
                continue
            yield "ref-inlined", False, ref.pointer, lambda t, q=ref.pointer, v=target: _replace(t, q, _clone(v))


def _add_param(tree: Any, op_ptr: str, param: dict[str, Any]) -> None:
    op = jp.get(tree, op_ptr)
    op.setdefault("parameters", []).append(param)


def _require_key(tree: Any, op_ptr: str, v2: bool) -> None:
    scheme = {"type": "apiKey", "in": "header", "name": "X-Bench-Key"}
    if v2:
        tree.setdefault("securityDefinitions", {})["bench_kunci"] = scheme
    else:
        tree.setdefault("components", {}).setdefault("securitySchemes", {})["bench_kunci"] = scheme
    jp.get(tree, op_ptr)["security"] = [{"bench_kunci": []}]


def _move_base(tree: Any, v2: bool) -> None:
    if v2:
        tree["basePath"] = (tree.get("basePath") or "").rstrip("/") + "/baru"
    elif tree.get("servers"):
        tree["servers"] = [{**s, "url": s["url"].rstrip("/") + "/baru"} for s in tree["servers"]]
    else:
        tree["servers"] = [{"url": "/baru"}]


def _add_property(tree: Any, schema_ptr: str, required: bool) -> None:
    schema = jp.get(tree, schema_ptr)
    schema["properties"]["bench_baru"] = {"type": "string"}
    if required:
        schema["required"] = [*schema.get("required", []), "bench_baru"]


def _remove_property(tree: Any, schema_ptr: str, name: str) -> None:
    schema = jp.get(tree, schema_ptr)
    del schema["properties"][name]
    if isinstance(schema.get("required"), list) and name in schema["required"]:
        schema["required"] = [n for n in schema["required"] if n != name]


def _require(tree: Any, schema_ptr: str, name: str) -> None:
    schema = jp.get(tree, schema_ptr)
    schema["required"] = [*schema.get("required", []), name]


def _unrequire(tree: Any, schema_ptr: str, name: str) -> None:
    schema = jp.get(tree, schema_ptr)
    schema["required"] = [n for n in schema.get("required", []) if n != name]
    if not schema["required"]:
        del schema["required"]


def _replace(tree: Any, pointer: str, value: Any) -> None:
    holder, key = _parent(tree, pointer)
    holder[int(key) if isinstance(holder, list) else key] = value


def labelled_set(per_kind: int, per_kind_large: int, seed: int) -> tuple[list[Edit], dict[str, Document]]:
    rng = random.Random(seed)
    edits: list[Edit] = []
    originals: dict[str, Document] = {}
    for name in LABELLED_DOCUMENTS:
        path = SPECS / name
        doc = load_document(DirectorySource(path.parent), path.name, side="old")
        originals[name] = doc
        by_kind: dict[tuple[str, bool], list[tuple[str, Callable[[Any], None]]]] = {}
        for kind, breaking, ptr, apply in Editor(doc).edits():
            by_kind.setdefault((kind, breaking), []).append((ptr, apply))
        for (kind, breaking), sites in sorted(by_kind.items()):
            count = per_kind_large if name in LARGE else per_kind
            for ptr, apply in rng.sample(sites, min(count, len(sites))):
                data = _clone(doc.data)
                try:
                    apply(data)
                except (KeyError, IndexError, TypeError, AttributeError):
                    continue  # a site that turned out not to fit this edit
                if data == doc.data and kind != "keys-reordered":  # dict equality ignores order
                    continue
                edits.append(Edit(name, kind, breaking, ptr, data))
    return edits, originals


# -- running the tools ----------------------------------------------------------------------------


def gate_verdicts(edits: list[Edit], originals: dict[str, Document]) -> tuple[list[bool], list[bool], float]:
    """(pair flagged breaking, labelled kind found as breaking) per edit, and seconds in all."""
    flagged, found = [], []
    started = time.perf_counter()
    for edit in edits:
        old = originals[edit.document]
        bundle = Bundle(edit.data, old.bundle.root, old.bundle.files, {"": (old.bundle.root, "")})
        comparison = compare_documents(old, Document(bundle))
        breaking = [c for c in comparison.changes if c.severity is ChangeSeverity.BREAKING]
        flagged.append(bool(breaking))
        found.append(any(c.kind == edit.kind for c in breaking))
    return flagged, found, time.perf_counter() - started


def peer_commands() -> dict[str, Callable[[Path, Path], list[str]]]:
    out: dict[str, Callable[[Path, Path], list[str]]] = {}
    tool = PEERS / "node_modules" / ".bin" / "openapi-diff"
    if tool.exists():
        out["openapi-diff"] = lambda a, b: [str(tool), str(a), str(b)]
    node = shutil.which("node")
    if node and (PEERS / "node_modules" / "api-smart-diff").exists():
        script = PEERS / "diff_peer_asd.mjs"
        shutil.copyfile(BENCH / "diff_peer_asd.mjs", script)  # beside its node_modules
        out["api-smart-diff"] = lambda a, b: [node, str(script), str(a), str(b)]
    return out


def _key(tool: str, edit: Edit) -> str:
    digest = hashlib.sha256(orjson.dumps(edit.data, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]
    return f"{tool}|{edit.document}|{edit.kind}|{edit.pointer}|{digest}"


def peer_verdicts(
    tool: str,
    command: Callable[[Path, Path], list[str]],
    edits: list[Edit],
    originals: dict[str, Document],
    work: Path,
    jobs: int,
) -> tuple[list[bool | None], float]:
    """Flagged (exit 1), not flagged (exit 0) or failed (None) per edit; ``jobs`` pairs at a time."""
    cache: dict[str, bool | None] = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    lock = threading.Lock()
    for name, doc in originals.items():
        (work / f"{name}.json").write_bytes(orjson.dumps(doc.data))

    timeouts: dict[str, int] = {}
    fresh = [0]

    def one(i: int) -> bool | None:
        edit = edits[i]
        key = _key(tool, edit)
        if key in cache:
            return cache[key]
        if timeouts.get(edit.document, 0) >= 2:
            return None  # two pairs of this document ran out of time: the rest would too
        fresh[0] += 1
        new = work / f"{tool}-edit-{i}.json"
        new.write_bytes(orjson.dumps(edit.data))
        try:
            result = subprocess.run(
                command(work / f"{edit.document}.json", new), capture_output=True, env=ENV, timeout=120
            )
            verdict = {0: False, 1: True}.get(result.returncode)
            if verdict and tool == "openapi-diff" and b"Breaking changes found" not in result.stdout:
                verdict = None  # openapi-diff exits 1 on its own errors too (3.1 documents, for one)
        except subprocess.TimeoutExpired:
            verdict = None
            with lock:
                timeouts[edit.document] = timeouts.get(edit.document, 0) + 1
        new.unlink()
        with lock:
            cache[key] = verdict
            CACHE.write_text(json.dumps(cache))
            if len(cache) % 25 == 0:
                print(f"{tool}: {len(cache)} verdicts kept", file=sys.stderr)
        return verdict

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        out = list(pool.map(one, range(len(edits))))
    if fresh[0] < len(edits):
        print(f"{tool}: {len(edits) - fresh[0]} verdicts from {CACHE}", file=sys.stderr)
        return out, float("nan")  # some were kept from an earlier run: no time for the whole set
    return out, time.perf_counter() - started


def _versions() -> dict[str, str]:
    out = {}
    for package in ("openapi-diff", "api-smart-diff"):
        meta = PEERS / "node_modules" / package / "package.json"
        if meta.exists():
            out[package] = json.loads(meta.read_text())["version"]
    return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-kind", type=int, default=2, help="edits of each kind per document (default 2)")
    parser.add_argument("--per-kind-large", type=int, default=1, help="the same for twilio and argo (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="peer processes at a time on the labelled set")
    parser.add_argument("--seed", type=int, default=20260701)
    parser.add_argument("--runs", type=int, default=3, help="runs of the Stripe pair per tool (default 3)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a tool may take on the Stripe pair")
    args = parser.parse_args()
    if not SPECS.is_dir():
        print(f"no documents at {SPECS} (set SPBE_GATE_SHARED)", file=sys.stderr)
        return 2
    edits, originals = labelled_set(args.per_kind, args.per_kind_large, args.seed)
    flagged, found, gate_seconds = gate_verdicts(edits, originals)
    peers = {} if args.no_peers else peer_commands()
    peer_results: dict[str, list[bool | None]] = {}
    peer_seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, command in peers.items():
            peer_results[name], peer_seconds[name] = peer_verdicts(
                name, command, edits, originals, Path(tmp), args.jobs
            )
        lines = _labelled_table(edits, flagged, found, peer_results, gate_seconds, peer_seconds)
        lines += ["", *_stripe_table(peers, args.runs, Path(tmp), args.timeout)]
    versions = _versions()
    head = [
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; seed {args.seed}, {args.per_kind} edits per kind per document "
        f"({args.per_kind_large} for twilio and argo); peers {args.jobs} pairs at a time.",
        "Peers: " + (", ".join(f"{k} {v}" for k, v in versions.items()) or "none installed") + ".",
        "",
    ]
    text = "\n".join(head + lines) + "\n"
    print(text)
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    (results / f"diff-{date.today().isoformat()}.md").write_text(text, encoding="utf-8")
    return 0


def _labelled_table(
    edits: list[Edit],
    flagged: list[bool],
    found: list[bool],
    peers: dict[str, list[bool | None]],
    gate_seconds: float,
    peer_seconds: dict[str, float],
) -> list[str]:
    names = list(peers)
    head = "| edit | breaking | pairs | spbe-gate: kind found | spbe-gate: flagged |" + "".join(
        f" {n}: flagged |" for n in names
    )
    lines = [head, "|" + "---|" * (5 + len(names))]
    kinds = sorted({(e.breaking, e.kind) for e in edits}, key=lambda k: (not k[0], k[1]))
    for breaking, kind in kinds:
        idx = [i for i, e in enumerate(edits) if e.kind == kind and e.breaking == breaking]
        row = [kind, "yes" if breaking else "no", str(len(idx))]
        row.append(f"{sum(found[i] for i in idx)}/{len(idx)}" if breaking else "—")
        row.append(f"{sum(flagged[i] for i in idx)}/{len(idx)}")
        for n in names:
            results = [peers[n][i] for i in idx]
            failed = sum(r is None for r in results)
            row.append(f"{sum(bool(r) for r in results)}/{len(idx)}" + (f" ({failed} failed)" if failed else ""))
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "| tool | recall (breaking pairs flagged) | precision | compatible pairs flagged | failed "
        "| time for all pairs |",
        "|---|---:|---:|---:|---:|---:|",
    ]

    def summary(tool: str, verdicts: list[bool | None], seconds: float, strict: list[bool] | None = None) -> str:
        positives = [i for i, e in enumerate(edits) if e.breaking]
        negatives = [i for i, e in enumerate(edits) if not e.breaking]
        hits = [i for i in positives if (strict[i] if strict is not None else verdicts[i])]
        false = [i for i in negatives if verdicts[i]]
        failed = sum(v is None for v in verdicts)
        flagged_all = len([i for i in positives if verdicts[i]]) + len(false)
        precision = _pct(len([i for i in positives if verdicts[i]]), flagged_all)
        recall = f"{_pct(len(hits), len(positives))} ({len(hits)}/{len(positives)})"
        took = "kept from an earlier run" if seconds != seconds else f"{seconds:.1f} s"
        return f"| {tool} | {recall} | {precision} | {len(false)}/{len(negatives)} | {failed} | {took} |"

    gate = [bool(f) for f in flagged]
    lines.append(summary("spbe-gate (kind found)", list(gate), gate_seconds, strict=found))
    lines.append(summary("spbe-gate (flagged)", list(gate), gate_seconds))
    for n in names:
        lines.append(summary(n, peers[n], peer_seconds[n]))
    return lines


def _run_bounded(cmd: list[str], timeout: float) -> Measure | None:
    """As bench/run.py measures one run (posix_spawn, wait4's ru_maxrss), but ended after ``timeout``."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        started = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, ENV, file_actions=actions)
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.perf_counter() - started > timeout:
                os.kill(pid, 9)
                os.wait4(pid, 0)
                return None
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
    finally:
        os.close(devnull)
    return Measure(elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def _stripe_table(
    peers: dict[str, Callable[[Path, Path], list[str]]], runs: int, work: Path, timeout: float
) -> list[str]:
    old, new = SPECS / STRIPE[0], SPECS / STRIPE[1]
    # api-smart-diff reads JSON only: every tool gets both versions as JSON, spbe-gate also as published.
    old_json, new_json = work / "stripe-old.json", work / "stripe-new.json"
    for source, target in ((old, old_json), (new, new_json)):
        data = load_document(DirectorySource(source.parent), source.name).data
        target.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))  # lines, as published
    gate = [str(ROOT / ".venv" / "bin" / "spbe-gate"), "diff", "--format", "json", "-o", os.devnull]
    cmds = {
        "spbe-gate (as published: JSON → YAML)": [*gate, str(old), str(new)],
        "spbe-gate": [*gate, str(old_json), str(new_json)],
    }
    for name, command in peers.items():
        cmds[name] = command(old_json, new_json)
    results: dict[str, list[Measure]] = {name: [] for name in cmds}
    timed_out: set[str] = set()
    for round_ in range(runs + 1):  # the first round warms the file cache and is not counted
        for name, cmd in cmds.items():
            if name in timed_out:
                continue
            m = _run_bounded(cmd, timeout)
            if m is None:
                timed_out.add(name)
            elif round_:
                results[name].append(m)
    # The peers' own counts cost one more run each; openapi-diff's says whether it compared at all.
    counts = _breaking_counts(old_json, new_json, {k: v for k, v in peers.items() if k == "openapi-diff"})
    lines = [
        f"Real pair: {STRIPE[0]} → {STRIPE[1]} (4.2 MB each; the rows below the first read both as JSON), "
        f"median of {runs} runs after a warm-up, the tools taking turns, each its own process.",
        "",
        "| tool | wall time | peak RSS | exit | breaking changes reported |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, ms in results.items():
        if name in timed_out:
            lines.append(f"| {name} | > {timeout:.0f} s (stopped) | — | — | — |")
            continue
        wall = statistics.median(m.seconds for m in ms)
        peak = max(m.peak_mib for m in ms)
        lines.append(f"| {name} | {wall:.2f} s | {peak:.0f} MiB | {ms[-1].exit_code} | {counts.get(name, '—')} |")
    return lines


def _breaking_counts(old: Path, new: Path, peers: dict[str, Callable[[Path, Path], list[str]]]) -> dict[str, str]:
    out = {}
    gate = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "spbe-gate"), "diff", str(old), str(new), "--format", "json"],
        capture_output=True,
        env=ENV,
    )
    if gate.stdout:
        summary = json.loads(gate.stdout)["summary"]
        out["spbe-gate"] = f"{summary['breaking']} (of {sum(summary.values())})"
    if "openapi-diff" in peers:
        result = subprocess.run(peers["openapi-diff"](old, new), capture_output=True, env=ENV, text=True, timeout=600)
        body = result.stdout[result.stdout.find("{") :]
        try:
            data, _ = json.JSONDecoder().raw_decode(body)
            out["openapi-diff"] = str(len(data.get("breakingDifferences", [])))
        except ValueError:
            out["openapi-diff"] = "?"
    if "api-smart-diff" in peers:
        result = subprocess.run(peers["api-smart-diff"](old, new), capture_output=True, env=ENV, text=True, timeout=600)
        try:
            data = json.loads(result.stdout)
            out["api-smart-diff"] = f"{data['breaking']} (of {data['total']})"
        except ValueError:
            out["api-smart-diff"] = "?"
    return out


if __name__ == "__main__":
    sys.exit(main())
