"""Validity: the document can be read, is well formed and refers only to what it contains."""

from rules.validity.val001_document_readable import DocumentReadable
from rules.validity.val002_openapi_schema import OpenAPISchema
from rules.validity.val003_ref_resolvable import RefResolvable
from rules.validity.val004_ref_not_remote import RefNotRemote
from rules.validity.val005_ref_inside_root import RefInsideRoot
from rules.validity.val006_path_parameters_match import PathParametersMatch
from rules.validity.val007_unique_parameters import UniqueParameters
from rules.validity.val008_unique_keys import UniqueKeys
from rules.validity.val009_waiver_has_reason import WaiverHasReason
from rules.validity.val010_waiver_well_formed import WaiverWellFormed
from rules.validity.val011_waiver_not_expired import WaiverNotExpired
from rules.validity.val012_required_properties_defined import RequiredPropertiesDefined
from rules.validity.val013_default_matches_schema import DefaultMatchesSchema
from rules.validity.val014_paths_not_identical import PathsNotIdentical
from rules.validity.val015_schema_keywords_consistent import SchemaKeywordsConsistent
from rules.validity.val016_ref_no_siblings import RefNoSiblings

RULES = (
    DocumentReadable,
    OpenAPISchema,
    RefResolvable,
    RefNotRemote,
    RefInsideRoot,
    PathParametersMatch,
    UniqueParameters,
    UniqueKeys,
    WaiverHasReason,
    WaiverWellFormed,
    WaiverNotExpired,
    RequiredPropertiesDefined,
    DefaultMatchesSchema,
    PathsNotIdentical,
    SchemaKeywordsConsistent,
    RefNoSiblings,
)
