// The report's page on a phone: the report reflowed to the screen ("Dạng đọc"), or the A4 preview ("Khổ A4"),
// one tap apart. The buttons set data-doc-view on their container; app.css shows the one chosen below the
// large breakpoint (a wide screen always shows the A4 preview and no buttons).
(function () {
  document.querySelectorAll(".doc-views").forEach(function (views) {
    var buttons = views.querySelectorAll("[data-doc-view-show]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        views.dataset.docView = button.dataset.docViewShow;
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
  });
})();
