"""The login in front of every page (streamlit-authenticator 0.4, which works offline), and the reader's role.

Accounts, roles and the cookie secret come from the accounts file outside the repository (scripts/accounts.py).
In production (GF_ENV=production) the app refuses to start while that file is missing, has the development
secret, a short secret or the demo accounts.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from scripts import accounts

# Not "logout": streamlit-authenticator keeps its own state under that key.
SIGN_OUT_KEY = "sign_out"
LOGIN_FORM_KEY = "login_form"
COOKIE_WRITE_PAUSE_S = 0.6


@dataclass(frozen=True)
class Reader:
    username: str
    name: str
    roles: tuple[str, ...]

    @property
    def can_submit(self) -> bool:
        return accounts.STEWARD in self.roles


def require_login() -> Reader:
    """The logged-in reader. Anyone else gets only the login page (or, in an unsafe production set-up, the
    reason the app refuses to start): the run ends there, with no other page registered."""
    import streamlit_authenticator as stauth  # imported here: only a running app needs it

    config = accounts.load_config()
    if accounts.is_production() and (problems := production_problems(accounts.config_path())):
        only_page(lambda: refusal(problems))
    if config is None:
        only_page(lambda: st.error(t("auth_no_accounts", path=accounts.config_path())))
    # Roles are read from the file on every run (not from the cookie), so a changed role takes effect at once.
    # No pause before login: the library's default 0.7 s sleep made a run slow enough for the cookie
    # component's own rerun to interrupt it and swallow the click on the login button (st.context.cookies,
    # which the library reads, is there from the first run anyway).
    authenticator = stauth.Authenticate(config["credentials"], config["cookie"]["name"], accounts.cookie_key(config),
                                        config["cookie"]["expiry_days"], auto_hash=False, login_sleep_time=0)
    if not st.session_state.get("authentication_status"):
        # A valid login cookie logs the reader in here, before the router, so that the page they asked for
        # (a bookmark, a reload) is served rather than the default one.
        authenticator.login(location="unrendered")
    if not st.session_state.get("authentication_status"):
        only_page(lambda: login_page(authenticator))
    username = st.session_state["username"]
    reader = Reader(username, st.session_state.get("name") or username,
                    tuple(accounts.roles_of(config, username)))
    with st.sidebar:
        role = t("role_steward") if reader.can_submit else t("role_leader")
        st.caption(t("signed_in_as", name=reader.name, role=role))
        authenticator.logout(t("logout"), location="sidebar", key=SIGN_OUT_KEY)
    if not st.session_state.get("authentication_status"):  # just logged out: back to the login page
        st.rerun()
    return reader


def production_problems(path: Path) -> list[str]:
    """accounts.production_problems, once per version of the accounts file: it checks every password hash
    against the demo passwords with bcrypt (a quarter of a second each), too slow for every click."""
    version = (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None
    return _production_problems(str(path), version)


@st.cache_data(show_spinner=False, max_entries=4)
def _production_problems(path: str, version: tuple | None) -> list[str]:
    return accounts.production_problems(accounts.load_config(Path(path)), Path(path))


def only_page(draw) -> None:
    """Run `draw` as the app's only page and end the run. The router is always called: a run that never calls
    st.navigation would let Streamlit serve the scripts in dashboard/pages/ by their file names (its older
    multipage mode), login or not."""
    st.navigation([st.Page(draw, title=t("login_title"), url_path="login", default=True)], position="hidden").run()
    st.stop()


def refusal(problems: list[str]) -> None:
    st.error(t("auth_refused_production"))
    for problem in problems:
        st.markdown(f"- {problem}")


def login_page(authenticator) -> None:
    """The login form."""
    st.title(t("app_title"))
    authenticator.login(location="main", key=LOGIN_FORM_KEY, fields={
        "Form name": t("login_title"), "Username": t("username"), "Password": t("password"), "Login": t("login")})
    status = st.session_state.get("authentication_status")
    if status:
        # Logged in: start again with every page the reader may see. The pause lets the browser store the
        # login cookie first (the library sets it from a component drawn in this run), so that a reload or a
        # second tab stays logged in.
        time.sleep(COOKIE_WRITE_PAUSE_S)
        st.rerun()
    if status is False:
        st.error(t("login_failed"))
    st.caption(t("login_help"))


def current_reader() -> Reader | None:
    """The reader app.py let in (pages use it to name the submitter and to check the role again)."""
    return st.session_state.get("reader")
