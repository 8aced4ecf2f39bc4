"""Reading documents: formats, positions, several files, and hostile or broken input."""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import pointer as jp
from rules.bundle import DirectorySource, MemorySource, load
from rules.document import Document
from rules.engine import assess, assess_path
from rules.parsing import (
    Limits,
    SourceError,
    _ryml_parse,
    _RymlBuilder,
    _via_json,
    parse_bytes,
    resolve_plain,
)
from rules.registry import all_rules
from tests.helpers import SPECS

VALIDITY = [r for r in all_rules() if r.category.value == "validity"]

PETSTORE = b"""openapi: 3.0.3
info:
  title: Toko
  version: 1.0.0
paths:
  /hewan:
    get:
      responses:
        200:
          description: ok
"""


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)


def readable_findings(path: Path) -> list[tuple[str, str, int]]:
    a = assess_path(path, rules=VALIDITY)
    return [(f.rule, f.pointer, f.line) for f in a.findings]


# -- plain parsing -----------------------------------------------------------------------


def test_yaml_core_schema() -> None:
    data = parse_bytes(
        b"a: yes\nb: 2024-01-01\nc: 010\nd: 0x1F\ne: ~\nf: 1.5\ng: '12'\nh: true\ni: .inf\nj: !!str 7\n", "x.yaml"
    ).data
    assert data["a"] == "yes"  # YAML 1.1 would say True
    assert data["b"] == "2024-01-01"  # and PyYAML would make a date
    assert data["c"] == 10 and data["d"] == 31 and data["e"] is None and data["f"] == 1.5
    assert data["g"] == "12" and data["h"] is True and data["i"] == float("inf") and data["j"] == "7"
    assert resolve_plain("+5") == 5 and resolve_plain("Null") is None and resolve_plain("1_000") == "1_000"


def _fast_and_slow(raw: bytes) -> tuple[object, object]:
    """The JSON-emission path (None when it declines) and the node-by-node builder."""
    tree, _buf = _ryml_parse(raw)
    builder = _RymlBuilder(tree, Limits())
    root = builder.document_root()
    fast = _via_json(raw, tree, root, builder, Limits())
    tree, _buf = _ryml_parse(raw)
    builder = _RymlBuilder(tree, Limits())
    slow, _ = builder.build(builder.document_root(), 0)
    return fast, slow


# Scalars where rapidyaml's JSON and the YAML 1.2 core schema part ways, and their neighbours.
TRICKY = [
    "~",
    "null",
    "Null",
    "NULL",
    "nUll",
    "true",
    "True",
    "TRUE",
    "false",
    "FALSE",
    "yes",
    "no",
    "0",
    "-0",
    "012",
    "+12",
    "0x1F",
    "0o17",
    "1_000",
    "1e3",
    "1E3",
    "1.e3",
    "1.",
    ".5",
    "-.5",
    "1.5",
    "inf",
    ".inf",
    "-.Inf",
    ".NaN",
    "nan",
    "Infinity",
    "18446744073709552000",
    "9007199254740993",
    "1.0",
    "2024-01-01",
    "12:30",
    "*",
    "*.go.id",
    "<<",
    "😀",
    "é",
    "\ufffd",
]


def _render(text: str, style: int) -> str | None:
    if style == 0:  # plain, where YAML allows it
        plain_ok = text and text == text.strip() and "\n" not in text and text[0] not in "!&*[]{}|>'\"%@`#,?:-"
        if not plain_ok or ": " in text or " #" in text or text.endswith(":"):
            return None
        return text
    if style == 1:
        return "'" + text.replace("'", "''") + "'" if "\n" not in text else None
    return json.dumps(text)  # JSON strings are YAML double-quoted scalars (\uD83D\uDE00 too)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)), st.integers(0, 2)),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_json_emission_reads_like_the_builder(values: list[tuple[str, int]], in_list: bool) -> None:
    rendered = [r for r in (_render(text, style) for text, style in values) if r is not None]
    if in_list:
        raw = "items:\n" + "".join(f"  - {r}\n" for r in rendered)
    else:
        raw = "".join(f"k{i}: {r}\n" for i, r in enumerate(rendered))
    fast, slow = _fast_and_slow(("openapi: 3.1.0\n" + raw).encode())
    if fast is not None:
        assert repr(fast) == repr(slow)


