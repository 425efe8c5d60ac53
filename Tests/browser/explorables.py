"""Browser checks of the explorables, shared by check_site.py.

An explorable's page carries every state the chapter computed as JSON (its figure and the texts and
exact values of its readouts). These checks prove that what the reader sees is that data:

- each readout's text is its exact value rounded as written (checked here, in Python, from the JSON);
- without JavaScript the page shows the default state, with the controls disabled;
- with JavaScript every control is enabled and reachable by Tab, the arrow keys move a slider, and
  moving the controls through every state (by input events, as a reader's hand would) shows that
  state's figure and readout texts, and nothing else;
- no page holds more explorable data than a reader should download.
"""
import json
import re
from decimal import Decimal, ROUND_HALF_EVEN


DATA = re.compile(r'<script type="application/json" class="explorable-data">(.*?)</script>', re.S)

# Walks every state: sets each control to its position by the events a reader's input sends, then
# reads what the page shows. Returns one entry per state, in state order.
WALK = """(() => {
  const figure = document.querySelectorAll('figure.explorable')[%d];
  const data = JSON.parse(figure.querySelector('script.explorable-data').textContent);
  const controls = [...figure.querySelectorAll('.explorable-control')];
  const sizes = data.controls.map(c => c.texts.length);
  const positions = data.controls.map(c => c.initial);
  function set(i, position) {
    const element = controls[i];
    const range = element.querySelector('input[type=range]'), select = element.querySelector('select');
    if (range) { range.value = String(position); range.dispatchEvent(new Event('input', { bubbles: true })); }
    else if (select) { select.value = String(position); select.dispatchEvent(new Event('input', { bubbles: true })); }
    else {
      const step = position > positions[i] ? 1 : -1;
      const button = element.querySelector('button[data-step="' + step + '"]');
      while (positions[i] !== position) { button.click(); positions[i] += step; }
    }
    positions[i] = position;
  }
  const count = sizes.reduce((a, b) => a * b, 1), seen = [];
  for (let index = 0; index < count; index++) {
    let rest = index;
    const target = sizes.map(() => 0);
    for (let i = sizes.length - 1; i >= 0; i--) { target[i] = rest %% sizes[i]; rest = Math.floor(rest / sizes[i]); }
    target.forEach((p, i) => { if (positions[i] !== p) set(i, p); });
    seen.push({ state: figure.getAttribute('data-state'),
                svg: figure.querySelector('.explorable-figure').innerHTML.trim(),
                readouts: [...figure.querySelectorAll('.explorable-readouts output')].map(o => o.textContent),
                controls: controls.map(c => c.querySelector('output').textContent) });
  }
  // The figures as the page's parser serialises them, to compare with what the page shows.
  const parse = document.createElement('div');
  const svgs = data.svgs.map(lines => { parse.innerHTML = lines.map(k => data.lines[k]).join('\\n'); return parse.innerHTML.trim(); });
  return { seen: seen, svgs: svgs };
})()"""

SHOWN = """(() => [...document.querySelectorAll('figure.explorable')].map(figure => ({
  live: figure.classList.contains('explorable-live'),
  state: figure.getAttribute('data-state'),
  svg: figure.querySelector('.explorable-figure').innerHTML.trim(),
  readouts: [...figure.querySelectorAll('.explorable-readouts output')].map(o => o.textContent),
  controls: [...figure.querySelectorAll('.explorable-control output')].map(o => o.textContent),
  disabled: [...figure.querySelectorAll('input, select, button')].map(e => e.disabled),
  ids: [...figure.querySelectorAll('input, select, button')].map(e => e.id || e.getAttribute('data-step')),
  defaultSVG: (() => { const data = JSON.parse(figure.querySelector('script.explorable-data').textContent);
    const index = data.controls.reduce((i, c) => i * c.texts.length + c.initial, 0);
    const parse = document.createElement('div'); parse.innerHTML = data.svgs[data.states[index].svg].map(k => data.lines[k]).join('\\n'); return parse.innerHTML.trim(); })() })))()"""

# The biggest page's explorable data, in bytes, that a reader should have to load.
BUDGET = 600_000


def number(text):
    """The number a readout's text shows, with a true minus sign read as '-'."""
    return Decimal(text.replace("\u2212", "-"))


def rounded_as_written(text, exact):
    """Whether `text` is `exact` rounded to the decimals `text` shows."""
    try:
        shown = number(text)
    except Exception:
        return False
    step = Decimal(1).scaleb(shown.as_tuple().exponent)
    return Decimal(exact).quantize(step, rounding=ROUND_HALF_EVEN) == shown or \
        abs(Decimal(exact) - shown) <= step / 2


def index_of(data, positions):
    index = 0
    for control, position in zip(data["controls"], positions):
        index = index * len(control["texts"]) + position
    return index


def focus_order(browser, limit=4000):
    """The ids (or step directions) of the form controls Tab reaches, in order, from the page's top."""
    browser.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); null")
    reached = []
    for _ in range(limit):
        browser.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        browser.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        active = browser.evaluate("""(() => { const e = document.activeElement;
            if (!e || e === document.body) return null;
            return { id: e.id || e.getAttribute('data-step') || '', inFigure: !!e.closest('figure.explorable'),
                     tag: e.tagName, key: e.tagName + '#' + (e.id || '') + (e.getAttribute('href') || '') + (e.getAttribute('data-step') || '') }; })()""")
        if active is None or (reached and active["key"] == reached[0]["key"]):
            break
        reached.append(active)
    return [a["id"] for a in reached if a["inFigure"]]


