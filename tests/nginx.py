"""The export served by Debian's nginx with deploy/nginx.conf, for tests and scripts/bench.py.

``start_nginx`` serves the very file a deployer copies, with its lines marked
``# test-harness:`` rewritten: the export's folder as root, the HTTPS server on a
plain local port (no certificate here), the port-80 redirect on another.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import servers
from tests.servers import free_port, wait_until_answers
from webapp import ROOT

CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

#: Accept-Language headers and the language ``/`` sends each to (the app's tests
#: and the nginx parity tests both read it).
NEGOTIATION_CASES = [
    ("es-MX,es;q=0.9,en;q=0.8", "es"),
    ("zh-CN,zh;q=0.9", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("zh-TW,zh;q=0.9", "zh-Hant"),  # Traditional Chinese is never served Simplified
    ("zh-Hant-HK", "zh-Hant"),
    ("zh-Hant-TW,en;q=0.5", "zh-Hant"),
    ("zh-Hant", "zh-Hant"),
    ("zh-MO", "zh-Hant"),
    ("zh-HK,zh;q=0.8,en;q=0.5", "zh-Hant"),  # a bare "zh" after Traditional means Traditional
    ("zh-SG,zh;q=0.8", "zh-Hans"),
    ("zh-Hans-CN", "zh-Hans"),
    ("pt-BR,pt;q=0.9,en;q=0.8", "pt"),
    ("pt-PT", "pt"),  # Portugal's readers are served the Brazilian text (there is one Portuguese)
    ("ko-KR,ko;q=0.9", "ko"),
    ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
    ("ht-HT", "ht"),
    ("ht", "ht"),
    ("ur-PK,ur;q=0.9,en;q=0.8", "ur"),
    ("ur-IN", "ur"),
    ("ar-EG,ar;q=0.9", "ar"),
    ("fil-PH", "tl"),  # Filipino, what phones in the Philippines send, is served Tagalog
    ("fil", "tl"),
    ("tl", "tl"),
    ("fr-CA;q=0.5,vi;q=0.8", "vi"),
    ("es;q=0,fr;q=0.1", "fr"),
    ("*", "en"),
    ("", "en"),
    ("xx-YY, ;;;q=abc", "en"),
    ("en;q=0.9;q=0.8,es", "es"),
    ("en-US,en;q=0.9", "en"),
    ("de;q=abc", "en"),
    (";;;,,q=", "en"),
    ("en;q=0.9;q=0.8", "en"),
]

#: Accept-Language and Cookie headers, and the language ``/`` sends each to: a saved
#: choice (the ``lang`` cookie) wins over the browser's when it names a language, exactly.
COOKIE_CASES = [
    ("es-MX", "lang=ar", "ar"),
    ("es-MX", "lang=zh-Hans", "zh-Hans"),
    ("es-MX", "theme=x; lang=vi", "vi"),
    ("es-MX", "lang=xx", "es"),
    ("es-MX", "lang=ES", "es"),
]


def missing() -> str | None:
    """Why nginx cannot be started here, or None."""
    if not Path(NGINX).exists():
        return "Debian's nginx is not installed (make system-packages installs nginx-light)"
    if not BROTLI_MODULE.exists():
        return f"{BROTLI_MODULE} is missing (make system-packages installs libnginx-mod-http-brotli-static)"
    return None


def make_export(dest: Path, base_url: str, env: dict | None = None) -> Path:
    """``flask site export dest`` for a site whose address is ``base_url`` (``env``:
    more settings, e.g. MBC_CONTENT_DIR)."""
    subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "webapp", "site", "export", str(dest)],
        cwd=ROOT,
        env={**os.environ, **(env or {}), "MBC_PUBLIC_BASE_URL": base_url},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return Path(dest)


def site_conf(export_dir: Path, port: int, redirect_port: int) -> str:
    """deploy/nginx.conf with its marked lines made local; fails if a marker is gone."""
    replacements = {
        "# test-harness: listen": f"listen 127.0.0.1:{port};",
        "# test-harness: redirect-listen": f"listen 127.0.0.1:{redirect_port};",
        "# test-harness: root": f"root {export_dir.resolve()};",
        "# test-harness: drop": "",
    }
    text = CONF.read_text()
    for marker in replacements:
        if marker not in text:
            raise RuntimeError(f"{CONF} has no line marked {marker!r}")
    lines = []
    for line in text.splitlines():
        marker = next((m for m in replacements if line.rstrip().endswith(m)), None)
        lines.append(replacements[marker] if marker else line)
    return "\n".join(lines) + "\n"


def start_nginx(export_dir: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Serve ``export_dir`` on 127.0.0.1:``port``; the process's ``redirect_base`` is the
    port-80 server's stand-in. Stop it with :func:`stop`."""
    port = port or free_port()
    redirect_port = free_port()
    work = Path(tempfile.mkdtemp(prefix="mbc-nginx-"))
    (work / "site.conf").write_text(site_conf(Path(export_dir), port, redirect_port))
    temp_paths = "\n".join(
        f"    {name}_temp_path {work / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (work / "nginx.conf").write_text(
        f"""load_module {BROTLI_MODULE};
daemon off;
master_process on;
worker_processes 1;
{"user root;" if os.geteuid() == 0 else ""}
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
{temp_paths}
    include {work / "site.conf"};
}}
"""
    )
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process.work = work
    process.redirect_base = f"http://127.0.0.1:{redirect_port}"
    base = f"http://127.0.0.1:{port}"
    wait_until_answers(process, base, "nginx", seconds=10)
    return process, base


def stop(process: subprocess.Popen) -> None:
    servers.stop(process)  # SIGTERM: nginx's fast shutdown
    shutil.rmtree(process.work, ignore_errors=True)
