"""Interoperability: other OPDs can find, call and build on the API."""

from rules.interoperability.iop001_versioned_base_path import VersionedBasePath
from rules.interoperability.iop002_json_media_type import JsonMediaType
from rules.interoperability.iop003_problem_details_errors import ProblemDetailsErrors
from rules.interoperability.iop004_consistent_property_naming import ConsistentPropertyNaming
from rules.interoperability.iop005_unique_operation_id import UniqueOperationId
from rules.interoperability.iop006_operation_id_present import OperationIdPresent
from rules.interoperability.iop007_collection_pagination import CollectionPagination
from rules.interoperability.iop008_iso8601_dates import Iso8601Dates
from rules.interoperability.iop009_nik_format import NikFormat
from rules.interoperability.iop010_nip_format import NipFormat
from rules.interoperability.iop011_region_code_format import RegionCodeFormat
from rules.interoperability.iop012_no_verbs_in_paths import NoVerbsInPaths
from rules.interoperability.iop013_get_without_body import GetWithoutBody
from rules.interoperability.iop014_safe_method_semantics import SafeMethodSemantics
from rules.interoperability.iop015_error_responses_documented import ErrorResponsesDocumented
from rules.interoperability.iop016_success_response_documented import SuccessResponseDocumented
from rules.interoperability.iop017_kebab_case_paths import KebabCasePaths
from rules.interoperability.iop018_no_trailing_slash import NoTrailingSlash
from rules.interoperability.iop019_no_ambiguous_paths import NoAmbiguousPaths
from rules.interoperability.iop020_servers_well_formed import ServersWellFormed

RULES = (
    VersionedBasePath,
    JsonMediaType,
    ProblemDetailsErrors,
    ConsistentPropertyNaming,
    UniqueOperationId,
    OperationIdPresent,
    CollectionPagination,
    Iso8601Dates,
    NikFormat,
    NipFormat,
    RegionCodeFormat,
    NoVerbsInPaths,
    GetWithoutBody,
    SafeMethodSemantics,
    ErrorResponsesDocumented,
    SuccessResponseDocumented,
    KebabCasePaths,
    NoTrailingSlash,
    NoAmbiguousPaths,
    ServersWellFormed,
)