@pytest.mark.parametrize(
    "raw",
    [
        b"a: &x {k: 1}\nb: *x\n",  # alias
        b"a: &x {k: 1}\nb:\n  <<: *x\n  j: 2\n",  # merge key
        b"a: 1\na: 2\n",  # duplicate key
        b"a: !!str 5\nb: !!int '12'\n",  # tags
    ],
)
def test_json_emission_declines_what_json_cannot_say(raw: bytes) -> None:
    fast, _ = _fast_and_slow(raw)
    assert fast is None


def test_json_emission_is_the_usual_path() -> None:
    raw = (Path(__file__).parents[2] / "examples" / "layanan-perizinan" / "openapi.yaml").read_bytes()
    fast, slow = _fast_and_slow(raw)
    assert fast is not None and repr(fast) == repr(slow)


def test_integer_response_codes_become_strings() -> None:
    data = parse_bytes(PETSTORE, "x.yaml").data
    assert list(data["paths"]["/hewan"]["get"]["responses"]) == ["200"]


def test_integer_response_codes_validate(tmp_path: Path) -> None:
    write(tmp_path, {"openapi.yaml": PETSTORE})
    assert readable_findings(tmp_path / "openapi.yaml") == []


def test_positions_yaml_and_json() -> None:
    parsed = parse_bytes(PETSTORE, "x.yaml")
    assert parsed.locator.position(["paths", "/hewan", "get", "responses", "200"]) == (9, 9)
    assert parsed.locator.position(["paths", "/hewan", "nope"]) == (6, 3)  # nearest existing node
    raw = json.dumps({"openapi": "3.0.3", "paths": {"/a": {"get": {}}}}, indent=2).encode()
    parsed = parse_bytes(raw, "x.json")
    assert parsed.locator.position(["paths", "/a", "get"]) == (5, 7)


def test_positions_follow_aliases_and_merges() -> None:
    raw = b"base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  z: 3\nalias: *b\n"
    parsed = parse_bytes(raw, "x.yaml")
    assert parsed.data["use"] == {"z": 3, "x": 1, "y": 2}
    assert parsed.locator.position(["use", "z"]) == (6, 3)
    assert parsed.locator.position(["use", "x"]) == (2, 3)  # defined in the anchored mapping
    assert parsed.locator.position(["alias", "y"]) == (3, 3)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (PETSTORE, "x.yaml"),
        (b"base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  z: 3\nalias: *b\nlist: [a, {b: c}]\n", "x.yaml"),
        (json.dumps({"paths": {"/a~b": {"get": {"x": [1, {"y": 2}]}}}}, indent=2).encode(), "x.json"),
    ],
)
def test_positions_in_one_walk_are_the_positions_one_by_one(raw: bytes, name: str) -> None:
    """A report locates its findings in one sorted walk; each must land where it lands alone."""
    parsed = parse_bytes(raw, name)
    pointers: set[str] = {""}

    def collect(value: object, pointer: str) -> None:
        pointers.update({pointer, pointer + "/nope", pointer + "/nope/deeper"})
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
        for key, item in items:
            collect(item, pointer + "/" + str(key).replace("~", "~0").replace("/", "~1"))

    collect(parsed.data, "")
    batch = parsed.locator.positions(pointers)
    assert batch == {p: parsed.locator.position(jp.split(p)) for p in pointers}


def test_utf8_bom_and_utf16() -> None:
    assert parse_bytes(b"\xef\xbb\xbfa: 1\n", "x.yaml").data == {"a": 1}
    assert parse_bytes("a: é\n".encode("utf-16"), "x.yaml").data == {"a": "é"}


def test_json_surrogate_pairs_in_yaml() -> None:
    assert parse_bytes(b'a: "\\ud83d\\ude00"\n', "x.yaml").data == {"a": "\U0001f600"}


