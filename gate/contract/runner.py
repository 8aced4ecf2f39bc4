"""One contract run: schemathesis' engine against a deployment, within bounds, credentials masked.

The run is bounded by design (a slow or hostile target cannot hang the gate, and the gate cannot
flood it): a time limit, a request budget, a per-request timeout and a request rate. Every
connection goes through ``guard`` (the allow-list). schemathesis and Hypothesis write their
working files into a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from gate.contract.guard import AllowList, TargetRefused, guarded
from rules.contract_run import ContractFailure, ContractRun, StopReason
from rules.sealing import refuse_retrieval, seal

#: What a masked credential reads as, in curl commands, messages and response excerpts.
MASK = "[disamarkan]"
#: Headers that carry credentials, besides any the user names with --auth-header.
CREDENTIAL_HEADERS = ("authorization", "proxy-authorization", "x-api-key", "api-key", "cookie")


@dataclass(frozen=True, slots=True)
class Bounds:
    time_limit_s: float = 60.0
    max_requests: int = 1000
    request_timeout_s: float = 5.0
    #: schemathesis' rate syntax: requests per second ("20/s") or minute ("600/m").
    rate_limit: str = "100/s"
    max_examples: int = 20


@dataclass(frozen=True, slots=True)
class ClientCredentials:
    """OAuth2 client credentials: the run fetches a token first and sends it as a bearer token."""

    token_url: str
    client_id: str
    client_secret: str
    scope: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    operations_done: int
    operations_total: int
    requests: int
    failures: int
    #: (check, method, path, title) of each distinct failure so far, oldest first.
    failure_list: tuple[tuple[str, str, str, str], ...] = ()


@dataclass(slots=True)
class _State:
    requests: int = 0
    #: Requests that got an answer: none at all means the target could not be tested.
    responses: int = 0
    over_budget: bool = False
    timed_out: bool = False
    labels_done: set[str] = field(default_factory=set)
    failures: dict[tuple[str, str, str, str], ContractFailure] = field(default_factory=dict)
    phases: list[str] = field(default_factory=list)
    untested: tuple[tuple[str, str, str], ...] = ()
    at: str = ""


def run_contract(
    document: dict[str, Any],
    base_url: str,
    *,
    headers: Mapping[str, str] | None = None,
    bounds: Bounds | None = None,
    allow: AllowList | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    oauth2: ClientCredentials | None = None,
    cancel: threading.Event | None = None,
) -> ContractRun:
    """Test the deployment at ``base_url`` against ``document`` (a joined OpenAPI tree).

    schemathesis gets the tree sealed (``rules.sealing``): no reference the gate's bundler did not
    resolve reaches it, and operations that depended on one are reported as untested.
    ``cancel``, once set, stops the run at the next finished scenario (stopped: interrupted).
    """
    import schemathesis
    from schemathesis.engine import events, from_schema

    sealed = seal(document)
    untested = tuple((u.method, u.path, u.ref) for u in sealed.untested)
    bounds = bounds or Bounds()
    headers = dict(headers or {})
    secrets = [v for k, v in headers.items() if v and (k.lower() in CREDENTIAL_HEADERS or len(v) >= 8)]
    if oauth2 is not None:
        secrets += [oauth2.client_secret, oauth2.client_id] if oauth2.client_id else [oauth2.client_secret]
    masked_names = sorted({*CREDENTIAL_HEADERS, *(k.lower() for k in headers)})
    total = _count_operations(document)
    state = _State(untested=untested, at=datetime.now(UTC).isoformat(timespec="seconds"))
    started = time.monotonic()
    _install_hook()
    if untested and not sealed.operations:
        return _run(base_url, total, state, started, "refused", _refusal(untested))
    document = sealed.data
    with _working_folder() as folder, guarded(allow or AllowList(None)) as policy:
        if oauth2 is not None:
            try:
                token = _fetch_token(oauth2, bounds.request_timeout_s)
            except (OSError, ValueError) as exc:  # requests' errors are OSErrors
                return _run(base_url, total, state, started, "unreachable", _mask(f"OAuth2: {exc}", secrets))
            secrets.append(token)
            headers["Authorization"] = f"Bearer {token}"
        config = schemathesis.Config.from_dict(
            {
                "base-url": base_url,
                "headers": headers,
                "request-timeout": bounds.request_timeout_s,
                "rate-limit": bounds.rate_limit,
                "workers": 1,
                "continue-on-failure": True,
                "generation": {"max-examples": bounds.max_examples, "database": "none"},
                "cache": {"enabled": False, "directory": folder},
                "output": {"sanitization": {"keys-to-sanitize": masked_names, "replacement": MASK}},
            }
        )
        try:
            schema = schemathesis.openapi.from_dict(document, config=config)
        except Exception as exc:  # an invalid document: the rulebook says why
            return _run(base_url, total, state, started, "unreachable", f"schemathesis: {exc}")
        stream = from_schema(schema).execute()

        def time_up() -> None:
            state.timed_out = True
            stream.stop()

        timer = threading.Timer(bounds.time_limit_s, time_up)
        timer.daemon = True
        timer.start()
        _ACTIVE.append((state, bounds, stream.stop))
        reason: str = "completed"
        try:
            for event in stream:
                if cancel is not None and cancel.is_set():
                    stream.stop()
                if policy.refused and not policy.connected:  # every request would be refused too
                    stream.stop()
                if isinstance(event, events.PhaseStarted) and event.phase.is_enabled:
                    state.phases.append(str(event.phase.name.value))
                elif isinstance(event, events.ScenarioFinished):
                    _collect(event, state, secrets)
                    if event.label and event.status.value != "skip":
                        state.labels_done.add(event.label)
                    if on_progress is not None:
                        on_progress(
                            Progress(
                                min(len(state.labels_done), total),
                                total,
                                state.requests,
                                len(state.failures),
                                tuple(state.failures),
                            )
                        )
                elif isinstance(event, events.EngineFinished):
                    reason = str(event.stop_reason.value)
                elif isinstance(event, events.FatalError):
                    return _run(base_url, total, state, started, "unreachable", _mask(str(event.exception), secrets))
        finally:
            timer.cancel()
            _ACTIVE.pop()
        refused = list(policy.refused)
        connected = policy.connected if allow is not None and allow.networks is not None else None
    stopped: StopReason = "completed"
    error = ""
    if state.over_budget:
        stopped = "request-budget"
    elif state.timed_out:
        stopped = "time-limit"
    elif reason == "interrupted":
        stopped = "interrupted"
    if refused:
        error = "refused by the allow-list: " + "; ".join(sorted(set(refused)))
    if not state.responses or (refused and connected == 0):
        stopped = "unreachable"
        error = error or f"{base_url} answered none of {state.requests} requests"
    return _run(base_url, total, state, started, stopped, error)


def _fetch_token(credentials: ClientCredentials, timeout: float) -> str:
    """The client credentials grant (RFC 6749, 4.4); the token endpoint passes the allow-list too."""
    import requests

    data = {"grant_type": "client_credentials"}
    if credentials.scope:
        data["scope"] = credentials.scope
    response = requests.post(
        credentials.token_url,
        data=data,
        auth=(credentials.client_id, credentials.client_secret),
        timeout=timeout,
        allow_redirects=False,
    )
    if response.status_code != 200:
        raise ValueError(f"the token endpoint {credentials.token_url} answered {response.status_code}")
    try:
        token = response.json().get("access_token")
    except (ValueError, AttributeError):
        token = None
    if not isinstance(token, str) or not token:
        raise ValueError(f"the token endpoint {credentials.token_url} sent no access_token")
    return token


def _run(base_url: str, total: int, state: _State, started: float, stopped: StopReason, error: str) -> ContractRun:
    from schemathesis.checks import CHECKS, load_all_checks

    load_all_checks()
    return ContractRun(
        base_url=base_url,
        operations_tested=min(len(state.labels_done), total),
        operations_total=total,
        requests=state.requests,
        duration_s=round(time.monotonic() - started, 2),
        stopped=stopped,
        checks=tuple(CHECKS.get_all_names()),
        failures=tuple(state.failures.values()),
        error=error,
        phases=tuple(dict.fromkeys(state.phases)),
        untested=state.untested,
        at=state.at,
    )


def _refusal(untested: tuple[tuple[str, str, str], ...]) -> str:
    method, path, ref = untested[0]
    where = f"{method} {path}" if method else path
    return (
        f"no operation is well-defined: each reaches a reference the gate does not resolve ({where}: {ref}"
        + (f"; and {len(untested) - 1} more" if len(untested) > 1 else "")
        + ")"
    )


def _collect(event: Any, state: _State, secrets: list[str]) -> None:
    """The distinct failures of a finished scenario, each with its request as curl and its response."""
    from schemathesis.engine import Status

    recorder = event.recorder
    for case_id, nodes in recorder.checks.items():
        for node in nodes:
            if node.status is not Status.FAILURE or node.failure_info is None:
                continue
            failure = node.failure_info.failure
            try:
                data = recorder.find_failure_data(parent_id=case_id, failure=failure)
                interaction = recorder.interactions[failure.case_id or case_id]
            except (KeyError, AssertionError):
                continue
            case = data.case
            method, path = case.operation.method.upper(), case.operation.path
            key = (node.name, method, path, failure.title)
            if key in state.failures:
                continue
            response = interaction.response
            status = content_type = body = ""
            if response is not None:
                status = str(response.status_code)
                content_type = ",".join(response.headers.get("content-type", []))
                body = (response.content or b"")[:300].decode("utf-8", "replace")
            curl = case.as_curl_command(headers=data.headers, verify=data.verify)
            state.failures[key] = ContractFailure(
                check=node.name,
                method=method,
                path=path,
                title=failure.title,
                message=_mask(failure.message, secrets)[:1000],
                curl=_mask(curl, secrets),
                status=int(status) if status else None,
                content_type=content_type,
                body=_mask(body, secrets),
            )


def _mask(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


def _count_operations(document: Mapping[str, Any]) -> int:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return 0
    return sum(1 for item in paths.values() if isinstance(item, dict) for m in item if m in methods)


#: The runs in progress in this process (one at a time: the guard is process-wide).
_ACTIVE: list[tuple[_State, Bounds, Callable[[], None]]] = []


_HOOKED = False


def _install_hook() -> None:
    """Count every request schemathesis sends (past the budget: refuse it, stop the run) and answer."""
    global _HOOKED
    if _HOOKED:
        return
    import schemathesis

    _refuse_retrieval()

    @schemathesis.hook("before_call")
    def _count(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
        if not _ACTIVE:
            return
        state, bounds, stop = _ACTIVE[-1]
        if state.requests >= bounds.max_requests:
            state.over_budget = True
            stop()
            raise TargetRefused(f"request budget of {bounds.max_requests} spent")
        state.requests += 1

    @schemathesis.hook("after_call")
    def _answered(context: Any, case: Any, response: Any) -> None:
        if _ACTIVE:
            _ACTIVE[-1][0].responses += 1

    _HOOKED = True


def _refuse_retrieval() -> None:
    """schemathesis reads what a reference names: files (``file://`` or a bare path, from the
    working folder), URLs, an example's ``externalValue``. The sealed tree holds no such reference;
    should one reach it anyway, these refuse instead of reading (a second wall, not the first)."""
    from schemathesis.core.jsonschema import resolver
    from schemathesis.specs.openapi import examples

    for name in ("retrieve", "load_file", "load_file_uri", "load_remote_uri"):
        setattr(resolver, name, refuse_retrieval)
    examples.load_external_example = refuse_retrieval  # type: ignore[assignment]


@contextmanager
def _working_folder() -> Iterator[str]:
    """schemathesis and Hypothesis write into the current folder: give them a temporary one."""
    previous = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="spbe-gate-contract-") as folder:
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(previous)
