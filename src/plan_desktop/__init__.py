"""plan_desktop: a desktop application for a city's multi-year action plan."""

__version__ = "0.1.0"
APP_NAME = "plan_desktop"
ORG_NAME = "plan_desktop"
