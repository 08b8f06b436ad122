"""PDF builders with reportlab: domain objects in, PDF bytes out. Never imports Qt."""
