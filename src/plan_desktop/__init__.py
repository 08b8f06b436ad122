"""plan_desktop: a desktop application for a city's multi-year action plan."""

__version__ = "0.1.0"
APP_NAME = "plan_desktop"
ORG_NAME = "plan_desktop"
# What people see: the window's name, and the Windows file properties of the packaged executables.
DISPLAY_NAME = "行動計画 進捗管理"
PUBLISHER = "plan_desktop 開発チーム"
