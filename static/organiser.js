// atelier organiser's console (/o/{key}): fetch the workshops' table every 5 seconds and swap it in,
// so that phones, entries and screens move without reloading the page (and without
// losing what is typed in the form below). Without JavaScript the page's own link reloads.
(function () {
  "use strict";
  var main = document.querySelector("main[data-refresh]");
  var target = document.getElementById("workshops");
  if (!main || !target || !window.fetch) { return; }
  var url = main.getAttribute("data-refresh");
  function refresh() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { target.innerHTML = html; } })
      .catch(function () {})
      .then(function () { window.setTimeout(refresh, 5000); });
  }
  window.setTimeout(refresh, 5000);
})();
