"""Documentation: another OPD can understand and use the API without asking its authors."""

from rules.documentation.doc001_operation_summary import OperationSummary
from rules.documentation.doc002_operation_description import OperationDescription
from rules.documentation.doc003_parameter_description import ParameterDescription
from rules.documentation.doc004_schema_description import SchemaDescription
from rules.documentation.doc005_property_description import PropertyDescription
from rules.documentation.doc006_response_description_meaningful import ResponseDescriptionMeaningful
from rules.documentation.doc007_examples_present import ExamplesPresent
from rules.documentation.doc008_examples_match_schema import ExamplesMatchSchema
from rules.documentation.doc009_documentation_coverage import DocumentationCoverage
from rules.documentation.doc010_info_description import InfoDescription
from rules.documentation.doc011_tags_declared import TagsDeclared
from rules.documentation.doc012_operation_tagged import OperationTagged
from rules.documentation.doc013_tags_described import TagsDescribed
from rules.documentation.doc014_no_unused_components import NoUnusedComponents
from rules.documentation.doc015_info_contact import InfoContact

RULES = (
    OperationSummary,
    OperationDescription,
    ParameterDescription,
    SchemaDescription,
    PropertyDescription,
    ResponseDescriptionMeaningful,
    ExamplesPresent,
    ExamplesMatchSchema,
    DocumentationCoverage,
    InfoDescription,
    TagsDeclared,
    OperationTagged,
    TagsDescribed,
    NoUnusedComponents,
    InfoContact,
)
