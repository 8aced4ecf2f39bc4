"""Sustainability: the application is owned, funded, hosted and maintained beyond this year."""

from rules.sustainability.sus001_spbe_metadata_present import SpbeMetadataPresent
from rules.sustainability.sus002_spbe_metadata_schema import SpbeMetadataSchema
from rules.sustainability.sus003_government_contact_domain import GovernmentContactDomain
from rules.sustainability.sus004_semantic_version import SemanticVersion
from rules.sustainability.sus005_lifecycle_active import LifecycleActive
from rules.sustainability.sus006_budget_committed import BudgetCommitted
from rules.sustainability.sus007_deprecated_operation_sunset import DeprecatedOperationSunset
from rules.sustainability.sus008_health_endpoint import HealthEndpoint
from rules.sustainability.sus009_national_data_center_hosting import NationalDataCenterHosting
from rules.sustainability.sus010_sso_integrated import SsoIntegrated
from rules.sustainability.sus011_integration_declared import IntegrationDeclared
from rules.sustainability.sus012_license_declared import LicenseDeclared
from rules.sustainability.sus013_deprecated_application_sunset import DeprecatedApplicationSunset
from rules.sustainability.sus014_production_url_declared import ProductionUrlDeclared
from rules.sustainability.sus015_live_document_published import LiveDocumentPublished
from rules.sustainability.sus016_integration_structured import IntegrationStructured
from rules.sustainability.sus017_integration_entry_well_formed import IntegrationEntryWellFormed
from rules.sustainability.sus018_integration_known_system import IntegrationKnownSystem

RULES = (
    SpbeMetadataPresent,
    SpbeMetadataSchema,
    GovernmentContactDomain,
    SemanticVersion,
    LifecycleActive,
    BudgetCommitted,
    DeprecatedOperationSunset,
    HealthEndpoint,
    NationalDataCenterHosting,
    SsoIntegrated,
    IntegrationDeclared,
    LicenseDeclared,
    DeprecatedApplicationSunset,
    ProductionUrlDeclared,
    LiveDocumentPublished,
    IntegrationStructured,
    IntegrationEntryWellFormed,
    IntegrationKnownSystem,
)