# -- broken input: a finding with a line, never a traceback ---------------------------------


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"openapi: 3.0.3\ninfo: [unclosed\npaths: {}\n", 3),
        (b"openapi: 3.0.3\ninfo:\n\t- tab\n", 3),
        (b'{"openapi": "3.0.3", "info": }', 1),
        (b"openapi: 3.0.3\ninfo:\n  title: a\n version: 1\n", 4),
        (b"openapi: 3.0.3\npaths: b: c\n", 2),
    ],
)
def test_syntax_errors_have_a_line(tmp_path: Path, content: bytes, line: int) -> None:
    name = "openapi.json" if content.startswith(b"{") else "openapi.yaml"
    write(tmp_path, {name: content})
    findings = readable_findings(tmp_path / name)
    assert len(findings) == 1
    rule, pointer, found_line = findings[0]
    assert rule == "VAL001" and pointer == ""
    assert found_line == line


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\xff\xfe\x00garbage\x00\xd8", "encoding"),
        (b"a: \xc3\x28\n", "encoding"),
        (b"---\na: 1\n---\nb: 2\n", "multi-document"),
        (b"a: *nope\n", "syntax"),
    ],
)
def test_unreadable_input(content: bytes, kind: str) -> None:
    with pytest.raises(SourceError) as info:
        parse_bytes(content, "x.yaml")
    assert info.value.kind == kind
    assert info.value.message.id and info.value.message.en


def test_not_openapi(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": "- just\n- a list\n", "b.yaml": "openapi: 9.9.9\ninfo: {}\n"})
    assert readable_findings(tmp_path / "a.yaml") == [("VAL001", "", 1)]
    assert readable_findings(tmp_path / "b.yaml") == [("VAL001", "/openapi", 1)]


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    bomb = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    with pytest.raises(SourceError) as info:
        parse_bytes(bomb, "bomb.yaml")
    assert info.value.kind == "alias-bomb"
    assert time.perf_counter() - started < 2


def test_alias_bomb_through_the_fallback_parser_too() -> None:
    from rules.parsing import _parse_yaml_slow

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    with pytest.raises(SourceError) as info:
        _parse_yaml_slow(("\n".join(lines) + "\n").encode(), Limits())
    assert info.value.kind == "alias-bomb"


@pytest.mark.parametrize("fmt", ["json", "yaml-flow", "yaml-block"])
def test_deep_nesting_is_refused(fmt: str) -> None:
    depth = 100_000
    if fmt == "json":
        raw = b'{"a":' * depth + b"1" + b"}" * depth
    elif fmt == "yaml-flow":
        raw = b"a: " + b"[" * depth + b"]" * depth + b"\n"
    else:
        raw = "".join(f"{' ' * i}k:\n" for i in range(3000)).encode()
    with pytest.raises(SourceError) as info:
        parse_bytes(raw, "deep." + ("json" if fmt == "json" else "yaml"))
    assert info.value.kind in ("too-deep", "syntax")


def test_size_limit(tmp_path: Path) -> None:
    write(tmp_path, {"openapi.yaml": PETSTORE + b"x-padding: '" + b"a" * 2000 + b"'\n"})
    with pytest.raises(SourceError) as info:
        parse_bytes((tmp_path / "openapi.yaml").read_bytes(), "openapi.yaml", Limits(max_file_bytes=1000))
    assert info.value.kind == "too-large"


def test_fifty_megabyte_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "openapi.yaml"
    with big.open("wb") as fh:
        fh.write(PETSTORE)
        fh.write(b"x-pad: '")
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    started = time.perf_counter()
    findings = readable_findings(big)
    assert findings == [("VAL001", "", 1)]
    assert time.perf_counter() - started < 5


# -- references ---------------------------------------------------------------------------


def test_circular_refs_work(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "openapi.yaml": """openapi: 3.0.3
info: {title: Pohon wilayah, version: 1.0.0}
paths:
  /wilayah:
    get:
      responses:
        "200":
          description: Pohon wilayah
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Wilayah"}
components:
  schemas:
    Wilayah:
      type: object
      properties:
        induk: {$ref: "#/components/schemas/Wilayah"}
        anak:
          type: array
          items: {$ref: "skema/wilayah.yaml"}
""",
            "skema/wilayah.yaml": """type: object
properties:
  kode: {type: string}
  bagian: {$ref: "#"}
  induk: {$ref: "../openapi.yaml#/components/schemas/Wilayah"}
""",
        },
    )
    a = assess_path(tmp_path / "openapi.yaml", rules=VALIDITY)
    assert [f for f in a.findings if f.severity.value == "error"] == []
    doc = Document(load(DirectorySource(tmp_path), "openapi.yaml"))
    pointers = {s.pointer for s in doc.schemas}
    assert "/components/schemas/Wilayah" in pointers


