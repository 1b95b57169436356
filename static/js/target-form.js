// Show only the planned field that fits the kind of target; the server checks it either way.
(function () {
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  function show() {
    var rating = kind.value === "rating";
    var value = document.getElementById("div_id_planned_value");
    var planned = document.getElementById("div_id_planned_rating");
    if (value) value.hidden = rating || kind.value === "boolean";
    if (planned) planned.hidden = !rating;
  }
  kind.addEventListener("change", show);
  show();
})();
