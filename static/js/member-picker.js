// The member picker (chidoan/lib/picker.py): searches the branch's members as one types, through the
// JSON endpoint the form names (data-url), and shows at most its matches beside the members already chosen.
// Without this script the "Tìm" button sends the form back with the matches (search, then choose).
(function () {
  if (window.chidoanMemberPicker) return; // one script tag a picker: set up once
  window.chidoanMemberPicker = true;

  var item = function (picker, id, label, checked) {
    var li = document.createElement("li");
    li.className = "form-check";
    var input = document.createElement("input");
    input.className = "form-check-input";
    input.type = picker.dataset.type;
    input.name = picker.dataset.name;
    input.value = String(id);
    input.id = picker.dataset.name + "-m-" + id;
    input.checked = checked;
    var text = document.createElement("label");
    text.className = "form-check-label";
    text.htmlFor = input.id;
    text.textContent = label;
    li.append(input, text);
    return li;
  };

  var setUp = function (picker) {
    var search = picker.querySelector("input[type=search]");
    var button = picker.querySelector("[data-picker-button]");
    var chosen = picker.querySelector("[data-picker-chosen]");
    var found = picker.querySelector("[data-picker-matches]");
    var status = picker.querySelector("[data-picker-status]");
    if (!search || !found || !picker.dataset.url) return;
    var slot = button ? button.parentNode : null;
    // Searching is live: the button would only make Enter in another field search instead of save.
    if (button) button.remove();
    var asked = 0;
    var timer = null;

    var run = async function () {
      var ticket = ++asked;
      var url = new URL(picker.dataset.url, window.location.href);
      url.searchParams.set("q", search.value.trim());
      try {
        var response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        var data = await response.json();
        if (ticket !== asked) return; // a later search has been sent meanwhile
        // What was ticked among the matches is chosen now: it stays whatever is searched next.
        found.querySelectorAll("input:checked").forEach(function (input) {
          chosen.append(input.closest("li"));
        });
        found.replaceChildren();
        var shown = new Set();
        chosen.querySelectorAll("input").forEach(function (input) {
          shown.add(input.value);
        });
        data.results.forEach(function (row) {
          if (!shown.has(String(row.id))) found.append(item(picker, row.id, row.label, false));
        });
        status.textContent = data.more ? status.dataset.more : data.results.length ? "" : status.dataset.none;
      } catch (error) {
        if (ticket !== asked) return;
        status.textContent = status.dataset.error;
        if (button && slot && !button.isConnected) slot.append(button); // the plain search still works
      }
    };

    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault(); // Enter searches; it does not send the form
      clearTimeout(timer);
      run();
    });
    // Typed while the page was still loading (a slow phone): no input event reached us, so search now.
    if (search.value !== search.defaultValue) run();
  };

  var start = function () {
    document.querySelectorAll("[data-member-picker]").forEach(setUp);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
