"""Server-side login security, without Streamlit: signed session tokens that logging out revokes, limits on
wrong passwords per account and per client, and the sign-in audit log.

State lives in the security folder (GF_SECURITY_DIR, default data/security/), shared by every server process:

    revoked_tokens.json   token id -> expiry: tokens ended by logging out (pruned once expired)
    login_attempts.json   "account:<name>" / "client:<address>" -> failures in a row, last failure, locked until
    login_audit.jsonl     one line per sign-in event: success, failure, lockout, refusal while locked, logout
    .lock                 one writer at a time

Limits (documented in SECURITY.md): from the 6th wrong password in a row for an account, each attempt waits
1, 2, 4, 8 s (at most 8) before the password is checked; the 10th locks the account for 15 minutes, when even
the right password is refused. A client (network address) gets the same treatment from its 11th failure and is
locked at its 30th, whichever accounts it tried. A success ends the account's and the client's streak.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jwt

from scripts.configuration.journal import now as timestamp
from scripts.configuration.journal import append_line, read_lines

TOKEN_ALGORITHM = "HS256"  # the only one accepted: an unsigned ("alg": "none") token is refused
MAX_USERNAME_CHARS = 64
MAX_PASSWORD_CHARS = 256
MAX_TOKEN_CHARS = 2048


@dataclass(frozen=True)
class AttemptLimit:
    delay_after: int  # failures in a row after which every attempt waits
    lock_after: int  # the failure that locks
    lock_seconds: int
    max_delay_s: float = 8.0

    def delay_for(self, failures: int) -> float:
        if failures < self.delay_after:
            return 0.0
        return min(2.0 ** (failures - self.delay_after), self.max_delay_s)


ACCOUNT_LIMIT = AttemptLimit(delay_after=5, lock_after=10, lock_seconds=15 * 60)
CLIENT_LIMIT = AttemptLimit(delay_after=10, lock_after=30, lock_seconds=15 * 60)

# Sign-in audit outcomes
SUCCESS, FAILURE, LOCKED, REFUSED_LOCKED, LOGOUT = "success", "failure", "locked", "refused_locked", "logout"


def security_dir() -> Path:
    from scripts.configuration import paths

    return Path(os.environ.get("GF_SECURITY_DIR", paths.data_dir() / "security"))


def clean_identifier(typed: str | None) -> str:
    """A typed username or a client address, as a key and for the audit log: no control characters, bounded."""
    text = "".join(character for character in str(typed or "") if character.isprintable())
    return text.strip()[:MAX_USERNAME_CHARS]


@contextmanager
def _locked(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):  # none yet, or cut short by a crash: start again, safely
        return {}


def _write_json(path: Path, content: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


# --- session tokens ---------------------------------------------------------------------------------------------

def password_fingerprint(password_hash: str) -> str:
    """A short digest of the account's password hash: changing the password ends the sessions opened before."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def issue_token(username: str, password_hash: str, key: str, lifetime_s: float, now: float | None = None) -> str:
    issued = time.time() if now is None else now
    return jwt.encode({"sub": username, "iat": int(issued), "exp": int(issued + lifetime_s),
                       "jti": secrets.token_urlsafe(16), "pwd": password_fingerprint(password_hash)},
                      key, algorithm=TOKEN_ALGORITHM)


def verify_token(token: object, key: str, users: dict, root: Path | None = None) -> dict | None:
    """The claims of a valid session token, or None: wrong or missing signature, another algorithm, expired,
    malformed, revoked by a logout, for an account that no longer exists or whose password has changed."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=[TOKEN_ALGORITHM],
                            options={"require": ["sub", "iat", "exp", "jti", "pwd"]})
    except jwt.PyJWTError:
        return None
    user = users.get(claims["sub"]) if isinstance(claims.get("sub"), str) else None
    if not user or claims["pwd"] != password_fingerprint(str(user.get("password", ""))):
        return None
    if claims["jti"] in _read_json((root or security_dir()) / "revoked_tokens.json"):
        return None
    return claims


def revoke_token(claims: dict, root: Path | None = None) -> None:
    root = root or security_dir()
    with _locked(root):
        revoked = {jti: expiry for jti, expiry in _read_json(root / "revoked_tokens.json").items()
                   if expiry > time.time()}
        revoked[claims["jti"]] = claims["exp"]
        _write_json(root / "revoked_tokens.json", revoked)


# --- wrong passwords ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttemptState:
    key: str
    limit: AttemptLimit
    failures: int = 0
    locked_until: float = 0.0


def attempt_keys(username: str, client: str) -> list[tuple[str, AttemptLimit]]:
    return [(f"account:{username}", ACCOUNT_LIMIT), (f"client:{client}", CLIENT_LIMIT)]


def attempt_states(username: str, client: str, root: Path | None = None,
                   now: float | None = None) -> list[AttemptState]:
    """The streak of each key; a lock that has run out ends its streak."""
    now = time.time() if now is None else now
    return _states(_read_json((root or security_dir()) / "login_attempts.json"), username, client, now)


def _states(stored: dict, username: str, client: str, now: float) -> list[AttemptState]:
    states = []
    for key, limit in attempt_keys(username, client):
        entry = stored.get(key, {})
        if entry.get("locked_until", 0) and entry["locked_until"] <= now:
            entry = {}
        states.append(AttemptState(key, limit, int(entry.get("failures", 0)), float(entry.get("locked_until", 0))))
    return states


def record_failure(username: str, client: str, root: Path | None = None, now: float | None = None) -> list[str]:
    """Count a wrong password for the account and the client; returns the keys this failure locked."""
    root, now = root or security_dir(), time.time() if now is None else now
    with _locked(root):
        stored = _read_json(root / "login_attempts.json")
        newly_locked = []
        for state in _states(stored, username, client, now):
            failures = state.failures + 1
            entry = {"failures": failures, "last_failure": now, "locked_until": 0}
            if failures >= state.limit.lock_after:
                entry["locked_until"] = now + state.limit.lock_seconds
                newly_locked.append(state.key)
            stored[state.key] = entry
        _write_json(root / "login_attempts.json", stored)
    return newly_locked


def record_success(username: str, client: str, root: Path | None = None) -> None:
    root = root or security_dir()
    with _locked(root):
        stored = _read_json(root / "login_attempts.json")
        for key, _ in attempt_keys(username, client):
            stored.pop(key, None)
        _write_json(root / "login_attempts.json", stored)


@cache
def _decoy_hash() -> bytes:
    import bcrypt

    from scripts.administration import accounts

    # At the cost real hashes are made with: an unknown username must take as long as a known one.
    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(rounds=accounts.PASSWORD_HASH_ROUNDS))


def password_matches(users: dict, username: str, password: str) -> bool:
    """bcrypt check; an unknown user costs the same time as a known one, so that timing tells nothing."""
    import bcrypt

    stored = str((users.get(username) or {}).get("password") or "")
    candidate = password[:MAX_PASSWORD_CHARS].encode()
    if not stored.startswith("$2"):
        bcrypt.checkpw(candidate, _decoy_hash())
        return False
    try:
        return bcrypt.checkpw(candidate, stored.encode())
    except ValueError:  # a damaged hash in the accounts file
        return False


# --- the sign-in audit log ---------------------------------------------------------------------------------------

def audit(outcome: str, username: str, client: str, root: Path | None = None, **details) -> None:
    append_line((root or security_dir()) / "login_audit.jsonl",
                {"at": timestamp(), "outcome": outcome, "username": username,
                 "client": client, **details})


def audit_log(root: Path | None = None) -> list[dict]:
    return read_lines((root or security_dir()) / "login_audit.jsonl")
