"""Contract tests: schemathesis against the application's deployment, bounded and guarded."""
