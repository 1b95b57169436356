// The import job page: while the file is checked or saved, ask the server for the progress
// every second and move the bar; when the work ends, reload to show the result.
// Without JavaScript the page reloads itself (a <noscript> refresh) instead.
(function () {
  var section = document.getElementById("import-status");
  if (!section || section.dataset.running !== "1") return;
  var url = section.dataset.statusUrl;
  var bar = document.getElementById("import-progress");
  var state = document.getElementById("import-state");
  var count = document.getElementById("import-count");
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (!status.running) { window.location.reload(); return; }
        if (bar) { bar.value = status.percent; bar.textContent = status.percent + "%"; }
        if (state) state.textContent = status.label;
        if (count && status.total) count.textContent = status.done + " / " + status.total + " dòng";
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
