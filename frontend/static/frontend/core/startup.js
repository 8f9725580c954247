// Runs before the modules (a classic, blocking script: the Content-Security-Policy allows no inline script).
// If the modules cannot load, cannot be parsed (an old browser) or throw while starting, the page says so
// instead of staying blank. main.js marks a finished start with html[data-started].
(() => {
  function fail() {
    if (document.documentElement.hasAttribute("data-started")) return;
    var notice = document.getElementById("startup-error");
    if (notice) notice.hidden = false;
    document.documentElement.setAttribute("data-state", "failed");
  }
  window.addEventListener(
    "error",
    (event) => {
      var target = event.target;
      if (event.error || event.message || (target && target.tagName === "SCRIPT")) fail();
    },
    true,
  );
  window.addEventListener("unhandledrejection", fail);
  window.addEventListener("load", fail);
})();
