"""Entry points: the ASGI app (`uvicorn main:app`) and the command line (`python main.py serve|migrate|token|send`)."""

from __future__ import annotations

if __name__ == "__main__":
    from cli import cli

    cli()  # each command imports what it needs; `serve` has uvicorn import this module for the app
else:
    from app import create_app
    from cli import cli, migrate

    app = create_app()

    __all__ = ["app", "cli", "create_app", "migrate"]
