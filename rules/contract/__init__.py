"""Contract tests: the running deployment keeps the promises of its document (``spbe-gate test``)."""

from rules.contract._common import CHECKS, check_label
from rules.contract.kon001_no_server_errors import NoServerErrors
from rules.contract.kon002_documented_status_codes import DocumentedStatusCodes
from rules.contract.kon003_documented_content_types import DocumentedContentTypes
from rules.contract.kon004_response_schema import ResponseSchema
from rules.contract.kon005_response_headers import ResponseHeaders
from rules.contract.kon006_invalid_input_rejected import InvalidInputRejected
from rules.contract.kon007_valid_input_accepted import ValidInputAccepted
from rules.contract.kon008_resource_lifecycle import ResourceLifecycle
from rules.contract.kon009_authentication_enforced import AuthenticationEnforced
from rules.contract.kon010_http_semantics import HttpSemantics
from rules.contract.kon011_target_reachable import TargetReachable

RULES = (
    NoServerErrors,
    DocumentedStatusCodes,
    DocumentedContentTypes,
    ResponseSchema,
    ResponseHeaders,
    InvalidInputRejected,
    ValidInputAccepted,
    ResourceLifecycle,
    AuthenticationEnforced,
    HttpSemantics,
    TargetReachable,
)

__all__ = ["CHECKS", "RULES", "check_label"]
