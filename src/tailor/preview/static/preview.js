// tailor serve: switch audience without reloading (the reader keeps their place), and
// follow edits to the article file by polling its version. Plain DOM, no dependencies.
(() => {
  "use strict";
  const POLL_MS = 700;
  const swapped = () => (document.querySelector("main") ? "main" : ".tailor-article");

  function showError(message) {
    const box = document.querySelector("#tailor-preview-bar .tailor-preview-error");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  function annotate() {
    for (const el of document.querySelectorAll(".tailor-sub[data-original]")) {
      el.title = "original: " + el.dataset.original;
    }
  }

  // Fetch the page for `url` and replace the parts that depend on the audience.
  async function swap(url, push) {
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
    for (const selector of ["#tailor-preview-bar", ".tailor-selector", swapped()]) {
      const fresh = doc.querySelector(selector);
      const old = document.querySelector(selector);
      if (fresh && old) old.replaceWith(document.adoptNode(fresh));
    }
    document.title = doc.title;
    if (push) history.pushState(null, "", url);
    annotate();
    window.scrollTo(0, y);
    document.dispatchEvent(new CustomEvent("tailor:swapped", { detail: { url } }));
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".tailor-selector a[data-audience]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    // Keep the other query parameters (the locale) and change only the audience.
    const url = new URL(location.href);
    url.searchParams.set("audience", link.dataset.audience);
    swap(url.href, true);
  });
  window.addEventListener("popstate", () => swap(location.href, false));

  async function poll() {
    const bar = document.getElementById("tailor-preview-bar");
    if (bar) {
      try {
        const response = await fetch(bar.dataset.versionUrl, { cache: "no-store" });
        const { version } = await response.json();
        if (version && version !== bar.dataset.version) {
          bar.dataset.version = version;  // do not refetch again while this one loads
          await swap(location.href, false);
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
