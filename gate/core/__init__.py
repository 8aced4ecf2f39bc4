"""The service's core: settings, database, security primitives."""
