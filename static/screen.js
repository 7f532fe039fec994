// atelier projector: swap in each panel fragment streamed by the server (Server-Sent
// Events). Without JavaScript the page reloads itself every 5 seconds instead.
// The browser reconnects by itself after a network error; when the server refuses the
// stream (503: too many screens open), it gives up, so we open a new one later, at a
// random moment so that refused screens do not all come back at once.
// While the stream is down (for more than a moment: a reconnect after a blip is not
// worth a sign), a discreet "connexion perdue" badge says the screen is not up to date.
(function () {
  "use strict";
  var main = document.querySelector("main[data-events]");
  var target = document.getElementById("screen-panel");
  if (!main || !target || !window.EventSource) { return; }
  var url = main.getAttribute("data-events");
  var badge = main.querySelector(".connection-lost");
  var pending = null;
  function down() {
    if (!badge || pending !== null || !badge.hidden) { return; }
    pending = window.setTimeout(function () { pending = null; badge.hidden = false; }, 2500);
  }
  function up() {
    if (pending !== null) { window.clearTimeout(pending); pending = null; }
    if (badge) { badge.hidden = true; }
  }
  function connect() {
    var source = new EventSource(url);
    source.addEventListener("open", up);
    source.addEventListener("panel", function (event) {
      up();
      target.innerHTML = event.data;
    });
    source.addEventListener("error", function () {
      down();
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 20000 + Math.random() * 20000);
      }
    });
  }
  connect();
})();
