#!/usr/bin/env python3
"""Checks the generated site in headless Chromium, from the rendered DOM.

    python3 Tests/browser/check_site.py [SITE_DIR] [--screenshots DIR]

Opens pages from file:// through Chromium's DevTools protocol and checks that the MathML is laid
out (non-zero sizes, fractions taller than a line), figures and checked-value tables are there,
every chapter has a drawn figure, each explorable shows exactly the states its chapter computed
(explorables.py), search finds a chapter by a word from its body, hints and solutions are folded and open on click,
the dark theme applies under `prefers-color-scheme: dark`, and no request leaves the site's folder.
Screenshots of two chapters (light and dark) are saved for a person to look at.

Needs Debian's `chromium` and the `websocket-client` package (installed here if missing).
"""
import argparse
import json
import os
import re
import sys

from browser import Browser
from explorables import check_explorables


MATH_LAYOUT = """(() => {
  const visible = [...document.querySelectorAll('math')].filter(m => !m.closest('details:not([open])'));
  const sizes = visible.map(m => m.getBoundingClientRect());
  const empty = sizes.filter(r => r.width === 0 || r.height === 0).length;
  const fraction = [...document.querySelectorAll('mfrac')].find(f => !f.closest('details:not([open])'));
  let stacked = null;
  if (fraction) {
    const numerator = fraction.children[0].getBoundingClientRect(), denominator = fraction.children[1].getBoundingClientRect();
    stacked = { above: numerator.bottom <= denominator.top + 1, numerator: numerator.bottom, denominator: denominator.top };
  }
  return { count: visible.length, empty: empty,
           display: visible.length ? getComputedStyle(visible[0]).display : '', stacked: stacked };
})()"""

SEARCH = """(async (query) => {
  const input = document.getElementById('search-input');
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise(r => setTimeout(r, 50));
  const panel = document.getElementById('search-results');
  return { hidden: panel.hidden, links: [...panel.querySelectorAll('a')].map(a => a.getAttribute('href')) };
})(%s)"""

BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def luminance(css_color):
    parts = css_color[css_color.index("(") + 1:css_color.index(")")].split(",")
    red, green, blue = (float(p) / 255 for p in parts[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--screenshots", default=".build/screenshots")
    options = parser.parse_args()
    site = os.path.realpath(options.site)
    if not os.path.exists(os.path.join(site, "index.html")):
        sys.exit(f"check_site: no site at {site} (run `workbook build`)")
    os.makedirs(options.screenshots, exist_ok=True)
    chapters = sorted(name for name in os.listdir(site) if name[:2].isdigit() and name.endswith(".html"))
    site_url = "file://" + site + "/"
    failures = []

    def check(condition, message):
        print(("  ok    " if condition else "  FAIL  ") + message)
        if not condition:
            failures.append(message)

    browser = Browser()
    try:
        browser.color_scheme("light")
        api_pages = sorted(name for name in os.listdir(site) if name.startswith("api-") and name.endswith(".html"))
        # Every link from code to the API reference lands on an entry that exists.
        pages_text = {name: open(os.path.join(site, name)).read() for name in chapters + api_pages}
        for page in chapters + api_pages:
            links = set(re.findall(r'class="api-link" href="(api-[a-z]+\.html)#([^"]+)"', pages_text[page]))
            missing = [f"{t}#{a}" for t, a in sorted(links) if f'id="{a}"' not in pages_text.get(t, "")]
            if links:
                check(not missing, f"{page}: its {len(links)} links from code to the API reference land on entries {missing[:3]}")
        check(len(api_pages) >= 1, f"the API reference has pages: {api_pages}")
        for page in ["index.html"] + chapters + ["exercises.html", "errata.html"] + api_pages:
            print(page)
            browser.open(site_url + page)
            math = browser.evaluate(MATH_LAYOUT)
            if page in chapters and int(page[:2]) < 90:  # appendices (90 and up) may hold no math
                check(math["count"] > 0, f"{math['count']} math elements")
            check(math["empty"] == 0, f"every math element has a size ({math['empty']} of {math['count']} are empty)")
            if math["count"]:
                check("math" in math["display"], f"math is laid out as MathML (display: {math['display']})")
            if math["stacked"] is not None:
                check(math["stacked"]["above"], f"a fraction's numerator is laid out above its denominator: {math['stacked']}")
            landmarks = browser.evaluate("""(() => { const skip = document.querySelector('a[href]');
                return { main: document.querySelectorAll('main').length, banner: document.querySelectorAll('body header, [role=banner]').length,
                         nav: document.querySelectorAll('aside, nav, [role=navigation]').length,
                         skip: skip && skip.classList.contains('skip-link') && document.querySelector(skip.getAttribute('href')) === document.querySelector('main') }; })()""")
            check(landmarks["main"] == 1 and landmarks["banner"] >= 1 and landmarks["nav"] >= 1 and landmarks["skip"],
                  f"one main landmark, a banner and the contents, and the first link skips to the main content: {landmarks}")
            if page in chapters and 1 <= int(page[:2]) < 90:  # every chapter teaches with a figure
                drawn = browser.evaluate("[...document.querySelectorAll('main figure svg')].filter(s => { const r = s.getBoundingClientRect(); return r.width > 100 && r.height > 50; }).length")
                check(drawn >= 1, f"the chapter has a figure ({drawn} drawn)")
            broken = browser.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => !/^(https?:|mailto:|#)/.test(h) && !/^[\\w.-]+\\.html(#.*)?$/.test(h))")
            check(not broken, f"every link is relative to the page's folder {broken if broken else ''}")
        # One chapter in depth: tables, figures, folds, search, themes.
        figure_page = next((c for c in chapters if c.startswith("00")), chapters[0])
        browser.open(site_url + figure_page)
        font = browser.evaluate("""document.fonts.ready.then(() => ({ loaded: [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Workbook Math').map(f => f.status),
            family: getComputedStyle(document.querySelector('math')).fontFamily }))""")
        check(font["loaded"] == ["loaded"] and font["family"].startswith('"Workbook Math"'),
              f"formulas are set in the shipped Latin Modern Math: {font}")
        tabbed = browser.evaluate("""(() => { document.activeElement && document.activeElement.blur(); return null; })()""")
        browser.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        browser.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        first = browser.evaluate("document.activeElement.className + ' ' + getComputedStyle(document.activeElement).left")
        check(first.startswith("skip-link") and not first.endswith("-999px"), f"the first Tab shows the skip link: {first}")
        figures = browser.evaluate("[...document.querySelectorAll('.figure svg')].map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height, s.querySelectorAll('.chart-series').length]; })")
        check(len(figures) >= 1 and all(w > 100 and h > 50 and n >= 1 for w, h, n in figures), f"figures are drawn: {figures}")
        tables = browser.evaluate("({rows: document.querySelectorAll('.checks tbody tr.passed').length, computed: [...document.querySelectorAll('.checks tbody tr.passed td:nth-child(3)')].filter(td => td.textContent.trim() !== '').length})")
        check(tables["rows"] > 0 and tables["rows"] == tables["computed"], f"expected-versus-computed tables: {tables['rows']} passing rows, each with a computed value")
        folds = browser.evaluate("""(() => { const d = document.querySelector('details.solution') || document.querySelector('details');
            if (!d) return null; const before = d.open; const body = d.querySelector(':scope > :not(summary)');
            const hidden = !body.checkVisibility(); d.querySelector('summary').click();
            return { before: before, hidden: hidden, after: d.open, shown: body.checkVisibility() && body.getBoundingClientRect().height > 0 }; })()""")
        check(folds is not None and not folds["before"] and folds["hidden"] and folds["after"] and folds["shown"],
              f"a solution is folded and opens on click: {folds}")
        for chapter in chapters:
            word = browser.evaluate("""(async (page) => {
                const entries = window.workbookSearchIndex.filter(e => e.url.startsWith(page));
                const counts = {};
                window.workbookSearchIndex.forEach(e => new Set(e.text.toLowerCase().match(/[a-z]{7,}/g) || []).forEach(w => counts[w] = (counts[w] || 0) + 1));
                for (const e of entries) for (const w of (e.text.toLowerCase().match(/[a-z]{7,}/g) || [])) if (counts[w] === 1) return w;
                return null; })(%s)""" % json.dumps(chapter))
            if word is None:
                check(False, f"{chapter} has a word of its own to search for")
                continue
            found = browser.evaluate(SEARCH % json.dumps(word))
            check(not found["hidden"] and any(link.startswith(chapter) for link in found["links"]),
                  f"search for '{word}' (from the body of {chapter}) finds it: {found['links'][:3]}")
        browser.evaluate(SEARCH % json.dumps(""))
        light = browser.evaluate(BACKGROUND)
        browser.color_scheme("dark")
        dark = browser.evaluate(BACKGROUND)
        check(luminance(light) > 0.8, f"light theme by default: background {light}")
        check(luminance(dark) < 0.2, f"dark theme under prefers-color-scheme: dark: background {dark}")
        dark_text = browser.evaluate("getComputedStyle(document.querySelector('.figure svg')).color")
        check(luminance(dark_text) > 0.6, f"figures follow the dark theme: text {dark_text}")
        browser.color_scheme("light")
        print("explorables")
        found = check_explorables(browser, site, site_url, chapters, check)
        check(found >= 1, f"the book has explorables ({found})")
        # Screenshots of two chapters, light and dark, for a person to look at.
        shots = []
        for chapter in chapters[:2]:
            for scheme in ["light", "dark"]:
                browser.color_scheme(scheme)
                browser.open(site_url + chapter)
                path = os.path.join(options.screenshots, f"{chapter[:-5]}-{scheme}.png")
                browser.screenshot(path)
                shots.append(path)
        print("screenshots: " + ", ".join(shots))
        outside = [url for url in browser.requests if not url.startswith(site_url) and not url.startswith(("data:", "about:"))]
        check(not outside, f"no request leaves the site's folder ({len(browser.requests)} requests{': ' + ', '.join(outside[:5]) if outside else ''})")
    finally:
        browser.close()
    if failures:
        print(f"\n{len(failures)} browser check(s) failed")
        return 1
    print("\nall browser checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
