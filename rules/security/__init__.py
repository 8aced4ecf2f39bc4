"""Security: BSSN practice and the OWASP API Security Top 10."""

from rules.security.sec001_https_only import HttpsOnly
from rules.security.sec002_no_local_servers import NoLocalServers
from rules.security.sec003_operation_secured import OperationSecured
from rules.security.sec004_no_credentials_in_query import NoCredentialsInQuery
from rules.security.sec005_allowed_security_schemes import AllowedSecuritySchemes
from rules.security.sec006_auth_responses_documented import AuthResponsesDocumented
from rules.security.sec007_rate_limit_documented import RateLimitDocumented
from rules.security.sec008_bounded_strings import BoundedStrings
from rules.security.sec009_bounded_arrays import BoundedArrays
from rules.security.sec010_no_credentials_in_examples import NoCredentialsInExamples
from rules.security.sec011_oauth2_secure_flows import OAuth2SecureFlows
from rules.security.sec012_auth_urls_https import AuthUrlsHttps
from rules.security.sec013_personal_data_not_in_url import PersonalDataNotInUrl
from rules.security.sec014_security_requirements_declared import SecurityRequirementsDeclared

RULES = (
    HttpsOnly,
    NoLocalServers,
    OperationSecured,
    NoCredentialsInQuery,
    AllowedSecuritySchemes,
    AuthResponsesDocumented,
    RateLimitDocumented,
    BoundedStrings,
    BoundedArrays,
    NoCredentialsInExamples,
    OAuth2SecureFlows,
    AuthUrlsHttps,
    PersonalDataNotInUrl,
    SecurityRequirementsDeclared,
)
