// The report editor's live preview: each narrative box re-renders its own section of the document in
// the preview frame (reports:self_review_preview, same origin) as you type, with the same rules as the
// server (one paragraph per line, **bold**, *italic*, no HTML). "Xem trước cả văn bản" posts the whole
// form to the frame instead, for the options (the targets table, the recipients).
(function () {
  var frame = document.getElementById("doc-preview");
  if (!frame) return;
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function toHtml(line) {
    return escapeHtml(line)
      .replace(/\*\*([^*\n]+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*([^*\n]+?)\*/g, "<em>$1</em>");
  }
  function render(box) {
    var target = frame.contentDocument && frame.contentDocument.getElementById("section-" + box.dataset.section);
    if (!target) return;
    target.innerHTML = box.value
      .split("\n")
      .map(function (l) { return l.trim().replace(/\s+/g, " "); })
      .filter(function (l) { return l; })
      .map(function (l) { return "<p>" + toHtml(l) + "</p>"; })
      .join("");
  }
  var typed = [];
  document.querySelectorAll("textarea[data-section]").forEach(function (box) {
    box.addEventListener("input", function () {
      if (typed.indexOf(box) === -1) typed.push(box);
      render(box);
    });
  });
  // Typing done before the frame (re)loaded is not lost.
  frame.addEventListener("load", function () { typed.forEach(render); });
})();
