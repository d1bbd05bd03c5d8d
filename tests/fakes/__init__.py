"""Test doubles; each module's docstring states plainly what it fakes."""
