"""Hardened by default: response headers, security.txt, and no server errors on odd input.

What a page may load is spelled out in the CSP: our own scripts, styles, images,
fonts (none), manifest and service worker, nothing inline, nothing from another
host, no framing. The headers follow Mozilla's HTTP Observatory.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from flask import Blueprint, Response, current_app

from .site import current_site, published

bp = Blueprint("security", __name__)

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

#: Features the app never uses are switched off for it and anything it could embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
        "interest-cohort",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def _add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


@bp.route("/.well-known/security.txt")
@published()
def security_txt():
    """RFC 9116: how to report a vulnerability (see SECURITY.md)."""
    base = current_site().base_url
    host = base.split("://", 1)[-1].split("/")[0].split(":")[0]
    contact = current_app.config.get("SECURITY_CONTACT") or f"mailto:security@{host}"
    # Expires must lie within a year; a deployment renews it by running.
    expires = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=180)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    body = "\n".join(
        (
            f"Contact: {contact}",
            f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
            "Preferred-Languages: en, es, fr",
            f"Canonical: {base}/.well-known/security.txt",
            f"Policy: {base}/security-policy.txt",
            "",
        )
    )
    return Response(body, mimetype="text/plain")


@bp.route("/security-policy.txt")
@published()
def security_policy():
    """SECURITY.md as plain text: the policy security.txt points to (read once: page cache)."""
    text = (Path(current_app.root_path).parent / "SECURITY.md").read_text(encoding="utf-8")
    return Response(text, mimetype="text/plain")


def init_app(app):
    app.after_request(_add_headers)
    app.register_blueprint(bp)
