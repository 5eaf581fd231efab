"""``make export``: the site written to a folder that any static host serves as is.

- A page at ``/en/treatment`` becomes ``en/treatment.html`` and ``/en/`` becomes
  ``en/index.html`` (what Netlify, Cloudflare Pages and nginx's ``try_files``
  find for the same URLs); every other file keeps its path.
- Beside each file worth compressing lie ``.br`` and ``.gz`` copies, brotli at its
  best (nginx's ``brotli_static`` and ``gzip_static`` send them).
- ``index.html`` at the top is the language list that ``/`` shows where no server
  picks a language (a script of ours sends the reader on, see ``js/languages.js``).
- ``_headers`` gives every file the headers the app sends (the format Netlify and
  Cloudflare Pages read); ``deploy/nginx.conf`` gives nginx the same.
- ``_redirects`` sends each language's missing pages to its own ``404.html``.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import brotli
import click
from flask import Blueprint, current_app

from ..i18n import LANGUAGES
from . import PAGE_CACHE_CONTROL, Resource, Site

bp = Blueprint("site_cli", __name__, cli_group="site")


def file_for(path: str) -> str:
    """Where the file for a URL path lies in the export (relative)."""
    name = path.lstrip("/")
    if path.endswith("/"):
        return name + "index.html"
    return name


def export(site: Site, dest: Path, root_path: str = "/languages") -> dict[str, int]:
    """Write every resource of ``site`` under ``dest``; bytes written per language."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    written: dict[str, int] = defaultdict(int)
    cache_control: dict[str, str] = {"/": PAGE_CACHE_CONTROL, "/index.html": PAGE_CACHE_CONTROL}
    for path, resource in site.resources():
        name = file_for(path)
        if resource.mimetype == "text/html" and not name.endswith(".html"):
            name += ".html"
        lang = path.split("/")[1] if path.split("/")[1] in LANGUAGES else "-"
        written[lang] += _write(dest / name, resource)
        cache_control[path] = resource.header("Cache-Control")
    written["-"] += _write(dest / "index.html", site.get(root_path))
    (dest / "_headers").write_text(_headers_file(site, cache_control))
    (dest / "_redirects").write_text(
        "".join(f"/{code}/*  /{code}/404.html  404\n" for code in LANGUAGES) + "/*  /404.html  404\n"
    )
    return dict(written)


def _write(target: Path, resource: Resource) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(resource.body)
    size = len(resource.body)
    if resource.variants:
        best = brotli.compress(resource.body, quality=11)
        target.with_name(target.name + ".br").write_bytes(best)
        target.with_name(target.name + ".gz").write_bytes(resource.encoded("gzip"))
    return size


def _headers_file(site: Site, cache_control: dict[str, str]) -> str:
    """Netlify/Cloudflare ``_headers``: what every file gets, then each folder's caching.

    Cloudflare joins the values of a header from every rule that matches a path, and
    Netlify takes the last: so no two rules here set the same header for one path.
    A folder whose files share a Cache-Control gets one rule (Cloudflare reads 100).
    """
    common = [
        (name, value)
        for name, value in site.get(next(iter(site.routes))).headers
        if name.lower() not in ("cache-control", "vary")
    ]
    lines = ["/*", *(f"  {name}: {value}" for name, value in common)]
    by_folder: dict[str, dict[str, str]] = defaultdict(dict)
    for path, value in cache_control.items():
        folder = path.split("/")[1]
        by_folder[f"/{folder}/*" if path.count("/") > 1 else path][path] = value
    for pattern, values in by_folder.items():
        rules = {pattern: next(iter(values.values()))} if len(set(values.values())) == 1 else values
        for path, value in rules.items():
            lines += ["", path, f"  Cache-Control: {value}"]
    return "\n".join(lines) + "\n"


@bp.cli.command("export")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path), default="export")
def export_command(dest: Path):
    """Write the whole site to DEST (default export/), ready for a static host or nginx."""
    app = current_app
    sites = app.extensions["sites"]
    if sites.public is None:
        raise click.UsageError("Set MBC_PUBLIC_BASE_URL to the address the site will have (https://…).")
    written = export(sites.public.complete(), dest)
    total = sum(written.values())
    click.echo(f"Wrote {dest}/ for {sites.public.base_url}: {total / 1000:.0f} kB before compression")
    for lang, size in sorted(written.items()):
        click.echo(f"  {lang:8} {size / 1000:8.0f} kB")
