"""The login in front of every page, and the reader's role.

Accounts, roles and the cookie secret come from the accounts file outside the repository (scripts/administration/accounts.py).
In production (GF_ENV=production) the app refuses to start while that file is missing, has the development
secret, a short secret or the demo accounts.

A login issues a signed session token (dashboard/login_security.py), kept in the session and in a cookie so
that a reload or a bookmark stays logged in. Every run checks the token again: signature (HS256 only),
expiry, the account and its password, and whether a logout revoked it. Anything wrong with it, however
malformed, means a logged-out reader: never an error before the router. Wrong passwords are limited per account
and per client, and every sign-in event is in the sign-in audit log.
"""
from __future__ import annotations

import logging
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from dashboard import login_security, safe_text
from dashboard.i18n import t
from scripts.administration import accounts

LOGIN_FORM_KEY = "login_form"
# The login form's fields and button: read at the top of the run the button starts, so that the same run signs
# the reader in and draws the page (no second run for it).
USERNAME_KEY, PASSWORD_KEY, LOGIN_BUTTON_KEY = "login_username", "login_password", "login_button"
LOGIN_ERROR_KEY = "login_error"  # why the last attempt failed, shown under the form
SIGN_OUT_KEY = "sign_out"
TOKEN_KEY = "session_token"
READER_KEY = "reader"
PENDING_COOKIE_KEY = "pending_cookie"  # the cookie change the next run writes: a token, or "" to delete it
COOKIE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DEFAULT_COOKIE_NAME = "gf_monitor_auth"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reader:
    username: str
    name: str
    roles: tuple[str, ...]
    claims: dict = field(default_factory=dict, compare=False, repr=False)

    department: str | None = None  # a department account's department (scripts/administration/accounts.py)

    @property
    def can_submit(self) -> bool:
        """Stewards submit every source; a department account only its own task progress."""
        return accounts.STEWARD in self.roles or bool(self.department)

    @property
    def is_steward(self) -> bool:
        return accounts.STEWARD in self.roles


def require_login(page_paths: list[str] | tuple[str, ...] = ()) -> Reader:
    """The logged-in reader. Anyone else gets only the login page (or, in an unsafe production set-up, the
    reason the app refuses to start): the run ends there, with no other page registered. The login form answers
    at each of `page_paths` too, so that a bookmark opens its own page once the reader has logged in."""
    config = accounts.load_config()
    if accounts.is_production() and (problems := production_problems(accounts.config_path())):
        only_page(lambda: refusal(problems))
    if config is None:
        only_page(lambda: st.error(t("auth_no_accounts", path=accounts.config_path())))
    if st.session_state.get(LOGIN_BUTTON_KEY):
        sign_in(config)
    write_pending_cookie(config)
    reader = signed_in_reader(config)
    if reader is None:
        st.session_state.pop(READER_KEY, None)
        only_page(login_page, page_paths)
    st.session_state[READER_KEY] = reader
    with st.sidebar:
        role = (t("role_steward") if reader.is_steward else
                t("role_department", department=reader.department) if reader.department else t("role_leader"))
        st.caption(t("signed_in_as", name=safe_text.markdown_text(reader.name), role=role))
        st.button(t("logout"), key=SIGN_OUT_KEY, on_click=log_out, args=(reader,))
    return reader


def signed_in_reader(config: dict) -> Reader | None:
    """The reader whose session token (this session's, else the browser's cookie) is valid now."""
    users = config["credentials"]["usernames"]
    try:
        token = st.session_state.get(TOKEN_KEY) or st.context.cookies.get(cookie_name(config))
        claims = login_security.verify_token(token, accounts.cookie_key(config), users)
    except Exception:  # noqa: BLE001 - a cookie that cannot be read is a logged-out reader, whatever the cause
        log.warning("session cookie refused", exc_info=True)
        claims = None
    if claims is None:
        st.session_state.pop(TOKEN_KEY, None)
        return None
    st.session_state[TOKEN_KEY] = token
    username = claims["sub"]
    # Roles are read from the file on every run (not from the token), so a changed role takes effect at once.
    return Reader(username, str(users[username].get("name") or username),
                  tuple(accounts.roles_of(config, username)), claims,
                  accounts.department_of(config, username))


def cookie_name(config: dict) -> str:
    name = str(config["cookie"].get("name") or "")
    return name if COOKIE_NAME.match(name) else DEFAULT_COOKIE_NAME


def client_address() -> str:
    try:
        return login_security.clean_identifier(st.context.ip_address) or "local"
    except Exception:  # noqa: BLE001 - outside a browser session (tests)
        return "local"


def sign_in(config: dict) -> None:
    """The login form was sent in this run: a good password gives the session its token (and the browser its
    cookie, written further down this run); a bad one leaves the reason for the form to show."""
    token, error = attempt_login(config, str(st.session_state.get(USERNAME_KEY) or ""),
                                 str(st.session_state.pop(PASSWORD_KEY, None) or ""))  # not kept a run longer
    st.session_state.pop(LOGIN_ERROR_KEY, None)
    if token:
        st.session_state[TOKEN_KEY] = token
        st.session_state[PENDING_COOKIE_KEY] = token
    else:
        st.session_state[LOGIN_ERROR_KEY] = error


