// A document page on screen (the report's preview, the congress documents): the A4 sheet is shown
// whole, scaled to the window or frame, with the PDF's line breaks.
(function () {
  function fit() {
    var pageWidth = (210 * 96) / 25.4 + 24;
    document.body.style.zoom = Math.min(1, document.documentElement.clientWidth / pageWidth);
  }
  window.addEventListener("resize", fit);
  fit();
})();
