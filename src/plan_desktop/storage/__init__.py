"""The only package that knows table names and SQL."""
