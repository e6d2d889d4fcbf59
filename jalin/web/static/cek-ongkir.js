// Name suggestions for the "Dari" and "Ke" fields from /v1/areas (provinces, regencies and
// districts), shown through each field's <datalist>. The form works without this script.
(function () {
  "use strict";
  var DELAY_MS = 200;
  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 3 || q === last || /^\d+$/.test(q)) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = q;
        fetch("/v1/areas?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (body) {
            if (input.value.trim() !== q) return;
            list.replaceChildren();
            body.results.forEach(function (area) {
              var opt = document.createElement("option");
              opt.value = area.path;
              opt.label = area.kind;
              list.appendChild(opt);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, DELAY_MS);
    });
  }
  document.querySelectorAll("input[list]").forEach(suggest);
})();
