"""PDF builders with reportlab: domain objects in, PDF bytes out. Never imports Qt."""

from .reportlab_imports import install as _defer_reportlab_imports

# Before any report module imports reportlab.platypus (cheap: no reportlab import here).
_defer_reportlab_imports()
