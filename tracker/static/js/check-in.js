// The check-in form: the agency list offers only the agencies of the country chosen.
(function () {
  "use strict";
  document.querySelectorAll("select[data-by-country]").forEach(function (agencies) {
    var country = document.getElementById(agencies.getAttribute("data-by-country"));
    if (!country) return;
    function show() {
      var chosen = country.value;
      agencies.querySelectorAll("optgroup").forEach(function (group) {
        var match = !chosen || group.getAttribute("data-country") === chosen;
        group.hidden = !match;
        group.disabled = !match;
      });
      var selected = agencies.selectedOptions[0];
      if (selected && selected.parentElement.tagName === "OPTGROUP" && selected.parentElement.disabled) {
        agencies.value = "";
      }
    }
    country.addEventListener("change", show);
    show();
  });
})();
