"""The dashboard as the server runs it: the Streamlit app (dashboard/app.py) behind one piece of middleware that
closes the endpoints a reader has no use for and that answer without a login.

`streamlit run dashboard/server.py` (`make serve`) finds the `st.App` below and serves dashboard/app.py with it;
every setting of .streamlit/config.toml and the command line applies as before.
"""
from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse

# /_stcore/metrics reports sessions and memory to anyone who asks; Streamlit has no setting to close it.
CLOSED_PATHS = ("/_stcore/metrics",)


class CloseUnauthenticatedEndpoints:
    """ASGI middleware: a 404 for CLOSED_PATHS (under any base URL), everything else passed on."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(CLOSED_PATHS):
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)


app = st.App("app.py", middleware=[Middleware(CloseUnauthenticatedEndpoints)])
