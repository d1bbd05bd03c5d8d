"""Test doubles; each module says plainly what it fakes."""
