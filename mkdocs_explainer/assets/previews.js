/* Previews of citations and abbreviations: the full reference, or the glossary definition, in a
   tooltip that looks like Material's own (its md-tooltip2 markup and CSS classes). The explainer
   plugin adds this script to every page.

   Why not Material's `content.tooltips`: it mounts one component per element with a title when the
   page loads (about 140 on a study page), which cost phones a long main-thread task. Here one set
   of listeners on the document builds a single tooltip only when a reader asks for one:

   - pointer: hovering a citation or an element with a title in the page content shows it; leaving
     hides it after a short delay, so the pointer can move onto the tooltip;
   - keyboard: focusing the element shows it, Escape hides it. The first use of each abbreviation
     on a page is made focusable, so definitions are reachable without a mouse;
   - touch: the first tap on a citation shows its reference, a second tap follows the link; a
     tap on an abbreviation toggles its definition; a tap elsewhere hides the tooltip.

   A citation's text is read from the entry it links to in the page's reference list (a range such
   as [2-4] shows every entry up to the last link's), so each reference is in the page once. An
   abbreviation's is its title, which moves into the tooltip while it shows (no native tooltip on
   top). aria-describedby points at the tooltip, as Material does. */
(function () {
  "use strict";

  var HIDE_DELAY = 250; // ms, Material's delay before a tooltip goes
  var host = null; // the element whose tooltip is showing
  var tip = null;
  var title = null; // the host's own title while its tooltip shows (a citation has none)
  var hideTimer = 0;
  var sequence = 0;

  function hostOf(node) {
    if (!(node instanceof Element)) return null;
    if (host && host.contains(node)) return host;
    var el = node.closest("a.citation-link, [title]");
    if (!el || el.hasAttribute("data-preview") || !el.closest(".md-content")) return null;
    // Whether it has a preview, without building it: that waits for show().
    var has = el.matches("a.citation-link") ? entryOf(el) : (el.getAttribute("title") || "").trim();
    return has ? el : null;
  }

  function previewOf(el) {
    if (el.matches("a.citation-link")) return referenceOf(el);
    return (el.getAttribute("title") || "").trim();
  }

  // "[n] reference" of the list entry a citation links to; for the first link of a range ("2",
  // an en dash, "4"), the entries from its own up to the last link's, one per line.
  function referenceOf(link) {
    var entry = entryOf(link);
    if (!entry) return "";
    var lines = [entryText(entry)];
    var dash = link.nextSibling;
    var last = dash && dash.nodeType === Node.TEXT_NODE && dash.data === "\u2013" ? dash.nextSibling : null;
    if (last instanceof Element && last.matches("a.citation-link")) {
      var end = entryOf(last);
      for (var item = entry.nextElementSibling; item && item !== end; item = item.nextElementSibling) {
        lines.push(entryText(item));
      }
    }
    return lines.join("\n");
  }

  function entryOf(link) {
    var href = link.getAttribute("href") || "";
    var id = href.charAt(0) === "#" ? decodeURIComponent(href.slice(1)) : "";
    var entry = id && document.getElementById(id);
    return entry && entry.tagName === "LI" ? entry : null;
  }

  function entryText(entry) {
    var copy = entry.cloneNode(true); // the entry without its back-links
    copy.querySelectorAll(".citation-backlinks, .citation-backlink").forEach(function (back) {
      back.remove();
    });
    return "[" + entry.value + "] " + copy.textContent.replace(/\s+/g, " ").trim();
  }

  function inTip(node) {
    return !!(tip && node instanceof Node && tip.contains(node));
  }

  function place() {
    if (!tip) return;
    var rect = host.getBoundingClientRect();
    var style = tip.style;
    style.setProperty("--md-tooltip-host-x", rect.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", rect.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", rect.width / 2 + "px");
    style.setProperty("--md-tooltip-y", 8 + rect.height + "px");
  }

  function show(el) {
    clearTimeout(hideTimer);
    if (el === host) return;
    hide();
    host = el;
    var text = previewOf(el);
    title = el.getAttribute("title");
    el.removeAttribute("title");

    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom";
    tip.setAttribute("role", "tooltip");
    tip.id = "__preview_" + sequence++;
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    text.split("\n").forEach(function (line) {
      var row = document.createElement("div"); // a range: one entry a line
      row.textContent = line;
      inner.appendChild(row);
    });
    tip.appendChild(inner);
    document.body.appendChild(tip);

    place();
    tip.style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
    tip.style.setProperty("--md-tooltip-tail", "0px");
    el.setAttribute("aria-describedby", tip.id);
    // Next frame: the tooltip is in the document first, so it fades in as Material's does.
    var shown = tip;
    requestAnimationFrame(function () {
      if (shown === tip) shown.classList.add("md-tooltip2--active");
    });
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!tip) return;
    var gone = tip;
    gone.classList.remove("md-tooltip2--active");
    host.removeAttribute("aria-describedby");
    if (title !== null) host.setAttribute("title", title);
    host = tip = null;
    setTimeout(function () {
      gone.remove();
    }, HIDE_DELAY);
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function focused() {
    return !!(host && host.contains(document.activeElement));
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    if (inTip(event.target)) return clearTimeout(hideTimer);
    var el = hostOf(event.target);
    if (el) show(el);
  });

  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "touch" || !tip) return;
    var to = event.relatedTarget;
    if ((host.contains(event.target) || inTip(event.target)) && !(to && (host.contains(to) || inTip(to)))) {
      if (!focused()) hideSoon();
    }
  });

  document.addEventListener("focusin", function (event) {
    var el = hostOf(event.target);
    if (el) show(el);
  });

  document.addEventListener("focusout", function (event) {
    if (host && host.contains(event.target) && !(host.matches(":hover") || (tip && tip.matches(":hover")))) hideSoon();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && tip) hide();
  });

  // Touch: pointerdown notes whether the tapped element's tooltip was already showing (a tap
  // also focuses a link, which shows it), and the click of the same tap decides.
  var tap = null;
  document.addEventListener(
    "pointerdown",
    function (event) {
      tap = null;
      if (event.pointerType !== "touch") return;
      var el = hostOf(event.target);
      if (el) tap = { host: el, wasShowing: el === host };
      else if (!inTip(event.target)) hide();
    },
    true
  );

  document.addEventListener("click", function (event) {
    var t = tap;
    tap = null;
    if (!t || hostOf(event.target) !== t.host) return;
    var link = t.host.closest("a[href]");
    if (!link) {
      if (t.wasShowing) hide(); // an abbreviation: each tap toggles its definition
      else show(t.host);
    } else if (link.classList.contains("citation-link")) {
      if (t.wasShowing) return hide(); // second tap: follow the link to the reference list
      event.preventDefault(); // first tap: the reference, where the reader is
      show(t.host);
    }
  });

  window.addEventListener("resize", place, { passive: true });
  document.addEventListener("scroll", place, { passive: true, capture: true });

  // The first use of each abbreviation on the page takes keyboard focus.
  var seen = {};
  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    var key = abbr.textContent;
    if (seen[key]) return;
    seen[key] = true;
    if (!abbr.hasAttribute("tabindex")) abbr.tabIndex = 0;
  });
})();
