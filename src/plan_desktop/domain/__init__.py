"""Pure domain objects and rules: no Qt, no SQL."""
