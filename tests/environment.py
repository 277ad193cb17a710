"""Loaded by pytest before Django's settings (see addopts in pyproject.toml).

The settings start with debug off and refuse to start without production keys;
the suite runs as a developer's machine does, with DJANGO_DEBUG=true (Django's
test runner still turns DEBUG itself off while tests run).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
