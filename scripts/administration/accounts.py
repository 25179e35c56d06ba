"""Dashboard accounts: who may log in, with which role, and the secret that signs the login cookie.

They live in a YAML file outside the repository (nothing secret is ever committed):
GF_AUTH_CONFIG, default ~/.config/changshou-gf-monitor/auth.yaml, in streamlit-authenticator's format:

    cookie: {name: gf_monitor_auth, key: <at least 32 random bytes>, expiry_days: 7}
    credentials:
      usernames:
        zhangsan: {name: 张三, password: <bcrypt hash>, roles: [steward]}
        lisi: {name: 李四, password: <bcrypt hash>, roles: [leader]}
        caizheng: {name: 区财政局填报员, password: <bcrypt hash>, roles: [department], department: 区财政局}

Roles: `steward` may submit statistics; `department` may submit only its own department's task progress
(`department`: its Chinese name in seeds/departments.csv); `leader` (or no role) may only view.
Production (GF_ENV=production) refuses to start with a missing or short cookie secret, the built-in
development secret, or the demo accounts: `check` says why, and the dashboard shows the same reasons.

Usage:
  python -m scripts.administration.accounts add USERNAME --name 张三 --role steward   (password asked, or --password-stdin)
  python -m scripts.administration.accounts add USERNAME --name 王五 --role department --department 区财政局
  python -m scripts.administration.accounts init-demo    demo accounts for a machine running the sample (not in production)
  python -m scripts.administration.accounts check        exit 1 if the dashboard must not start in this mode
  python -m scripts.administration.accounts ensure       what `make serve` runs: check in production, else init-demo
"""
from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys
from pathlib import Path

import yaml

STEWARD, LEADER, DEPARTMENT = "steward", "leader", "department"
ROLES = (STEWARD, LEADER, DEPARTMENT)
MIN_SECRET_BYTES = 32
# The secret used when a development config has none. Production refuses it.
DEVELOPMENT_COOKIE_KEY = "development-only-cookie-secret-do-not-use-in-production"
DEMO_ACCOUNTS = {  # username -> (name, role, password); documented in the README, refused in production
    "leader": ("演示领导 Demo leader", LEADER, "changshou-leader-demo"),
    "steward": ("演示数据员 Demo steward", STEWARD, "changshou-steward-demo"),
}


def config_path() -> Path:
    default = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "changshou-gf-monitor" / "auth.yaml"
    return Path(os.environ.get("GF_AUTH_CONFIG", default))


def is_production() -> bool:
    return os.environ.get("GF_ENV", "").strip().lower() == "production"


def load_config(path: Path | None = None) -> dict | None:
    path = path or config_path()
    if not path.exists():
        return None
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    config.setdefault("cookie", {})
    config["cookie"].setdefault("name", "gf_monitor_auth")
    config["cookie"].setdefault("expiry_days", 7)
    config.setdefault("credentials", {}).setdefault("usernames", {})
    return config


def cookie_key(config: dict) -> str:
    return str(config["cookie"].get("key") or DEVELOPMENT_COOKIE_KEY)


def production_problems(config: dict | None, path: Path | None = None) -> list[str]:
    """Why the dashboard must not start in production with this config (empty: it may)."""
    path = path or config_path()
    if config is None:
        return [f"no accounts file at {path} (set GF_AUTH_CONFIG; add users with `python -m scripts.administration.accounts add`)"]
    problems = []
    key = config["cookie"].get("key")
    if not key or key == DEVELOPMENT_COOKIE_KEY:
        problems.append("the cookie secret is missing or is the built-in development secret")
    elif len(str(key).encode()) < MIN_SECRET_BYTES:
        problems.append(f"the cookie secret is shorter than {MIN_SECRET_BYTES} bytes")
    users = config["credentials"]["usernames"]
    if not users:
        problems.append("there are no accounts")
    if config.get("demo") or demo_accounts_in(users):
        problems.append(f"demo accounts are present ({', '.join(demo_accounts_in(users)) or 'demo: true'})")
    return problems


def demo_accounts_in(users: dict) -> list[str]:
    """Accounts that still have a demo password (checked against the hash, whatever the username)."""
    import bcrypt

    demo_passwords = [password.encode() for _, _, password in DEMO_ACCOUNTS.values()]
    return [username for username, user in users.items()
            if any(bcrypt.checkpw(password, str(user.get("password", "")).encode()) for password in demo_passwords)]