def attempt_login(config: dict, typed_username: str, password: str) -> tuple[str | None, str | None]:
    """Check a login, within the limits; returns the new session token, or None and the reason."""
    username, client = login_security.clean_identifier(typed_username), client_address()
    states = login_security.attempt_states(username, client)
    locked_until = max((state.locked_until for state in states), default=0)
    if locked_until > time.time():
        login_security.audit(login_security.REFUSED_LOCKED, username, client)
        return None, t("login_locked", minutes=math.ceil((locked_until - time.time()) / 60))
    delay = max(state.limit.delay_for(state.failures) for state in states)
    time.sleep(delay)  # from the 6th wrong password in a row: every answer comes later
    users = config["credentials"]["usernames"]
    if login_security.password_matches(users, username, password or ""):
        login_security.record_success(username, client)
        login_security.audit(login_security.SUCCESS, username, client)
        lifetime_s = float(config["cookie"].get("expiry_days") or 7) * 86400
        return login_security.issue_token(username, str(users[username]["password"]),
                                          accounts.cookie_key(config), lifetime_s), None
    locked = login_security.record_failure(username, client)
    login_security.audit(login_security.LOCKED if locked else login_security.FAILURE, username, client,
                         delay_s=delay, locked=locked)
    if locked:
        return None, t("login_locked", minutes=math.ceil(login_security.ACCOUNT_LIMIT.lock_seconds / 60))
    return None, t("login_failed")


def log_out(reader: Reader) -> None:
    """The token is revoked on the server (a copy of the cookie no longer works) and the cookie deleted."""
    login_security.revoke_token(reader.claims)
    login_security.audit(login_security.LOGOUT, reader.username, client_address())
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(READER_KEY, None)
    st.session_state[PENDING_COOKIE_KEY] = ""


def write_pending_cookie(config: dict) -> None:
    """Set or delete the login cookie in the browser, as the previous run asked. A script, since Streamlit has
    no cookie API; the token holds only base64url characters and dots, and the name is checked."""
    if PENDING_COOKIE_KEY not in st.session_state:
        return
    token = st.session_state.pop(PENDING_COOKIE_KEY)
    if token and not re.fullmatch(r"[A-Za-z0-9_.-]+", token):
        return
    max_age = int(float(config["cookie"].get("expiry_days") or 7) * 86400) if token else 0
    with st.sidebar:
        st.html(f"<script>document.cookie = '{cookie_name(config)}={token}; path=/; max-age={max_age}; "
                "SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '');</script>",
                unsafe_allow_javascript=True)


def production_problems(path: Path) -> list[str]:
    """accounts.production_problems, once per version of the accounts file: it checks every password hash
    against the demo passwords with bcrypt (a quarter of a second each), too slow for every click."""
    version = (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None
    return _production_problems(str(path), version)


@st.cache_data(show_spinner=False, max_entries=4)
def _production_problems(path: str, version: tuple | None) -> list[str]:
    return accounts.production_problems(accounts.load_config(Path(path)), Path(path))


def only_page(draw, page_paths: list[str] | tuple[str, ...] = ()) -> None:
    """Run `draw` as the app's only page (at "login" and at each of `page_paths`) and end the run. The router
    is always called: the pages live in app_pages/, which Streamlit never serves by itself, and no other page is
    registered for this run."""
    pages = [st.Page(draw, title=t("login_title"), url_path=path, default=index == 0)
             for index, path in enumerate(["login", *page_paths])]
    st.navigation(pages, position="hidden").run()
    st.stop()


def refusal(problems: list[str]) -> None:
    st.error(t("auth_refused_production"))
    for problem in problems:
        st.text(f"- {problem}")  # may quote a username: text, not Markdown


def login_page() -> None:
    """The login form; what it sends is checked at the top of the next run (`sign_in`)."""
    st.title(t("app_title"))
    with st.form(LOGIN_FORM_KEY):
        st.subheader(t("login_title"))
        st.text_input(t("username"), max_chars=login_security.MAX_USERNAME_CHARS, autocomplete="username",
                      key=USERNAME_KEY)
        st.text_input(t("password"), type="password", max_chars=login_security.MAX_PASSWORD_CHARS,
                      autocomplete="current-password", key=PASSWORD_KEY)
        st.form_submit_button(t("login"), key=LOGIN_BUTTON_KEY)
    if st.session_state.get(LOGIN_ERROR_KEY):
        st.error(st.session_state.pop(LOGIN_ERROR_KEY))
    st.caption(t("login_help"))


def current_reader() -> Reader | None:
    """The reader app.py let in this session (pages use it to name the submitter and to check the role)."""
    return st.session_state.get(READER_KEY)


def require_reader() -> Reader:
    """The second lock, at the top of every page: no logged-in reader, no page (whatever ran the script)."""
    reader = current_reader()
    if not isinstance(reader, Reader):
        st.error(t("login_required"))
        st.stop()
    return reader
