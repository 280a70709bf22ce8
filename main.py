"""Entry points: the ASGI app (`uvicorn main:app`) and the command line (`python main.py serve|migrate|token|send`)."""

from __future__ import annotations

from app import create_app
from cli import cli, migrate

app = create_app()

__all__ = ["app", "cli", "create_app", "migrate"]

if __name__ == "__main__":
    cli()
