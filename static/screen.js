// atelier projector: swap in each panel fragment streamed by the server (Server-Sent
// Events). Without JavaScript the page reloads itself every 5 seconds instead.
(function () {
  "use strict";
  var main = document.querySelector("main[data-events]");
  var target = document.getElementById("screen-panel");
  if (!main || !target || !window.EventSource) { return; }
  var source = new EventSource(main.getAttribute("data-events"));
  source.addEventListener("panel", function (event) {
    target.innerHTML = event.data;
  });
})();
