"""Helpers for browser tests: accessibility checks and screenshots."""

from __future__ import annotations

from pathlib import Path

from webapp import ROOT

SCREENSHOTS = ROOT / "test-results" / "screenshots"


def run_axe(page, axe_source: str) -> list[dict]:
    """axe-core's violations on the page. Evaluated through the DevTools protocol,
    which the page's CSP does not govern, so the page's own policy stays strict."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
              .map(v => ({id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))"""
    )


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