# bcrypt's cost for new password hashes: 10, OWASP's minimum for bcrypt (2^10 rounds, ~0.06 s of CPU here). A
# login is one check, on the dashboard's server, for every reader who signs in; at bcrypt's default of 12 it was
# 0.24 s, most of a session start's server CPU. Wrong passwords are limited per account and per client
# (dashboard/login_security.py), so the cost guards only a stolen accounts file. A hash keeps the cost it was
# made with: an account whose password is set again gets this one.
PASSWORD_HASH_ROUNDS = 10


def hash_password(password: str) -> str:
    import bcrypt

    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=PASSWORD_HASH_ROUNDS)).decode()


def roles_of(config: dict, username: str | None) -> list[str]:
    user = config["credentials"]["usernames"].get(username or "", {})
    return list(user.get("roles") or [])


def department_of(config: dict | None, username: str | None) -> str | None:
    """The department a department account reports for; None for any other account (or none)."""
    if config is None:
        return None
    user = config["credentials"]["usernames"].get(username or "", {})
    if DEPARTMENT not in (user.get("roles") or []):
        return None
    return str(user.get("department") or "") or None


def known_departments() -> list[str]:
    """The departments' Chinese names (seeds/departments.csv)."""
    import csv

    from scripts.configuration import paths

    with (paths.SEEDS_DIR / "departments.csv").open(encoding="utf-8", newline="") as handle:
        return [row["department_name_zh"] for row in csv.DictReader(handle)]


def write_config(config: dict, path: Path) -> None:
    """Mode 600 from the first byte (it holds the cookie secret), written whole: a new file then a rename."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def new_config() -> dict:
    return {"cookie": {"name": "gf_monitor_auth", "key": secrets.token_urlsafe(48), "expiry_days": 7},
            "credentials": {"usernames": {}}}


def add_user(path: Path, username: str, name: str, role: str, password: str, department: str | None = None) -> None:
    """`department` is required for, and only for, a department account: one of known_departments()."""
    if (role == DEPARTMENT) != bool(department) or (department and department not in known_departments()):
        raise ValueError(f"a department account needs --department, one of seeds/departments.csv "
                         f"({'、'.join(known_departments())}); other roles take none")
    config = load_config(path) or new_config()
    config["credentials"]["usernames"][username] = {"name": name, "password": hash_password(password),
                                                    "roles": [role], **({"department": department} if department else {})}
    write_config(config, path)


def init_demo(path: Path) -> bool:
    """Write the demo accounts if there is no accounts file yet; True if it wrote one."""
    if path.exists():
        return False
    config = new_config()
    config["demo"] = True
    for username, (name, role, password) in DEMO_ACCOUNTS.items():
        config["credentials"]["usernames"][username] = {"name": name, "password": hash_password(password),
                                                        "roles": [role]}
    write_config(config, path)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add or replace an account")
    add.add_argument("username")
    add.add_argument("--name", help="the name shown in the dashboard and the audit log (default: the department, "
                     "for a department account, else the username)")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--department", help="role department: the department's Chinese name (seeds/departments.csv)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("init-demo", help="demo accounts for a development machine")
    commands.add_parser("check", help="exit 1 if the dashboard must not start")
    commands.add_parser("ensure", help="check in production, init-demo otherwise (make serve)")
    args = parser.parse_args()
    path = config_path()
    if args.command == "add":
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
        if len(password) < 12:
            print("refused: use a password of at least 12 characters", file=sys.stderr)
            return 1
        try:
            add_user(path, args.username, args.name or args.department or args.username, args.role, password,
                     args.department)
        except ValueError as problem:
            print(f"refused: {problem}", file=sys.stderr)
            return 1
        print(f"account {args.username} ({args.role}) saved in {path}")
        return 0
    if args.command == "init-demo" or (args.command == "ensure" and not is_production()):
        if is_production():
            print("refused: demo accounts are never created in production (GF_ENV=production)", file=sys.stderr)
            return 1
        if init_demo(path):
            print(f"Demo accounts written to {path} (development only; production refuses them):")
        else:
            print(f"Accounts: {path}" + (" (demo accounts:)" if (load_config(path) or {}).get("demo") else ""))
        if (load_config(path) or {}).get("demo"):
            for username, (_, role, password) in DEMO_ACCOUNTS.items():
                print(f"  {role:<8} user {username!r}, password {password!r}")
        return 0
    problems = production_problems(load_config(path), path) if is_production() else []
    for problem in problems:
        print(f"refused to start in production: {problem}", file=sys.stderr)
    if not problems:
        print(f"Accounts: {path}" + ("" if is_production() else " (development mode: not checked)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
