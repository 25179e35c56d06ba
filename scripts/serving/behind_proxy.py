"""Several dashboard processes behind nginx, with sticky sessions: `make serve-many` (DASHBOARD_PROCESSES=N).

One Streamlit process runs its readers' scripts on one core at a time (Python's GIL), so twenty leaders opening
the dashboard at once queue behind each other. This starts N processes on local ports, the steward worker, and
nginx (Debian's package) where `make serve` would listen; nginx keeps each browser on one process for its whole
visit (scripts/serving/nginx.conf.template says how), and any process accepts any reader's login cookie (it is
signed with the accounts file's key, which all of them read).

Usage: python -m scripts.serving.behind_proxy [--processes N] [--address A] [--port P] [--host H]
Everything it writes (nginx's configuration, logs, temporary files, each process's log) is in --run-dir
(default <data>/serving/); Ctrl-C or SIGTERM stops them all.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from contextlib import ExitStack, contextmanager
from pathlib import Path

from scripts.configuration import paths
from scripts.configuration.local_server import port_is_free, wait_until_healthy

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
STREAMLIT_CONFIG = paths.REPO_ROOT / ".streamlit" / "config.toml"
FIRST_PROCESS_PORT = 8511
START_TIMEOUT_S = 120
READY_LINE = "dashboard processes ready behind nginx"
UNPRIVILEGED = ("nobody", "nogroup")
TEMPORARY_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
# Streamlit's front end, /static/ on every process: its content-hashed bundles, the same for every reader.
STREAMLIT_STATIC = Path(importlib.util.find_spec("streamlit").origin).parent / "static" / "static"
STATIC_FOLDER = "static"
COMPRESSED_SUFFIXES = {".js", ".css", ".json", ".svg", ".map", ".txt", ".ttf", ".woff"}  # not woff2, png: packed


@contextmanager
def front_end_copy():
    """Streamlit's front end copied with a gzip file beside each text file, compressed once here: nginx serves
    every reader's browser from it (gzip_static), so that the bundles a new browser fetches (~6 MB) neither
    pass through a dashboard process's Python nor are compressed again for each reader. In a folder of its own
    that anyone may read, since nginx's workers read it as nobody (a data folder may be private); removed at
    the end."""
    with tempfile.TemporaryDirectory(prefix="gf-front-end-") as folder:
        copy = Path(folder) / STATIC_FOLDER
        shutil.copytree(STREAMLIT_STATIC, copy)
        for path in copy.rglob("*"):
            if path.suffix in COMPRESSED_SUFFIXES and path.is_file():
                path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
        for path in [Path(folder), *copy.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield copy


def nginx_config(run_dir: Path, address: str, port: int, process_ports: list[int], front_end: Path) -> str:
    upload_mb = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))["server"]["maxUploadSize"]
    servers = "\n".join(f"        server 127.0.0.1:{process_port};" for process_port in process_ports)
    # Started as root, nginx runs its workers as nobody, who must be able to write its temporary files.
    user = f"user {UNPRIVILEGED[0]} {UNPRIVILEGED[1]};" if os.geteuid() == 0 else ""
    filled = {"@USER@": user, "@RUN_DIR@": str(run_dir), "@ADDRESS@": address, "@PORT@": str(port), "@SERVERS@": servers,
              "@UPLOAD_MB@": str(int(upload_mb) + 5),  # the form's other fields ride along with the file
              "@STATIC_DIR@": str(front_end)}
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in filled.items():
        text = text.replace(placeholder, value)
    return text


def dashboard_command(process_port: int, host: str, public_port: int) -> list[str]:
    """One dashboard process: local only (readers come through nginx), told the address readers use."""
    return [sys.executable, "-m", "streamlit", "run", "dashboard/server.py", "--server.address", "127.0.0.1",
            "--server.port", str(process_port), "--browser.serverAddress", host,
            "--browser.serverPort", str(public_port)]


def wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    try:
        wait_until_healthy(url, lambda: process.poll() is None, START_TIMEOUT_S,
                           lambda: f"{url} did not start; its log, {log}:\n{log.read_text()[-3000:]}")
    except RuntimeError as failure:
        raise SystemExit(str(failure)) from None


def started(stack: ExitStack, command: list[str], log: Path) -> subprocess.Popen:
    """A child process, stopped (SIGTERM, then SIGKILL) when the stack closes."""
    handle = stack.enter_context(log.open("w", encoding="utf-8"))
    process = subprocess.Popen(command, cwd=paths.REPO_ROOT, stdout=handle, stderr=subprocess.STDOUT)

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()

    stack.callback(stop)
    return process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--address", default="0.0.0.0", help="where nginx listens")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--host", default="localhost", help="the address readers use")
    parser.add_argument("--first-process-port", type=int, default=FIRST_PROCESS_PORT)
    parser.add_argument("--run-dir", type=Path, default=None)
    parser.add_argument("--no-worker", action="store_true", help="do not start the steward worker")
    args = parser.parse_args()
    if not 1 <= args.processes <= 32:
        parser.error("--processes takes 1 to 32")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        parser.error("nginx is not installed: `make system-packages` installs it (Debian's package)")
    run_dir = (args.run_dir or paths.data_dir() / "serving").resolve()
    for folder in TEMPORARY_FOLDERS:
        (run_dir / folder).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(run_dir / folder, *UNPRIVILEGED)
    process_ports = [port for port in range(args.first_process_port, args.first_process_port + 200)
                     if port_is_free(port)][:args.processes]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with ExitStack() as stack:
        config = run_dir / "nginx.conf"
        config.write_text(nginx_config(run_dir, args.address, args.port, process_ports,
                                       stack.enter_context(front_end_copy())), encoding="utf-8")
        if not args.no_worker:
            started(stack, [sys.executable, "-m", "scripts.publishing.steward_worker"], run_dir / "steward-worker.log")
        dashboards = [(port, started(stack, dashboard_command(port, args.host, args.port),
                                     run_dir / f"dashboard-{port}.log")) for port in process_ports]
        for port, process in dashboards:
            wait_for(f"http://127.0.0.1:{port}", process, run_dir / f"dashboard-{port}.log")
        proxy = started(stack, [nginx, "-p", str(run_dir), "-c", str(config)], run_dir / "nginx.log")
        wait_for(f"http://127.0.0.1:{args.port}", proxy, run_dir / "nginx-error.log")
        print(f"{READY_LINE}: http://{args.host}:{args.port}/ ({len(dashboards)} processes on "
              f"{', '.join(map(str, process_ports))}; {run_dir})", flush=True)
        try:
            while all(process.poll() is None for _, process in dashboards) and proxy.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            return 0
        print("a dashboard process or nginx stopped; stopping the others", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
