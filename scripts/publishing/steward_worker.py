"""The steward worker: a long-lived process that takes the stewards' submissions (the upload page, the command
line) with Great Expectations imported and dbt's project parsed already, so that a verdict comes back in
seconds rather than after a cold start of both (~10 s of CPU a submission).

`python -m scripts.publishing.steward_worker` (started by `make serve` beside the dashboard) serves the data
folder its environment names (scripts/configuration/paths.py), one submission at a time, on a Unix socket
whose name is derived from that folder's paths: a client with other paths finds no worker and submits in its
own process, as before (`submit_package` does either). Nothing but a client holding the key may talk to it:
the connection is authenticated by multiprocessing's HMAC handshake with a random key in a file only the
data folder's owner can read, before anything is unpickled.

While a submission runs, the worker sends each step's name as it starts (ingest.READING, then the run's
stages); the client passes them to its `progress`. If the client goes away (a closed browser tab), the
submission goes on to its end and is audited as usual.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

from scripts.configuration import paths
from scripts.publishing import dbt_build
from scripts.ingestion.submission_store import safe_name
from scripts.publishing.ingest import REJECTED, IncomingFile, IngestResult, failure_problem, ingest_package

log = logging.getLogger(__name__)
STAGE, RESULT = "stage", "result"
KEY_BYTES = 32
READY_LINE = "steward worker ready"


def served_paths() -> tuple[str, ...]:
    """What a worker serves, as resolved from the environment: a client must agree on every one."""
    return tuple(str(path.resolve()) for path in (paths.raw_dir(), paths.published_db_path(),
                                                  paths.submissions_dir(), paths.quality_dir()))


def socket_path() -> Path:
    """In the temporary folder, not the data folder: a Unix socket's path is limited to 107 bytes."""
    digest = hashlib.sha256("\n".join(served_paths()).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"gf-steward-{digest}.sock"


def key_path() -> Path:
    return paths.submissions_dir() / ".steward-worker.key"


def write_key() -> bytes:
    """A new key for this worker's life, readable by the owner only (created with that mode, then moved in)."""
    key = secrets.token_bytes(KEY_BYTES)
    folder = key_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".steward-worker.key.")
    with os.fdopen(descriptor, "wb") as handle:  # mkstemp creates the file with mode 0600
        handle.write(key)
    os.replace(temporary, key_path())
    return key


def rehearse() -> None:
    """One run of the gate and dbt on a copy of the published file, thrown away: Great Expectations and dbt do
    much of their setting up on first use (dbt compiles its macros), and a first run costs ~50 % more than the
    next. Nothing is published, reported or kept for the Data Docs."""
    from scripts.quality import quality_gate

    published = paths.published_db_path()
    if not published.exists():
        return
    with tempfile.TemporaryDirectory(prefix="gf-worker-rehearsal-") as work:
        candidate = Path(work) / dbt_build.CANDIDATE_NAME
        shutil.copyfile(published, candidate)
        try:
            quality_gate.validate(candidate, "raw", keep=False)
            dbt_build.run_dbt_build(candidate, Path(work), echo=False)
            quality_gate.validate(candidate, "marts", keep=False)
        except Exception:  # noqa: BLE001 - the published data no longer builds: the first submission will say so
            log.exception("the rehearsal on a copy of %s failed", published)


def serve(rehearsal: bool = True) -> None:
    dbt_build.keep_dbt_warm()
    if rehearsal:
        rehearse()
    # What the warm-up loaded (GX, dbt's manifest: millions of objects) lives as long as the worker: out of the
    # garbage collector's sight, it is not walked again at every collection of a submission's objects.
    gc.freeze()
    key = write_key()
    address = socket_path()
    address.unlink(missing_ok=True)
    with Listener(str(address), family="AF_UNIX", authkey=key) as listener:
        os.chmod(address, 0o600)
        print(f"{READY_LINE}: {address} ({paths.data_dir()})", flush=True)
        while True:
            try:
                connection = listener.accept()
            except (OSError, EOFError, AuthenticationError) as failure:  # no key, or gone during the handshake
                log.warning("a connection was refused: %s", failure)
                continue
            with connection:
                answer(connection)


def answer(connection: Connection) -> None:
    """One submission: its steps as they start, then its result."""
    try:
        request = connection.recv()
    except (OSError, EOFError):
        return
    listening = [True]

    def progress(stage: str) -> None:
        if listening[0]:
            try:
                connection.send((STAGE, stage))
            except OSError:  # the client went away; the submission goes on and is audited
                listening[0] = False

    result = ingest_package(request["files"], request["submitted_by"], channel=request["channel"],
                            dry_run=request["dry_run"], department=request["department"], progress=progress)
    if listening[0]:
        try:
            connection.send((RESULT, result))
        except OSError:
            pass


def connect() -> Connection | None:
    """A connection to this data folder's worker, or None if none is running."""
    address = socket_path()
    if not address.exists():
        return None
    try:
        return Client(str(address), family="AF_UNIX", authkey=key_path().read_bytes())
    except (OSError, EOFError, AuthenticationError):  # a socket left by a stopped worker, a key of another's life
        return None


def submit_package(files: list[IncomingFile], submitted_by: str, channel: str, dry_run: bool = False,
                   department: str | None = None, progress: Callable[[str], None] | None = None) -> IngestResult:
    """A submission through the worker if one runs for this data folder, else in this process."""
    connection = connect()
    if connection is None:
        return ingest_package(files, submitted_by, channel=channel, dry_run=dry_run, department=department,
                              progress=progress)
    with connection:
        connection.send({"files": files, "submitted_by": submitted_by, "channel": channel, "dry_run": dry_run,
                         "department": department})
        while True:
            try:
                kind, value = connection.recv()
            except (OSError, EOFError) as failure:  # the worker stopped mid-way: its audit log has the attempt
                result = IngestResult(outcome=REJECTED, filenames=[safe_name(incoming.filename) for incoming in files],
                                      submitted_by=submitted_by, dry_run=dry_run)
                result.problems.append(failure_problem(", ".join(result.filenames), failure, False))
                return result
            if kind == RESULT:
                return value
            if progress:
                progress(value)


@contextmanager
def running(environment: dict[str, str], start_timeout_s: float = 300, rehearsal: bool = True):
    """A worker process on the data folder `environment` names (`python -m scripts.publishing.steward_worker`, as
    `make serve` starts it), from its ready line to the end of the block: for the tests and the benchmark."""
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    options = [] if rehearsal else ["--no-rehearsal"]
    worker = subprocess.Popen([sys.executable, "-m", "scripts.publishing.steward_worker", *options], cwd=paths.REPO_ROOT,
                              env=dict(os.environ, **environment), stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            log.seek(0)
            said = log.read()
            if READY_LINE in said:
                break
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the steward worker did not start:\n{said[-3000:]}")
            time.sleep(0.2)
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-rehearsal", action="store_true", help="answer at once, without the rehearsal run "
                        "(the first submission then pays for the warm-up)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `make serve` stops it with the dashboard
    try:
        serve(rehearsal=not args.no_rehearsal)
    finally:
        socket_path().unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
