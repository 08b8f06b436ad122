"""PDF builders with reportlab: domain objects in, PDF bytes out. Never imports Qt."""

from .deferred_patterns import install as _defer_reportlab_patterns

# Before any report module imports reportlab.platypus (cheap: no reportlab import here).
_defer_reportlab_patterns()
