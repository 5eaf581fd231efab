"""Every page in a real browser: phone layout, accessibility, no-JS reading, htmx."""

from __future__ import annotations

import pytest

from tests.browser.tools import run_axe, screenshot
from tests.guide_pages import LIBRARY, page_of, page_paths
from webapp.guide import markdown
from webapp.i18n import LANGUAGES

TOPIC = LIBRARY.topics[0]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("path", ["/en/", f"/en/{TOPIC.slug}", "/en/checklists/questions"])
def test_pages_fit_a_phone_screen(page, server, path):
    page.goto(server + path)
    assert page.locator("h1").is_visible()
    assert no_horizontal_scroll(page)
    screenshot(page, "phone" + path.replace("/", "_").rstrip("_"))


@pytest.mark.parametrize("server", ["gunicorn"], indirect=True)
@pytest.mark.parametrize(
    ("path", "scheme"),
    [(path, "light") for path in page_paths()]
    # Colours are the same in every language: dark mode in one of each direction.
    + [(path, "dark") for path in page_paths() if path.startswith(("/en/", "/ar/"))],
)
def test_axe_finds_no_violations(page, server, axe_source, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(server + path)
    assert run_axe(page, axe_source) == []


@pytest.mark.parametrize("server", ["nginx"], indirect=True)
@pytest.mark.parametrize("path", [path for path in page_paths() if path.startswith(("/en/", "/ar/", "/ur/"))])
def test_axe_finds_no_violations_in_the_export(page, server, axe_source, path):
    """The export is the same site written as files: every kind of page, in one language
    of each direction and Urdu's script, is enough to catch what serving it changes."""
    page.goto(server + path)
    assert run_axe(page, axe_source) == []


def test_text_at_200_percent_still_fits(page, server):
    for path in ("/en/", f"/en/{TOPIC.slug}", "/en/checklists/questions"):
        page.goto(server + path)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%' }")
        assert no_horizontal_scroll(page), path


def test_tap_targets_are_at_least_44_px(page, server):
    page.goto(server + f"/en/{LIBRARY.topics[1].slug}")
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              '.site-name, .breadcrumbs a, .cards a, .toc a, .pager a, .footer-links a, .site-footer p a, .sources a, .button')]
            .map(a => [a.textContent.trim(), a.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)"""
    )
    assert small == []


def test_every_page_reads_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + "/en/")
    page.get_by_role("link", name=TOPIC.title).first.click()
    page.wait_for_url(server + f"/en/{TOPIC.slug}")
    assert page.locator("h1").inner_text() == TOPIC.title
    page.goto(server + "/en/checklists/questions")
    assert page.locator("li[data-item]").count() == len(page_of("checklist", "questions").items)
    context.close()


def test_links_are_boosted_by_htmx_without_a_full_reload(page, server):
    page.goto(server + "/en/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSameDocument = true }")
    page.get_by_role("link", name=TOPIC.title).first.click()
    page.wait_for_url(server + f"/en/{TOPIC.slug}")
    page.wait_for_function(f"() => document.title.startsWith({TOPIC.title!r})")
    assert page.locator("h1").inner_text() == TOPIC.title
    assert page.evaluate("() => window.stillTheSameDocument === true")
    page.go_back()
    page.wait_for_url(server + "/en/")
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize(
    ("opens", "link", "lands_on"),
    [
        (".language-picker summary", '.language-picker a[lang="ar"]', f"/ar/{TOPIC.slug}"),
        (".share-languages summary", '.share-languages a[lang="es"]', f"/es/{TOPIC.slug}"),
        (None, '.share a[href$="/handout"]', f"/en/{TOPIC.slug}/handout"),
    ],
)
def test_links_marked_unboosted_load_a_whole_new_page(page, server, opens, link, lands_on):
    """data-hx-boost="false": another language must bring its own <html lang dir>, a
    handout its own page; htmx reads the data- prefix (valid HTML) as it reads hx-."""
    page.goto(server + f"/en/{TOPIC.slug}")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSameDocument = true }")
    if opens:
        page.locator(opens).click()
    page.locator(link).click()
    page.wait_for_url(server + lands_on)
    page.wait_for_load_state()
    assert page.evaluate("() => window.stillTheSameDocument === undefined")
    assert page.evaluate("() => document.documentElement.lang") == lands_on.split("/")[1]


def test_deep_link_to_a_heading_scrolls_to_it(page, server):
    symptoms = page_of("article", "symptoms")
    last = [s.anchor for s in markdown.segments(symptoms.body) if s.level == 2][-1]
    page.goto(f"{server}/en/symptoms#{last}")
    heading = page.locator(f"#{last}")
    assert heading.is_visible()
    assert heading.bounding_box()["y"] < 740


def test_print_hides_navigation_and_keeps_sources(page, server):
    page.goto(server + f"/en/{TOPIC.slug}")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".pager").is_visible()
    assert page.locator(".page-facts").is_visible()


def test_axe_does_report_a_real_violation(page, axe_source):
    """The accessibility check can fail: an image without a text alternative is caught."""
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    assert "image-alt" in [v["id"] for v in run_axe(page, axe_source)]


@pytest.mark.parametrize("lang", [code for code, language in LANGUAGES.items() if language.dir == "rtl"])
def test_right_to_left_pages_are_laid_out_right_to_left(page, server, lang):
    page.goto(server + f"/{lang}/{TOPIC.slug}")
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == [lang, "rtl"]
    assert page.evaluate("() => getComputedStyle(document.querySelector('main')).direction") == "rtl"
    width = page.viewport_size["width"]
    name = page.locator(".site-name").bounding_box()
    picker = page.locator(".language-picker summary").bounding_box()
    assert name["x"] + name["width"] > width - 30 and picker["x"] < 30, "site name on the right, picker on the left"
    assert name["x"] > picker["x"] + picker["width"]
    home, current = page.locator(".breadcrumbs li").all()[:2]
    assert home.bounding_box()["x"] > current.bounding_box()["x"], "breadcrumbs read from right to left"
    # English embedded in Arabic (source names) keeps its own direction.
    assert page.locator(".sources li a").first.evaluate("a => getComputedStyle(a).direction") == "ltr"
    assert no_horizontal_scroll(page)
    screenshot(page, f"phone_{lang}_topic")


@pytest.mark.parametrize(
    "path", ["/en/", "/ar/", "/ar/outlook", "/en/checklists/questions", "/ar/checklists/questions", "/en/offline"]
)
def test_nothing_moves_when_the_scripts_run(page, server, path):
    """No layout shift: what the scripts reveal was given its room by the server's HTML."""
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    # Every shift counts: Chromium marks those right after Playwright's navigation as
    # `hadRecentInput`, though nobody touched the page, so that flag must not filter.
    shift = page.evaluate(
        """() => new Promise((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) total += entry.value;
            }).observe({type: "layout-shift", buffered: true});
            setTimeout(() => resolve(total), 300);
        })"""
    )
    # Not exactly 0: once in a while the header's language <details> moves (27 px tall,
    # then 44: about 0.0001), probably painted by the parser before its <summary> came.
    # What the scripts revealed was 0.015 to 0.098 before their room was kept.
    assert shift < 0.001, f"cumulative layout shift {shift:.4f}"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_emergency_signs_are_on_the_first_phone_screen(page, server, lang):
    """On a 360×740 phone the symptoms page shows what to do now before anything else."""
    symptoms = page_of("article", "symptoms")
    page.goto(f"{server}/{lang}/{symptoms.slug}")
    first_tier = page.locator(".first-section h3").first
    first_sign = page.locator(".first-section ul li").first
    height = page.viewport_size["height"]
    # The section, its first tier and that tier's first sign are all on the first screen.
    assert page.locator(f"#{symptoms.show_first}").bounding_box()["y"] < first_tier.bounding_box()["y"]
    box = first_sign.bounding_box()
    assert box["y"] + box["height"] <= height, "the first emergency sign is below the first screen"
    assert page.locator(".toc").bounding_box()["y"] > page.locator(".first-section").bounding_box()["y"]
    screenshot(page, f"phone_{lang}_{symptoms.slug}")


def test_urdu_has_room_for_nastaliq_and_korean_breaks_between_words(page, server):
    """Nastaliq's tall, sloping words need more line height; Korean wraps at spaces."""
    page.goto(server + f"/ur/{TOPIC.slug}")
    height, size = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('main .prose p'));"
        " return [parseFloat(s.lineHeight), parseFloat(s.fontSize)]; }"
    )
    assert height >= 1.9 * size
    page.goto(server + f"/ko/{TOPIC.slug}")
    assert page.evaluate("() => getComputedStyle(document.querySelector('main .prose p')).wordBreak") == "keep-all"
    page.goto(server + f"/en/{TOPIC.slug}")
    assert page.evaluate("() => getComputedStyle(document.querySelector('main .prose p')).wordBreak") == "normal"
