"""Build the Great Expectations Data Docs so that they open from disk with no request leaving the machine.

GX 1.24's page templates load Bootstrap, jQuery, Vega, Font Awesome, … from public CDNs and the navbar logo
from S3. The stewards' network has no internet, so after GX builds the site every such URL is rewritten to a
copy of the same file from the npm packages in expectations/data_docs_assets (installed by `make setup`),
copied into <site>/static/vendor/. A page still loading anything from outside fails the build loudly.

The site shows the newest RUNS_SHOWN runs. GX reads every stored validation key on each build (and its index
lists them all), so an unbounded history would make every refresh slower than the one before; the validation
results of older runs move to <quality dir>/validations_archive/ and their pages leave the site. Nothing is lost: the
archive keeps GX's files as they were, and each run's own report (<quality dir>/runs/) keeps every outcome.

Usage: python -m scripts.quality.data_docs   (rebuilds <quality dir>/data_docs from the stored validation results)
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import time
from pathlib import Path

from scripts.configuration import paths

# URL in GX 1.24's templates -> the same file in expectations/data_docs_assets/node_modules.
CDN_FILES = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/build/vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "@fortawesome/fontawesome-free/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js/dist/umd/popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/dist/js/bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table/dist/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table/dist/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    # The templates ask for the 1.19.0 stylesheet of the same extension; 1.19.1's is used with its script.
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker/dist/css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker/dist/js/bootstrap-datepicker.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "@forevolve/bootstrap-dark/dist/css/bootstrap-prefers-dark.css",
}
# Folders a vendored file refers to relatively (Font Awesome's stylesheet loads ../webfonts/*).
CDN_FOLDERS = ["@fortawesome/fontawesome-free/webfonts"]
# The navbar logo comes from S3; GX ships the same images in the site's own static/images/.
S3_IMAGES = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"
# Attributes that would make the browser refuse or re-check the local copy.
CDN_ATTRIBUTES = re.compile(r'\s+(integrity="[^"]*"|crossorigin="[^"]*")')
# Anything still loaded from outside after rewriting: scripts, stylesheets, images, fonts.
OUTSIDE_LOAD = re.compile(r'<(script|img|link)\b[^>]*\b(src|href)="(https?:)?//[^"]+"', re.IGNORECASE)


# How many runs the site shows: a year of weekly refreshes and stewards' submissions in the busiest quarter.
RUNS_SHOWN = 20


class DataDocsError(Exception):
    """The offline Data Docs could not be built (e.g. `make setup` has not installed the npm packages)."""


def vendor_assets(site: Path) -> Path:
    vendor = site / "static" / "vendor"
    missing = [name for name in [*CDN_FILES.values(), *CDN_FOLDERS] if not (paths.DATA_DOCS_ASSETS_DIR / name).exists()]
    if missing:
        raise DataDocsError(f"front-end files missing from {paths.DATA_DOCS_ASSETS_DIR} ({', '.join(missing[:3])}…): "
                            "run `make setup` (npm ci in expectations/data_docs_assets)")
    for name in CDN_FILES.values():
        (vendor / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(paths.DATA_DOCS_ASSETS_DIR / name, vendor / name)
    for name in CDN_FOLDERS:
        shutil.copytree(paths.DATA_DOCS_ASSETS_DIR / name, vendor / name, dirs_exist_ok=True)
    return vendor


def localise_page(page: Path, site: Path, vendor: Path) -> None:
    html = page.read_text(encoding="utf-8")
    to_vendor = Path(os.path.relpath(vendor, page.parent)).as_posix()
    to_images = Path(os.path.relpath(site / "static" / "images", page.parent)).as_posix()
    for url, name in CDN_FILES.items():
        html = html.replace(f'"{url}"', f'"{to_vendor}/{name}"')
    html = CDN_ATTRIBUTES.sub("", html.replace(S3_IMAGES, f"{to_images}/"))
    leftover = OUTSIDE_LOAD.search(html)
    if leftover:
        raise DataDocsError(f"{page} still loads from outside the machine: {leftover.group(0)[:160]}")
    page.write_text(html, encoding="utf-8")


def localise_site(site: Path, written_since: float | None = None) -> None:
    """Rewrite the pages GX wrote (since `written_since`, a time.time(); every page without it)."""
    vendor = vendor_assets(site)
    for page in site.rglob("*.html"):
        if written_since is None or page.stat().st_mtime >= written_since:
            localise_page(page, site, vendor)


def run_folders(validations: Path) -> dict[str, list[Path]]:
    """Stored validation results by run: GX's layout is <suite>/<run name>/<run time>/<batch>.json."""
    runs: dict[str, list[Path]] = {}
    for folder in validations.glob("*/*/*"):
        if folder.is_dir():
            runs.setdefault(folder.parent.name, []).append(folder)
    return runs


def archive_older_runs(keep: int = RUNS_SHOWN) -> list[str]:
    """Move the validation results of all but the newest `keep` runs to the archive and drop their pages from
    the site; returns the run names moved. Runs are ordered by their run-time folders (GX's UTC stamps, which
    sort as text)."""
    quality = paths.quality_dir()
    validations, archive = quality / "gx" / "validations", quality / "validations_archive"
    runs = run_folders(validations)
    newest_first = sorted(runs, key=lambda name: max(folder.name for folder in runs[name]), reverse=True)
    moved = newest_first[keep:]
    site_validations = paths.data_docs_dir() / "validations"
    for name in moved:
        for folder in runs[name]:
            destination = archive / folder.relative_to(validations)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, destination)
        for emptied in [*validations.glob(f"*/{glob.escape(name)}"), *site_validations.glob(f"*/{glob.escape(name)}")]:
            shutil.rmtree(emptied, ignore_errors=True)
    return moved


def build(run_name: str | None = None) -> Path:
    """Build the site; returns its index.html. With `run_name`, only that run's validation pages, the suites'
    pages and the index are rendered, so that a run costs the same however many runs are kept; without it,
    every page is rebuilt from the stored results (`make data-docs`)."""
    from scripts.quality.quality_gate import open_context  # here: importing GX costs ~3 s

    archive_older_runs()
    context = open_context()
    resources = None
    if run_name is not None:
        resources = [*context.expectations_store.list_keys(),
                     *[key for key in context.validation_results_store.list_keys()
                       if key.run_id.run_name == run_name]]
    started = time.time() - 1  # file times may be coarser than the clock
    context.build_data_docs(resource_identifiers=resources)
    site = paths.data_docs_dir()
    localise_site(site, written_since=None if resources is None else started)
    return site / "index.html"


if __name__ == "__main__":
    print(build())
