/* Copy buttons (links to an item or a measure, citations) and the reader's access date in citations. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain-HTTP fallback: the clipboard API needs a secure context.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button.ftz-copy");
    if (!button) return;
    const target = button.dataset.copyTarget && document.querySelector(button.dataset.copyTarget);
    const text = target ? target.textContent.replace(/\s+/g, " ").trim() : button.dataset.copy;
    copyText(text).then(function () {
      const label = button.querySelector(".ftz-copy-text");
      const before = label.textContent;
      label.textContent = button.dataset.copied;
      button.classList.add("ftz-copied");
      setTimeout(function () { label.textContent = before; button.classList.remove("ftz-copied"); }, 2000);
    });
  });

  // The language switch keeps what the reader is looking at: the list's filters (the query
  // string, which filters.js keeps up to date) and the anchor (a measure, #measure-3). Both are
  // the same in both languages. Set just before the link is followed, copied or opened.
  function keepPlace(event) {
    const link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    const base = link.getAttribute("href").replace(/[?#].*$/, "");
    link.setAttribute("href", base + window.location.search + window.location.hash);
  }
  ["click", "auxclick", "contextmenu", "focusin", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, keepPlace, true);
  });

  // A citation's access date is the day the reader cites it.
  const today = new Date();
  const iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
  document.querySelectorAll("time.ftz-accessed").forEach(function (time) {
    time.setAttribute("datetime", iso);
    time.textContent = document.documentElement.lang === "en"
      ? today.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })
      : iso;
  });
})();
