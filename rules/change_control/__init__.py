"""Change control: judged against the previous version of the document (``check --baseline``)."""

from rules.change_control.chg001_breaking_change_needs_major_version import BreakingChangeNeedsMajorVersion
from rules.change_control.chg002_removed_operation_deprecated_first import RemovedOperationDeprecatedFirst
from rules.change_control.chg003_removed_after_sunset import RemovedAfterSunset
from rules.change_control.chg004_deprecation_has_sunset import DeprecationHasSunset
from rules.change_control.chg005_sunset_not_earlier import SunsetNotEarlier
from rules.change_control.chg006_sunset_grace_period import SunsetGracePeriod
from rules.change_control.chg007_api_version_follows_changes import ApiVersionFollowsChanges

RULES = (
    BreakingChangeNeedsMajorVersion,
    RemovedOperationDeprecatedFirst,
    RemovedAfterSunset,
    DeprecationHasSunset,
    SunsetNotEarlier,
    SunsetGracePeriod,
    ApiVersionFollowsChanges,
)
