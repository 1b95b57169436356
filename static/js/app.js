// What every page needs, without inline script or style (the site's Content-Security-Policy allows
// neither): progress bars take their width from data-width, and a select marked data-autosubmit
// sends its form when it changes (the form keeps a <noscript> button for pages without JavaScript).
(function () {
  function applyWidths(root) {
    (root || document).querySelectorAll("[data-width]").forEach(function (bar) {
      var value = parseFloat(String(bar.dataset.width).replace(",", "."));
      if (isNaN(value)) return;
      bar.style.width = Math.max(0, Math.min(100, value)) + "%";
    });
  }
  window.chidoan = { applyWidths: applyWidths };
  applyWidths(document);
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) field.form.submit();
  });
})();
