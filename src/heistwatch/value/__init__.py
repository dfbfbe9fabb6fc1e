"""value stage."""
