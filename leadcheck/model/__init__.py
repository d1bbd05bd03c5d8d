"""Plain data shared by every layer: rule codes, findings, configuration, columns."""
