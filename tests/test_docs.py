"""Every command is documented: in its --help with an example, and in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from manysides.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_each_command_has_help_with_an_example(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_each_command_is_in_the_readme(name):
    assert f"manysides {name}" in README.read_text(encoding="utf-8")


def test_readme_first_screen_gives_the_two_commands():
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:25])
    assert "make demo" in first_screen and "make test" in first_screen
