"""Health endpoints: /health/live while the process runs, /health/ready when the database and the broadcast are
reachable."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from services.runtime import Runtime

READY_TIMEOUT = 2.0


async def health_live(request: Request) -> JSONResponse:
    return JSONResponse({"status": "live"})


async def health_ready(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    checks = {"database": await database_ok(runtime), "broadcast": await broadcast_ok(runtime)}
    ready = all(checks.values())
    body = {
        "status": "ready" if ready else "unavailable",
        **{k: "ok" if v else "unreachable" for k, v in checks.items()},
    }
    return JSONResponse(body, status_code=200 if ready else 503)


async def database_ok(runtime: Runtime) -> bool:
    try:
        async with asyncio.timeout(READY_TIMEOUT), runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


async def broadcast_ok(runtime: Runtime) -> bool:
    try:
        async with asyncio.timeout(READY_TIMEOUT):
            return runtime.channels.healthy and await runtime.channels.ping()
    except TimeoutError:
        return False