def test_multi_file_findings_name_their_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "openapi.yaml": """openapi: 3.0.3
info: {title: Kepegawaian, version: 1.0.0}
paths:
  /pegawai:
    $ref: "paths/pegawai.yaml"
""",
            "paths/pegawai.yaml": """get:
  responses:
    "200":
      $ref: "../responses/daftar.yaml"
""",
            "responses/daftar.yaml": """content:
  application/json:
    schema:
      type: array
""",
        },
    )
    a = assess_path(tmp_path / "openapi.yaml", rules=VALIDITY)
    assert [(f.rule, f.file, f.pointer, f.line) for f in a.findings] == [
        ("VAL002", "responses/daftar.yaml", "", 1)  # the response lacks its description
    ]
    assert {f.path for f in a.document.files} == {"openapi.yaml", "paths/pegawai.yaml", "responses/daftar.yaml"}


def test_markdown_refs_are_included_as_text(tmp_path: Path) -> None:
    """``$ref: x.md`` (Redocly's long descriptions) is the file's text, whatever YAML makes of it."""
    write(
        tmp_path,
        {
            "openapi.yaml": """openapi: 3.0.3
info:
  title: Kepegawaian
  version: 1.0.0
  description: {$ref: "docs/pengantar.md"}
tags:
  - name: pegawai
    description: {$ref: "docs/pegawai.md"}
  - name: unit
    description: {$ref: "docs/unit.md#/bagian"}
paths: {}
""",
            "docs/pengantar.md": "# Pengantar\n\nLayanan data pegawai: NIP, jabatan dan unit kerja.\n",
            "docs/pegawai.md": "- satu\n- dua: [\n",  # not YAML at all
            "docs/unit.md": "Unit kerja.\n",
        },
    )
    doc = Document(load(DirectorySource(tmp_path), "openapi.yaml"))
    assert doc.info["description"].startswith("# Pengantar\n")
    assert doc.data["tags"][0]["description"] == "- satu\n- dua: [\n"
    a = assess_path(tmp_path / "openapi.yaml", rules=VALIDITY)
    # A fragment cannot point into text: that $ref alone is a finding, nothing else is.
    assert [(f.rule, f.file, f.pointer) for f in a.findings] == [("VAL003", "openapi.yaml", "/tags/1/description/$ref")]


def test_siblings_of_a_ref_to_another_file_are_reported_where_written(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "openapi.yaml": """openapi: 3.0.3
info: {title: Kepegawaian, version: 1.0.0}
paths: {}
components:
  schemas:
    Pegawai:
      type: object
      properties:
        unit:
          $ref: "unit.yaml"
          description: Unit kerja
""",
            "unit.yaml": "type: object\n",
        },
    )
    rule = [r for r in VALIDITY if r.id == "VAL016"]
    a = assess_path(tmp_path / "openapi.yaml", rules=rule)
    assert [(f.file, f.pointer, f.line) for f in a.findings] == [
        ("openapi.yaml", "/components/schemas/Pegawai/properties/unit/description", 11)
    ]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"type: object\n")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_refs_are_never_fetched(tmp_path: Path, recorder: str) -> None:
    write(
        tmp_path,
        {
            "openapi.yaml": f"""openapi: 3.0.3
info: {{title: Remote, version: 1.0.0}}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{$ref: "{recorder}/skema.yaml#/Izin"}}
""",
        },
    )
    a = assess_path(tmp_path / "openapi.yaml")  # the whole rulebook
    assert _Recorder.hits == []
    assert ("VAL004", "/paths/~1a/get/responses/200/content/application~1json/schema/$ref") in {
        (f.rule, f.pointer) for f in a.findings
    }


def test_refs_outside_the_folder_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("type: object\ndescription: RAHASIA\n")
    (tmp_path / "api").mkdir()
    os.mkfifo(tmp_path / "api" / "pipe.yaml")
    (tmp_path / "api" / "link.yaml").symlink_to(secret)
    write(
        tmp_path / "api",
        {
            "openapi.yaml": """openapi: 3.0.3
info: {title: Escape, version: 1.0.0}
paths:
  /a:
    get:
      responses:
        "200": {$ref: "../secret.yaml"}
        "201": {$ref: "link.yaml"}
        "202": {$ref: "/etc/passwd"}
        "203": {$ref: "pipe.yaml"}
""",
        },
    )
    started = time.perf_counter()
    a = assess_path(tmp_path / "api" / "openapi.yaml", rules=VALIDITY)
    assert time.perf_counter() - started < 5  # the FIFO is never opened
    rules = sorted((f.rule, f.pointer) for f in a.findings if f.rule in ("VAL003", "VAL005"))
    assert rules == [
        ("VAL003", "/paths/~1a/get/responses/203/$ref"),
        ("VAL005", "/paths/~1a/get/responses/200/$ref"),
        ("VAL005", "/paths/~1a/get/responses/201/$ref"),
        ("VAL005", "/paths/~1a/get/responses/202/$ref"),
    ]
    assert all("RAHASIA" not in f.message.en for f in a.findings)
    assert {f.path for f in a.document.files} == {"openapi.yaml"}


