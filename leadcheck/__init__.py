"""leadcheck: checks Chinese B2B lead sheets against the valid-customer standard."""

__version__ = "0.1.0"
