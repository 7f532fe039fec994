// atelier facilitator console: the counts of the bar follow the room (Server-Sent Events
// from /f/{key}/events, the same bytes for every console of the workshop), and the lists
// (participants, keyword groups, moderation, proposals) are reloaded in the background
// when the room's version moved, at most every few seconds, never the one the facilitator
// is typing in. Without JavaScript the page is the same, without the live part.
(function () {
  "use strict";
  var main = document.querySelector("main[data-console-events]");
  var counts = document.getElementById("live-counts");
  if (!main || !counts || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var url = main.getAttribute("data-console-events");
  var shown = main.getAttribute("data-version");
  var wanted = shown;
  var busy = false;
  var last = 0;
  var LIST_PAUSE = 3000;

  // The page's own address without its confirmation (?done=…): the lists as they are now.
  function listsUrl() {
    var params = new URLSearchParams(window.location.search);
    params.delete("done");
    params.delete("what");
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  // A list the facilitator is working in: it holds the focus, or a box typed into and not
  // sent yet (a group being renamed).
  function inUse(list) {
    if (list.contains(document.activeElement)) { return true; }
    var boxes = list.querySelectorAll("input, textarea");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].value !== boxes[i].defaultValue) { return true; }
    }
    return false;
  }

  function refreshLists() {
    if (busy || wanted === shown) { return; }
    var wait = last + LIST_PAUSE - Date.now();
    if (wait > 0) { window.setTimeout(refreshLists, wait); return; }
    busy = true;
    last = Date.now();
    var version = wanted;
    window.fetch(listsUrl(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var lists = document.querySelectorAll(".live-list[id]");
        for (var i = 0; i < lists.length; i++) {
          var list = lists[i];
          var replacement = fresh.getElementById(list.id);
          // Never under the facilitator's hands: a list in use waits for the next change.
          if (!replacement || inUse(list)) { continue; }
          list.innerHTML = replacement.innerHTML;
        }
        shown = version;
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (wanted !== shown) { window.setTimeout(refreshLists, LIST_PAUSE); }
      });
  }

  // The bar's buttons are pressed from anywhere on the page: come back to the section in
  // view (the server accepts only the dashboard's own sections), not to the top.
  var bar = document.getElementById("console");
  if (bar) {
    bar.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form || window.scrollY < 40 || form.querySelector("input[name=back]")) { return; }
      var below = bar.getBoundingClientRect().bottom + 8;
      var sections = main.querySelectorAll("section.card[id]");
      for (var i = 0; i < sections.length; i++) {
        if (sections[i].getBoundingClientRect().bottom > below) {
          var back = document.createElement("input");
          back.type = "hidden";
          back.name = "back";
          back.value = sections[i].id;
          form.appendChild(back);
          return;
        }
      }
    });
  }

  function connect() {
    var source = new EventSource(url);
    source.addEventListener("counts", function (event) {
      counts.innerHTML = event.data;
      if (event.lastEventId) { wanted = event.lastEventId; }
      refreshLists();
    });
    source.addEventListener("error", function () {
      // Refused (503: too many consoles) or gone: try again later.
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 20000 + Math.random() * 20000);
      }
    });
  }
  connect();
})();
