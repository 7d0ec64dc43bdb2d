// tailor serve: switch audience without reloading (the reader keeps their place), and
// follow edits to the article file by polling its version. Plain DOM, no dependencies.
(() => {
  "use strict";
  const POLL_MS = 700;
  const swapped = () => (document.querySelector("main") ? "main" : ".tailor-article");
  // What is shown: path and query (audience, locale), never the #fragment. Following a
  // citation link changes only the fragment (and fires popstate): nothing to refetch.
  const viewOf = (href) => {
    const url = new URL(href, location.href);
    return url.pathname + url.search;
  };
  let shown = viewOf(location.href);

  function showError(message) {
    const box = document.querySelector("#tailor-preview-bar .tailor-preview-error");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  // A polite live region outside everything that is swapped, so screen readers hear
  // which audience is now shown.
  function announce(message) {
    let region = document.getElementById("tailor-preview-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "tailor-preview-status";
      region.setAttribute("role", "status");
      region.className = "tailor-preview-visually-hidden";
      document.body.append(region);
    }
    region.textContent = message;
  }

  // Sticky selector: a followed link's target must land below it, not under it.
  function padScroll() {
    const selector = document.querySelector(".tailor-selector");
    const height = selector ? selector.getBoundingClientRect().height : 0;
    // A margin on the targets only (see preview.css): scroll-padding on the whole page
    // would make focusing the sticky selector itself scroll the page.
    document.documentElement.style.setProperty("--tailor-sticky", `${Math.ceil(height) + 8}px`);
  }

  // One tooltip for every highlighted word: its text is the page's own (the template's
  // localised title), placed below the word, inside the viewport and above the selector.
  let tip = null;
  function showTip(el) {
    const text = el.dataset.tip;
    if (!text) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "tailor-preview-tip";
      tip.setAttribute("role", "tooltip");
      document.body.append(tip);
    }
    // "In the original: <words>": the label is tailor's (the interface's language, as the
    // selector says), the words the article's; each part says which.
    const content = el.closest("[lang]")?.lang || "";
    const original = el.dataset.original || "";
    tip.replaceChildren();
    tip.lang = content;
    if (original && text.endsWith(original) && text !== original) {
      const label = document.createElement("span");
      label.lang = document.querySelector(".tailor-selector")?.closest("[lang]")?.lang || "";
      label.textContent = text.slice(0, text.length - original.length);
      const words = document.createElement("span");
      words.lang = content;
      words.textContent = original;
      tip.append(label, words);
    } else {
      tip.textContent = text;
    }
    tip.hidden = false;
    const word = el.getBoundingClientRect();
    const selector = document.querySelector(".tailor-selector");
    const floor = selector ? Math.max(0, selector.getBoundingClientRect().bottom) : 0;
    const { offsetWidth: width, offsetHeight: height } = tip;
    const right = document.documentElement.clientWidth;
    const left = Math.max(4, Math.min(word.left, right - width - 4));
    // Below the word; above it only when there is no room below and room above that is
    // not under the sticky selector. Document coordinates: the tip scrolls with the word.
    let top = word.bottom + 4;
    if (top + height > window.innerHeight - 4 && word.top - height - 4 >= floor) {
      top = word.top - height - 4;
    }
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${top + window.scrollY}px`;
    el.setAttribute("aria-describedby", tip.id);
  }
  function hideTip(el) {
    if (tip) tip.hidden = true;
    if (el) el.removeAttribute("aria-describedby");
  }

  function annotate() {
    const words = document.querySelectorAll(
      ".tailor-sub[data-original], .tailor-explained[title]",
    );
    for (const el of words) {
      // The template's title says it in the page's language; the browser's own title
      // tooltip would show it twice, so it moves to the preview's tooltip.
      if (el.title) {
        el.dataset.tip = el.title;
        el.removeAttribute("title");
      } else if (!el.dataset.tip && el.dataset.original) {
        el.dataset.tip = el.dataset.original;
      }
      el.tabIndex = 0;
    }
    padScroll();
  }

  // Fetch the page for `url` and replace the parts that depend on the audience.
  async function swap(url, push, focusChoice) {
    const y = window.scrollY;
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "text/html" }, cache: "no-store" });
    } catch (err) {
      showError("preview server unreachable: " + err);
      return;
    }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    if (!response.ok) {
      const found = doc.querySelector(".tailor-preview-error");
      showError(found ? found.textContent : response.status + " " + response.statusText);
      return;
    }
    hideTip(null);
    for (const selector of ["#tailor-preview-bar", ".tailor-selector", swapped()]) {
      const fresh = doc.querySelector(selector);
      const old = document.querySelector(selector);
      if (fresh && old) old.replaceWith(document.adoptNode(fresh));
    }
    document.title = doc.title;
    if (doc.documentElement.lang) document.documentElement.lang = doc.documentElement.lang;
    if (push) history.pushState(null, "", url);
    shown = viewOf(url);
    annotate();
    window.scrollTo(0, y);
    if (focusChoice) {
      const current = document.querySelector('.tailor-selector a[aria-current="page"]');
      if (current) {
        current.focus({ preventScroll: true });
        const question = document.querySelector(".tailor-question");
        announce(current.textContent + (question ? ": " + question.textContent : ""));
      }
    }
    document.dispatchEvent(new CustomEvent("tailor:swapped", { detail: { url } }));
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".tailor-selector a[data-audience]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    // Keep the other query parameters (the locale) and change only the audience.
    const url = new URL(location.href);
    url.hash = "";
    url.searchParams.set("audience", link.dataset.audience);
    swap(url.href, true, true);
  });
  window.addEventListener("popstate", () => {
    if (viewOf(location.href) !== shown) swap(location.href, false, false);
  });
  for (const [type, show] of [["mouseover", true], ["focusin", true], ["mouseout", false], ["focusout", false]]) {
    document.addEventListener(type, (event) => {
      const el = event.target.closest?.("[data-tip]");
      if (el) (show ? showTip : hideTip)(el);
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTip(null);
  });
  window.addEventListener("resize", padScroll);

  async function poll() {
    const bar = document.getElementById("tailor-preview-bar");
    if (bar) {
      try {
        const response = await fetch(bar.dataset.versionUrl, { cache: "no-store" });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
          // A deleted or moved file: say so, and keep the last good text on screen.
          showError(answer.error || `${response.status} ${response.statusText}`);
        } else if (answer.version && answer.version !== bar.dataset.version) {
          bar.dataset.version = answer.version;  // do not refetch again while this one loads
          await swap(location.href, false, false);
        }
      } catch (err) {
        showError("preview server unreachable: " + err);
      }
    }
    setTimeout(poll, POLL_MS);
  }

  annotate();
  setTimeout(poll, POLL_MS);
})();
