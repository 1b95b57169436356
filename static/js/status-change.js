// Show only the fields the chosen status change needs (the server checks them all anyway).
(function () {
  var form = document.getElementById("status-change-form");
  if (!form) return;
  var kind = form.querySelector("[name=kind]");
  var needs = {
    transferred_out: ["assessment", "dues_paid_until", "destination"],
    came_of_age: [],
    left: ["reason"],
    removed: ["reason"],
    transferred_in: ["destination"],
  };
  var optional = ["reason", "assessment", "dues_paid_until", "destination"];
  function update() {
    var wanted = needs[kind.value] || optional;
    optional.forEach(function (name) {
      var wrapper = document.getElementById("div_id_" + name);
      if (!wrapper) return;
      var input = form.querySelector("[name=" + name + "]");
      var hasError = wrapper.querySelector(".is-invalid");
      wrapper.hidden = wanted.indexOf(name) === -1 && !hasError && !(input && input.value);
    });
  }
  kind.addEventListener("change", update);
  update();
})();
