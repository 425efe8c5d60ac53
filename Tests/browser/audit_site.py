#!/usr/bin/env python3
"""Audits every page of the generated site with checkers that other people wrote, in a real browser.

    python3 Tests/browser/audit_site.py [SITE_DIR] [--report FILE]

For every page (the chapters, the index, the exercises, the errata and the API reference):
- **Layout**: at 320, 390 and 1280 CSS pixels nothing makes the page scroll sideways; printed on A4
  (the print style at 680 pixels, 180 mm between margins), no formula, code block or table is wider
  than the page, since paper cannot scroll.
- **Accessibility**: axe-core 4.14 (Deque's rules for WCAG 2.2 A and AA, and its best practices)
  finds no serious or critical violation, in the light and the dark theme, at 1280 and 390 pixels;
  minor and moderate ones are listed as notes.
- **HTML**: the Nu HTML Checker (the W3C's validator) finds no error.

The checkers come from PyPI (`tools.py`). Prints one line per page and finding and a summary, and
exits 1 if anything fails; `--report` also writes every finding as JSON.
"""
import argparse
import json
import os
import subprocess
import sys

from browser import Browser
import tools

WIDTHS = [320, 390, 1280]
PRINT_WIDTH = 680

OVERFLOW = """(() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) return false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= width + 1) return false;
    }
    return true;
  });
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  return { scrollWidth: document.documentElement.scrollWidth, width: width,
           wide: [...new Set(wide.filter(e => !wide.includes(e.parentElement)).map(describe))].slice(0, 8) };
})()"""

# In print, a box that scrolls on screen is cut at the page's edge instead.
PRINT_CUT = """(() => {
  const boxes = [...document.querySelectorAll('pre, .math-display, .table-scroll, table, .figure, math')];
  const cut = boxes.filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                             || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1);
  const describe = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                        + ' "' + (e.textContent || '').trim().slice(0, 40).replace(/\\s+/g, ' ') + '"';
  return { count: cut.length, examples: cut.slice(0, 5).map(describe) };
})()"""

AXE = """(async () => {
  await document.fonts.ready;
  const results = await axe.run(document, { resultTypes: ['violations'],
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
  return results.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
                                       example: v.nodes[0] ? v.nodes[0].target.join(' ') : '' }));
})()"""


def pages_of(site):
    names = sorted(os.listdir(site))
    chapters = [n for n in names if n[:2].isdigit() and n.endswith(".html")]
    api = [n for n in names if n.startswith("api-") and n.endswith(".html")]
    return ["index.html"] + chapters + ["exercises.html", "errata.html"] + api


def validate(site, pages):
    """The Nu HTML Checker's errors, by page."""
    command = ["java", "-jar", tools.path("vnu.jar"), "--errors-only", "--format", "json"] + [os.path.join(site, p) for p in pages]
    result = subprocess.run(command, capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = {}
    for message in messages:
        page = os.path.basename(message.get("url", ""))
        errors.setdefault(page, []).append(f"line {message.get('lastLine', '?')}: {message.get('message', '')}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--report", help="write every finding to this JSON file")
    options = parser.parse_args()
    site = os.path.realpath(options.site)
    if not os.path.exists(os.path.join(site, "index.html")):
        sys.exit(f"audit_site: no site at {site} (run `workbook build`)")
    pages = pages_of(site)
    axe_script = open(tools.path("axe.min.js")).read()
    findings = {"overflow": {}, "print": {}, "axe": {}, "axe-all": {}, "html": {}}

    html_errors = validate(site, pages)
    for page, errors in sorted(html_errors.items()):
        findings["html"][page] = errors
        for error in errors[:5]:
            print(f"  FAIL  {page}: HTML {error}")

    browser = Browser()
    try:
        for page in pages:
            url = "file://" + os.path.join(site, page)
            for width in WIDTHS:
                browser.viewport(width)
                browser.color_scheme("light")
                browser.open(url)
                layout = browser.evaluate("document.fonts.ready.then(() => " + OVERFLOW + ")")
                if layout["scrollWidth"] > layout["width"] + 1:
                    findings["overflow"].setdefault(page, {})[width] = layout
                    print(f"  FAIL  {page} at {width} px: the page is {layout['scrollWidth']} px wide; too wide: {', '.join(layout['wide'])}")
                if width in (390, 1280):
                    for scheme in ["light", "dark"]:
                        browser.color_scheme(scheme)
                        browser.evaluate(axe_script + "; true")
                        violations = browser.evaluate(AXE)
                        for v in violations:
                            counts = findings["axe-all"].setdefault(v["impact"], {})
                            counts[v["id"]] = counts.get(v["id"], 0) + v["nodes"]
                        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
                        if serious:
                            findings["axe"].setdefault(page, {})[f"{width}-{scheme}"] = serious
                            for v in serious:
                                print(f"  FAIL  {page} at {width} px, {scheme}: axe {v['impact']} {v['id']} on {v['nodes']} nodes (first: {v['example']})")
            browser.viewport(PRINT_WIDTH)
            browser.media("print")
            browser.color_scheme("light")
            browser.open(url)
            cut = browser.evaluate("document.fonts.ready.then(() => " + PRINT_CUT + ")")
            if cut["count"]:
                findings["print"][page] = cut
                print(f"  FAIL  {page} in print: {cut['count']} boxes wider than the page, e.g. {'; '.join(cut['examples'])}")
            browser.media("")
            print(f"{page}: audited")
    finally:
        browser.close()

    overflowing = sorted({p for p in findings["overflow"]})
    axe_nodes = sum(v["nodes"] for runs in findings["axe"].values() for violations in runs.values() for v in violations)
    axe_pages = len(findings["axe"])
    print_pages = len(findings["print"])
    html_count = sum(len(e) for e in findings["html"].values())
    print(f"\n{len(pages)} pages: {len(overflowing)} scroll sideways on a narrow screen; {print_pages} have boxes cut in print; "
          f"axe: {axe_nodes} serious or critical nodes on {axe_pages} pages; HTML: {html_count} errors")
    for impact in ["minor", "moderate"]:
        for rule, nodes in sorted(findings["axe-all"].get(impact, {}).items()):
            print(f"  note  axe {impact} {rule}: {nodes} nodes over all pages and runs (not a failure)")
    if options.report:
        with open(options.report, "w") as file:
            json.dump(findings, file, indent=1, sort_keys=True)
    failed = overflowing or print_pages or axe_pages or html_count
    print("all site audits passed" if not failed else "site audit failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
