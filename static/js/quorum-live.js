// While the congress sits, the quorum follows the check-in desk without reloading the page
// (loaded by congress/_layout.html only then).
(function () {
  var refresh = async function () {
    var card = document.querySelector("[data-testid=quorum]");
    if (!card || document.hidden) return;
    try {
      var response = await fetch(card.dataset.liveUrl, { credentials: "same-origin" });
      if (!response.ok) return;
      var holder = document.createElement("div");
      holder.innerHTML = await response.text();
      var fresh = holder.firstElementChild;
      if (!fresh) return;
      card.replaceWith(fresh);
      if (window.chidoan) window.chidoan.applyWidths(fresh);
    } catch (error) {
      /* offline for a moment: try again at the next tick */
    }
  };
  setInterval(refresh, 10000);
})();