def test_memory_source_for_uploads() -> None:
    files = {
        "api/openapi.yaml": PETSTORE.replace(b"description: ok", b'$ref: "respons.yaml"'),
        "api/respons.yaml": b"description: Daftar hewan\n",
    }
    a = assess(MemorySource(files), "api/openapi.yaml", rules=VALIDITY)
    assert [f.rule for f in a.findings] == []
    assert len(a.document.files) == 2


def test_file_count_limit(tmp_path: Path) -> None:
    refs = "\n".join(f'        "2{i:02d}": {{$ref: "r{i}.yaml"}}' for i in range(5))
    files: dict[str, str | bytes] = {
        "openapi.yaml": f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n"
        f"      responses:\n{refs}\n"
    }
    files.update({f"r{i}.yaml": "description: ok\n" for i in range(5)})
    write(tmp_path, files)
    a = assess(DirectorySource(tmp_path), "openapi.yaml", _profile_with(Limits(max_files=3)), rules=VALIDITY)
    assert sum(1 for f in a.findings if f.rule == "VAL003") == 3  # the files past the limit


def _profile_with(limits: Limits) -> object:
    from rules.profile import Profile

    return Profile(limits=limits)


# -- any bytes at all: a finding or a result, never an exception ----------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    a = assess(MemorySource({"openapi.yaml": raw}), "openapi.yaml")
    assert a.verdict in ("pass", "fail")


yaml_text = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(yaml_text)
def test_structured_garbage_never_crashes(value: object) -> None:
    doc = {"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {"/a": value}}
    raw = json.dumps(doc).encode()
    for name in ("openapi.json", "openapi.yaml"):
        a = assess(MemorySource({name: raw}), name)
        assert a.verdict in ("pass", "fail")


# -- the real documents ------------------------------------------------------------------------

needs_specs = pytest.mark.skipif(not SPECS.is_dir(), reason="../shared/specs is not present")


@needs_specs
def test_digitalocean_multi_file_document() -> None:
    root = SPECS / "digitalocean" / "specification" / "DigitalOcean-public.v2.yaml"
    bundle = load(DirectorySource(root.parent), root.name)
    doc = Document(bundle)
    assert len(doc.operations) == 659
    assert len(bundle.files) > 2000
    assert bundle.problems == []
    file, pointer, line, _ = bundle.position("/paths/~1v2~1apps/get/responses/200")
    assert file == "resources/apps/responses/list_apps.yml" and pointer == "" and line == 1


@needs_specs
@pytest.mark.parametrize("name", ["stripe-spec3-2022-04.json", "kubernetes-swagger.json", "twilio_messaging_v1.json"])
def test_json_documents_read_the_same_as_json(name: str) -> None:
    raw = (SPECS / name).read_bytes()
    assert parse_bytes(raw, name).data == json.loads(raw)


@pytest.mark.parametrize("version", ["2.0", "3.0", "3.1", "3.2"])
def test_structural_check_uses_openapi_spec_validators_schemas(version: str) -> None:
    from openapi_spec_validator import schemas

    from rules.validity.val002_openapi_schema import osv_schema

    theirs = {"2.0": schemas.schema_v2, "3.0": schemas.schema_v30, "3.1": schemas.schema_v31, "3.2": schemas.schema_v32}
    assert osv_schema(version) == dict(theirs[version])


def test_an_assessment_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    assess(MemorySource({"openapi.yaml": PETSTORE}), "openapi.yaml")
    assess(MemorySource({"openapi.yaml": b"{"}), "openapi.yaml")  # unreadable: the early return
    assert gc.isenabled()
    gc.disable()
    try:
        assess(MemorySource({"openapi.yaml": PETSTORE}), "openapi.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()
