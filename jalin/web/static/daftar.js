// Regency and city suggestions for the membership form from /v1/areas?level=regency.
// The form works without this script: the server resolves the name and offers choices.
(function () {
  "use strict";
  var input = document.getElementById("regency");
  var list = document.getElementById("regency-saran");
  if (!input || !list) return;
  var timer = null;
  input.addEventListener("input", function () {
    var q = input.value.trim();
    if (q.length < 3) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch("/v1/areas?level=regency&limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (body) {
          if (input.value.trim() !== q) return;
          list.replaceChildren();
          body.results.forEach(function (area) {
            var opt = document.createElement("option");
            opt.value = area.name;
            opt.label = area.path;
            list.appendChild(opt);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 200);
  });
})();
