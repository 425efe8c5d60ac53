// The workbook's site script: search over every chapter, the contents menu on small screens,
// every fold open when printing, focus stops on the boxes that scroll, and explorables. No library, nothing fetched: the index is a script of its own.
(function () {
  "use strict";

  // --- Search -------------------------------------------------------------------------------

  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-results");
  var toc = document.querySelector(".toc");
  var entries = (window.workbookSearchIndex || []).map(function (entry) {
    return {
      chapter: entry.chapter,
      section: entry.section,
      url: entry.url,
      text: entry.text,
      haystack: fold(entry.section + " " + entry.text),
      title: fold(entry.section + " " + entry.chapter)
    };
  });

  // Lower case without accents, so that "naive" finds "naïve".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}_]+/u).filter(function (word) { return word.length > 0; });
  }

  function search(query) {
    var terms = words(query);
    if (terms.length === 0) return [];
    var results = [];
    entries.forEach(function (entry) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i];
        var pattern = new RegExp("(^|[^\\p{L}\\p{N}_])" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gu");
        var inText = (entry.haystack.match(pattern) || []).length;
        var inTitle = (entry.title.match(pattern) || []).length;
        if (inText + inTitle === 0) return;
        score += inText + 10 * inTitle;
      }
      results.push({ entry: entry, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score; });
    return results.slice(0, 20).map(function (result) { return result.entry; });
  }

  // A short excerpt of the text around the first term, with every term marked.
  function excerpt(entry, terms, into) {
    var text = entry.text;
    var folded = fold(text);
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = folded.indexOf(terms[i]);
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, start + 160);
    var piece = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var foldedPiece = fold(piece);
    var cursor = 0;
    while (cursor < piece.length) {
      var next = -1, length = 0;
      terms.forEach(function (term) {
        var found = foldedPiece.indexOf(term, cursor);
        if (found >= 0 && (next < 0 || found < next)) { next = found; length = term.length; }
      });
      if (next < 0) { into.appendChild(document.createTextNode(piece.slice(cursor))); break; }
      into.appendChild(document.createTextNode(piece.slice(cursor, next)));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + length);
      into.appendChild(mark);
      cursor = next + length;
    }
  }

  function show(query) {
    panel.textContent = "";
    if (words(query).length === 0) {
      panel.hidden = true;
      if (toc) toc.hidden = false;
      return;
    }
    var terms = words(query);
    var found = search(query);
    if (found.length === 0) {
      var none = document.createElement("p");
      none.className = "no-results";
      none.textContent = "Nothing matches “" + query + "”.";
      panel.appendChild(none);
    } else {
      var list = document.createElement("ol");
      found.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = entry.url;
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = entry.section;
        var chapter = document.createElement("span");
        chapter.className = "result-chapter";
        chapter.textContent = entry.chapter;
        var text = document.createElement("span");
        text.className = "result-excerpt";
        excerpt(entry, terms, text);
        link.appendChild(title);
        if (entry.section !== entry.chapter) link.appendChild(chapter);
        link.appendChild(text);
        item.appendChild(link);
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    panel.hidden = false;
    if (toc) toc.hidden = true;
  }

  if (input && panel) {
    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; show(""); }
      if (event.key === "Enter") {
        var first = panel.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); }
    });
  }

  // --- The contents menu on small screens ----------------------------------------------------

  var button = document.querySelector(".menu-button");
  var sidebar = document.getElementById("sidebar");
  if (button && sidebar) {
    button.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // --- Print every fold open -------------------------------------------------------------------

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  // --- Scroll boxes: a focus stop only where there is something to scroll ----------------------
  // Code, display math and tables that are wider than the page scroll inside their box. The page
  // marks every box focusable, which is right without a script; here the boxes that fit lose the
  // stop, and regain it when a narrower window, an opened fold or a loaded font makes them overflow.

  var boxes = document.querySelectorAll(".scroll-box");
  function updateBox(box) {
    if (box.scrollWidth > box.clientWidth + 1) { box.setAttribute("tabindex", "0"); }
    else { box.removeAttribute("tabindex"); }
  }
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function (records) {
      records.forEach(function (record) { updateBox(record.target); });
    });
    boxes.forEach(function (box) { observer.observe(box); });
  }
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () { boxes.forEach(updateBox); });
  }

  // --- Explorables: pick the state the controls point at ---------------------------------------
  // The chapter computed every state (its figure and readout texts) and the page carries them as
  // JSON, each figure as the indices of its lines. Here the controls are enabled and, on input, the state's index is found from the
  // controls' positions (mixed radix, the last control fastest) and its figure and texts are
  // swapped in. No number of the model is computed here.

  document.querySelectorAll("figure.explorable").forEach(function (figure) {
    var script = figure.querySelector("script.explorable-data");
    if (!script) return;
    var data = JSON.parse(script.textContent);
    var positions = data.controls.map(function (control) { return control.initial; });
    var box = figure.querySelector(".explorable-figure");
    var readouts = figure.querySelectorAll(".explorable-readouts output");
    var shownSVG = data.states[stateIndex()].svg;

    // A figure is stored as the indices of its lines, each distinct line once (ExplorablePageData).
    function figureText(index) {
      return data.svgs[index].map(function (line) { return data.lines[line]; }).join("\n");
    }

    function stateIndex() {
      var index = 0;
      data.controls.forEach(function (control, i) { index = index * control.texts.length + positions[i]; });
      return index;
    }

    function show() {
      var index = stateIndex(), state = data.states[index];
      if (box && state.svg !== shownSVG && state.svg >= 0) { box.innerHTML = figureText(state.svg); }
      shownSVG = state.svg;
      readouts.forEach(function (output, i) { output.textContent = state.texts[i]; });
      figure.setAttribute("data-state", String(index));
    }

    figure.querySelectorAll(".explorable-control").forEach(function (element) {
      var i = Number(element.getAttribute("data-control")), control = data.controls[i];
      var output = element.querySelector("output");
      function moved(position) {
        positions[i] = position;
        output.textContent = control.texts[position];
        show();
      }
      var range = element.querySelector("input[type=range]");
      var select = element.querySelector("select");
      if (range) {
        range.disabled = false;
        range.addEventListener("input", function () {
          var position = Number(range.value);
          range.setAttribute("aria-valuetext", control.texts[position]);
          moved(position);
        });
      }
      if (select) {
        select.disabled = false;
        select.addEventListener("input", function () { moved(Number(select.value)); });
      }
      var buttons = element.querySelectorAll("button[data-step]");
      function ends() {
        buttons.forEach(function (button) {
          var last = Number(button.getAttribute("data-step")) < 0 ? 0 : control.texts.length - 1;
          button.setAttribute("aria-disabled", positions[i] === last ? "true" : "false");
        });
      }
      buttons.forEach(function (button) {
        button.disabled = false;
        button.addEventListener("click", function () {
          var position = positions[i] + Number(button.getAttribute("data-step"));
          if (position < 0 || position >= control.texts.length) return;
          moved(position);
          ends();
        });
      });
      if (buttons.length) ends();
    });
    // The state shown from the start, so that a reader's first look is as well defined as any later one.
    figure.setAttribute("data-state", String(stateIndex()));
    figure.classList.add("explorable-live");
  });

  window.workbookSearch = search;
})();
