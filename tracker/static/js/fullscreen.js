// The projector page: a button puts it full screen (browsers allow that only on a click).
(function () {
  "use strict";
  document.querySelectorAll("[data-fullscreen]").forEach(function (button) {
    if (!document.documentElement.requestFullscreen) { button.hidden = true; return; }
    button.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  });
})();
