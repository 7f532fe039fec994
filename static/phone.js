// atelier phone page: three small helps where JavaScript runs; the page works without it.
// 1. A refused form comes back at its message (the form's action ends in "#…-error"):
//    focus it, so a screen reader reads it and the page shows it.
// 2. The ballot's running count, "2 / 3 gommettes" (the server still checks the ballot).
// 3. The "Résultats en direct" card follows the projector: fetched every few seconds
//    while the page is visible (no stream held per phone: the projector keeps its own).
(function () {
  "use strict";

  function focusRefusal() {
    var id = window.location.hash.slice(1);
    var target = id && document.getElementById(id);
    if (!target || !target.classList.contains("error")) {
      target = document.querySelector(".error[autofocus]");
    }
    if (!target) { return; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    if (target.scrollIntoView) { target.scrollIntoView({ block: "center" }); }
  }

  function dotCounter() {
    var counter = document.querySelector(".dot-counter");
    var form = counter && counter.closest("form");
    if (!form) { return; }
    var budget = parseInt(counter.getAttribute("data-budget"), 10) || 0;
    function update() {
      var used = 0;
      var fields = form.querySelectorAll("input[name^='rec-']");
      for (var i = 0; i < fields.length; i++) {
        var field = fields[i];
        if (field.type === "radio" && !field.checked) { continue; }
        var value = parseInt(field.value, 10);
        if (value > 0) { used += value; }
      }
      var over = used > budget;
      var format = counter.getAttribute(over ? "data-over" : "data-format") || "";
      counter.textContent = format
        .replace("{used}", String(used))
        .replace("{extra}", String(used - budget));
      counter.classList.toggle("over", over);
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    counter.hidden = false;
    update();
  }

  function liveResults() {
    var card = document.getElementById("results");
    var body = card && card.querySelector(".results-body");
    var url = card && card.getAttribute("data-results");
    if (!body || !url || !window.fetch) { return; }
    var version = null;
    var shown = body.querySelector("[data-version]");
    if (shown) { version = shown.getAttribute("data-version"); }
    function poll() {
      if (document.hidden) { return; }
      window.fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (response.status === 204) { card.hidden = true; version = null; return null; }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (!html) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var panel = holder.querySelector("[data-version]");
          var next = panel ? panel.getAttribute("data-version") : null;
          if (next !== null && next === version && !card.hidden) { return; }
          version = next;
          body.innerHTML = html;
          card.hidden = false;
        })
        .catch(function () { /* the next round tries again */ });
    }
    window.setInterval(poll, 5000);
    document.addEventListener("visibilitychange", poll);
  }

  function start() {
    focusRefusal();
    dotCounter();
    liveResults();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
