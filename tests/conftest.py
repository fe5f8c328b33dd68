"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from eval.common import shared_dir


@pytest.fixture(scope="session")
def shared():
    """The shared data folder beside the checkout; tests that need it skip when it is absent."""
    path = shared_dir()
    if not path.exists():
        pytest.skip(f"shared data is not beside the checkout ({path}); set MANYSIDES_SHARED")
    return path


@pytest.fixture(scope="session")
def aleppo_dir(shared):
    path = shared / "corpora" / "aleppo-2016"
    if not path.exists():
        pytest.skip(f"the Aleppo corpus is missing ({path})")
    return path
