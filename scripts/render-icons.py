"""Render the app icons (our own SVG art, below) to PNG with Debian's Chromium.

Run once after changing the art: .venv/bin/python scripts/render-icons.py
"""

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

ribbon = "M32 10c-7 0-11 6-11 12 0 5 3 11 6 16l-9 14 6 3 8-12 8 12 6-3-9-14c3-5 6-11 6-16 0-6-4-12-11-12zm0 7c3 0 5 2 5 5s-2 7-5 11c-3-4-5-8-5-11s2-5 5-5z"
regular = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="SIZE" height="SIZE"><rect width="64" height="64" rx="14" fill="#6b2c7a"/><path d="{ribbon}" fill="#fff"/></svg>'
# Maskable: full bleed, the ribbon inside the central 80% safe zone.
maskable = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="SIZE" height="SIZE"><rect width="64" height="64" fill="#6b2c7a"/><g transform="translate(12.8 12.8) scale(0.6)"><path d="{ribbon}" fill="#fff"/></g></svg>'
# Link previews (Open Graph): 1200×630, the ribbon and the brand name only, so it suits every language.
card = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630" width="1200" height="630"><rect width="1200" height="630" fill="#6b2c7a"/><g transform="translate(90 155) scale(5)"><path d="{ribbon}" fill="#fff"/></g><text x="430" y="345" font-family="DejaVu Sans, sans-serif" font-size="80" font-weight="700" fill="#fff">MBC Companion</text></svg>'

with sync_playwright() as p:
    b = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
    for name, svg, size in [
        ("icon-192", regular, 192),
        ("icon-512", regular, 512),
        ("icon-maskable-512", maskable, 512),
        ("share-card", card, 1200),
    ]:
        pg = b.new_page(viewport={"width": size, "height": size})
        pg.set_content(
            f"<html><body style='margin:0;background:transparent'>{svg.replace('SIZE', str(size))}</body></html>"
        )
        pg.locator("svg").screenshot(path=str(ICONS / f"{name}.png"), omit_background=True)
    b.close()
