"""Every command of engagement-monitor is documented in the README's command reference."""

import re
from pathlib import Path

import typer.main

from collector.cli import app

README = Path(__file__).parent.parent / "README.md"


def _commands(command, prefix: str = "") -> list[str]:
    names = []
    for name, sub in getattr(command, "commands", {}).items():
        names += _commands(sub, f"{prefix}{name} ") if hasattr(sub, "commands") else [prefix + name]
    return names


def test_every_command_is_in_the_readme_command_reference():
    readme = README.read_text(encoding="utf-8")
    reference = readme[readme.index("## Command reference") :]
    reference = reference[: reference.index("\n## ")]
    commands = _commands(typer.main.get_command(app))
    assert len(commands) > 15
    missing = [
        name for name in commands if not re.search(rf"`(engagement-monitor )?{re.escape(name)}\b", reference)
    ]
    assert missing == []


def test_every_command_has_help():
    for name in _commands(typer.main.get_command(app)):
        command = typer.main.get_command(app)
        for part in name.split():
            command = command.commands[part]
        assert command.help, name
