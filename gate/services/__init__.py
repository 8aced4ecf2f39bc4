"""What the service does, independent of HTTP: routes and pages call these, never the tables directly."""
