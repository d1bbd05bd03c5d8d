"""One small function per rule code, grouped by what they look at."""
