// atelier projector: swap in each panel fragment streamed by the server (Server-Sent
// Events). Without JavaScript the page reloads itself every 5 seconds instead.
// The browser reconnects by itself after a network error; when the server refuses the
// stream (503: too many screens open), it gives up, so we open a new one later, at a
// random moment so that refused screens do not all come back at once.
(function () {
  "use strict";
  var main = document.querySelector("main[data-events]");
  var target = document.getElementById("screen-panel");
  if (!main || !target || !window.EventSource) { return; }
  var url = main.getAttribute("data-events");
  function connect() {
    var source = new EventSource(url);
    source.addEventListener("panel", function (event) {
      target.innerHTML = event.data;
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 20000 + Math.random() * 20000);
      }
    });
  }
  connect();
})();
