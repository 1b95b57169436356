// The report editor: the live preview, bold and italic buttons, a draft of each section kept in the
// browser, and a warning before leaving with unsaved text.
//
// Preview: each narrative box re-renders its own section of the document in the preview frame
// (reports:self_review_preview, same origin) as you type, with the same rules as the server
// (reports/render/markup.py: one paragraph per line, **bold**, *italic*, no HTML). "Xem trước cả văn
// bản" posts the whole form to the frame instead, for the options (the targets table, the recipients).
//
// Drafts: every keystroke in a section is kept in localStorage under "<data-draft-key>:<field>"
// (the branch and the term). On load a draft that differs from the saved text is offered back
// ("Khôi phục bản nháp chưa lưu" / "Bỏ"); one equal to the saved text is removed, which is how a
// successful save clears it (the page after the save shows the saved text).
(function () {
  var form = document.getElementById("self-review-form");
  var frame = document.getElementById("doc-preview");
  if (!form) return;
  var labels = form.dataset;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("textarea[data-section]"));

  // ---------------------------------------------------------------- preview
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function toHtml(line) {
    return escapeHtml(line)
      .replace(/\*\*([^*\n]+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*([^*\n]+?)\*/g, "<em>$1</em>");
  }
  function render(box) {
    if (!frame) return;
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
  // Typing done before the frame (re)loaded is not lost.
  if (frame) frame.addEventListener("load", function () { typed.forEach(render); });

  // ---------------------------------------------------------------- drafts
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function draftKey(box) { return labels.draftKey + ":" + box.name; }
  function keepDraft(box) {
    var store = storage();
    if (!store) return;
    try { store.setItem(draftKey(box), box.value); } catch (e) { /* full or refused: the warning still protects */ }
  }
  function dropDraft(box) {
    var store = storage();
    if (store) store.removeItem(draftKey(box));
  }

  // ---------------------------------------------------------------- unsaved changes
  var fields = Array.prototype.slice.call(form.querySelectorAll("textarea, input[type=checkbox]"));
  function valueOf(field) { return field.type === "checkbox" ? String(field.checked) : field.value; }
  var loaded = fields.map(valueOf);
  // A form sent back with an error holds typing that is not saved yet.
  var unsavedOnLoad = labels.bound === "1";
  function dirty() {
    if (unsavedOnLoad) return true;
    return fields.some(function (field, i) { return valueOf(field) !== loaded[i]; });
  }
  var leaving = false;
  form.addEventListener("submit", function (event) {
    // "Xem trước cả văn bản" posts into the preview frame: the page stays, so does the warning.
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute("formtarget")) return;
    leaving = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !dirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  function changed(box) {
    if (typed.indexOf(box) === -1) typed.push(box);
    render(box);
    keepDraft(box);
  }

  // ---------------------------------------------------------------- bold and italic
  // The markup's stars around a selection: "**" for bold, "*" for italic, "***" for both.
  function stars(text) { return text.match(/^\*{0,3}/)[0].length; }
  function starsBefore(text) { return text.match(/\*{0,3}$/)[0].length; }
  function marks(count, marker) {
    return marker === "**" ? count === 2 || count === 3 : count === 1 || count === 3;
  }
  function wrap(box, marker) {
    var start = box.selectionStart;
    var end = box.selectionEnd;
    var text = box.value;
    var selected = text.slice(start, end);
    // Spaces picked up with the selection stay outside the markers (the markup needs the word itself).
    var lead = selected.match(/^\s*/)[0];
    var trail = selected.slice(lead.length).match(/\s*$/)[0];
    var word = selected.slice(lead.length, selected.length - trail.length);
    var before = text.slice(0, start) + lead;
    var after = trail + text.slice(end);
    var n = marker.length;
    if (word && marks(starsBefore(before), marker) && marks(stars(after), marker)) {
      // Already bold (or italic) around the selection: the button takes it off again.
      before = before.slice(0, before.length - n);
      box.value = before + word + after.slice(n);
    } else if (word.length > 2 * n && marks(stars(word), marker) && marks(starsBefore(word), marker)) {
      // The selection takes the markers in: take them off.
      word = word.slice(n, word.length - n);
      box.value = before + word + after;
    } else {
      before = before + marker;
      box.value = before + word + marker + after;
    }
    box.focus();
    box.setSelectionRange(before.length, before.length + word.length);
    changed(box);
  }
  function button(text, title, className, onPress) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm btn-outline-dark editor-format " + className;
    b.textContent = text;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the selection
    b.addEventListener("click", onPress);
    return b;
  }
  function toolbar(box) {
    var bar = document.createElement("div");
    bar.className = "btn-group mb-1 editor-toolbar";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", labels.labelToolbar);
    bar.appendChild(button("B", labels.labelBold, "fw-bold", function () { wrap(box, "**"); }));
    bar.appendChild(button("I", labels.labelItalic, "fst-italic", function () { wrap(box, "*"); }));
    box.parentNode.insertBefore(bar, box);
  }

  // ---------------------------------------------------------------- offering a draft back
  function offer(box, draft) {
    var note = document.createElement("div");
    note.className = "alert alert-warning py-2 d-flex flex-wrap align-items-center gap-2 editor-draft";
    note.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = labels.labelDraft;
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "btn btn-sm btn-warning";
    restore.textContent = labels.labelRestore;
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-dark";
    discard.textContent = labels.labelDiscard;
    restore.addEventListener("click", function () {
      box.value = draft;
      note.remove();
      changed(box);
      box.focus();
    });
    discard.addEventListener("click", function () {
      dropDraft(box);
      note.remove();
      box.focus();
    });
    note.appendChild(text);
    note.appendChild(restore);
    note.appendChild(discard);
    box.parentNode.insertBefore(note, box);
  }

  boxes.forEach(function (box) {
    toolbar(box);
    box.addEventListener("input", function () { changed(box); });
    box.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      var key = event.key.toLowerCase();
      if (key === "b" || key === "i") {
        event.preventDefault();
        wrap(box, key === "b" ? "**" : "*");
      }
    });
    var store = storage();
    var draft = store ? store.getItem(draftKey(box)) : null;
    if (draft === null) return;
    if (draft === box.value) {
      if (!unsavedOnLoad) dropDraft(box); // saved: the draft has done its job
    } else {
      offer(box, draft);
    }
  });
})();