def check_explorables(browser, site, site_url, chapters, check):
    """Runs the checks above on every chapter page that has an explorable; returns how many it found."""
    import os
    found = 0
    for chapter in chapters:
        html = open(os.path.join(site, chapter), encoding="utf-8").read()
        blocks = DATA.findall(html)
        if not blocks:
            continue
        datas = [json.loads(block) for block in blocks]
        found += len(datas)
        size = sum(len(block.encode()) for block in blocks)
        check(size <= BUDGET, f"{chapter}: its explorables' data is {size // 1000} kB (at most {BUDGET // 1000} kB)")
        for k, data in enumerate(datas):
            name = f"{chapter} explorable {k + 1} ({data['title']})"
            count = 1
            for control in data["controls"]:
                count *= len(control["texts"])
            check(len(data["states"]) == count, f"{name}: {len(data['states'])} states, one per combination of its controls ({count})")
            wrong = [(i, t, v) for i, state in enumerate(data["states"]) for t, v in zip(state["texts"], state["values"])
                     if v is not None and v != "" and not rounded_as_written(t, v)]
            check(not wrong, f"{name}: every readout text is its computed value rounded as written {wrong[:3]}")

        # Without JavaScript: the default state, controls disabled.
        # DevTools' Runtime.evaluate still runs while the page's own scripts are disabled.
        browser.call("Emulation.setScriptExecutionDisabled", value=True)
        browser.open(site_url + chapter)
        static = browser.evaluate(SHOWN)
        browser.call("Emulation.setScriptExecutionDisabled", value=False)
        for k, (data, shown) in enumerate(zip(datas, static)):
            name = f"{chapter} explorable {k + 1}"
            default = data["states"][index_of(data, [c["initial"] for c in data["controls"]])]
            check(not shown["live"] and all(shown["disabled"]), f"{name}: without JavaScript its controls are disabled")
            check(shown["svg"] == shown["defaultSVG"] and shown["readouts"] == default["texts"]
                  and shown["controls"] == [c["texts"][c["initial"]] for c in data["controls"]],
                  f"{name}: without JavaScript it shows its default state: {shown['readouts']} = {default['texts']}")

        # With JavaScript: live, reachable, and every state shows what the chapter computed.
        browser.open(site_url + chapter)
        live = browser.evaluate(SHOWN)
        for k, (data, shown) in enumerate(zip(datas, live)):
            name = f"{chapter} explorable {k + 1}"
            check(shown["live"] and not any(shown["disabled"]), f"{name}: with JavaScript its controls are enabled")
            initial = index_of(data, [c["initial"] for c in data["controls"]])
            check(shown["state"] == str(initial), f"{name}: before any move it says it shows its initial state ({shown['state']} = {initial})")
            walked = browser.evaluate(WALK % k)
            seen, svgs = walked["seen"], walked["svgs"]
            mismatches = []
            for index, state in enumerate(seen):
                expected = data["states"][index]
                rest, positions = index, []
                for control in reversed(data["controls"]):
                    positions.insert(0, rest % len(control["texts"]))
                    rest //= len(control["texts"])
                controls = [c["texts"][p] for c, p in zip(data["controls"], positions)]
                if state["state"] != str(index) or state["readouts"] != expected["texts"] or state["controls"] != controls \
                        or state["svg"] != svgs[expected["svg"]]:
                    mismatches.append((index, state["readouts"], expected["texts"]))
            check(len(seen) == len(data["states"]) and not mismatches,
                  f"{name}: moving its controls through all {len(seen)} states shows each state's figure and readouts {mismatches[:2]}")
        order = focus_order(browser)
        for k, shown in enumerate(live):
            name = f"{chapter} explorable {k + 1}"
            wanted = [i for i in shown["ids"]]
            reachable = [i for i in wanted if i in order]
            check(len(reachable) == len(wanted), f"{name}: Tab reaches each of its controls {wanted} (reached {reachable})")
        # A slider moves by the arrow keys, and the page follows.
        slider = browser.evaluate("""(() => { const r = document.querySelector('figure.explorable input[type=range]');
            if (!r) return null; r.focus(); return { id: r.id, value: r.value, max: r.max }; })()""")
        if slider:
            key = "ArrowLeft" if slider["value"] == slider["max"] else "ArrowRight"
            code = 37 if key == "ArrowLeft" else 39
            browser.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=key, windowsVirtualKeyCode=code)
            browser.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=key, windowsVirtualKeyCode=code)
            moved = browser.evaluate("""(() => { const r = document.getElementById(%s); const f = r.closest('figure.explorable');
                return { value: r.value, output: r.parentElement.querySelector('output').textContent, state: f.getAttribute('data-state') }; })()""" % json.dumps(slider["id"]))
            check(moved["value"] != slider["value"] and moved["state"] is not None,
                  f"{chapter}: the arrow keys move a slider ({slider['value']} → {moved['value']}) and the figure follows (state {moved['state']})")
    return found
