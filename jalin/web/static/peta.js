/* The district map: every district as a circle on a plain background. On the coverage map
   (/portal/peta) coloured by how many carriers deliver there or by the fastest delivery from the
   chosen origin; on a map with data-class-colours (the impact report) by each point's class `c`,
   with its tooltip `tip`. The data come from the JSON at the map's data-src, or from the JSON
   element it names (data-src="#id", for a report that must work from a file); texts and colours
   from its data- attributes (no inline script: the page's CSP allows scripts from /static only). */
(function () {
  "use strict";
  var el = document.getElementById("peta");
  var status = document.getElementById("peta-status");
  if (!el || !window.L) { return; }
  var ds = el.dataset;
  var classColours = ds.classColours ? JSON.parse(ds.classColours) : null;
  var classOrder = classColours ? Object.keys(classColours) : [];
  var carrierColours = classColours ? {} : JSON.parse(ds.carrierColours);
  var hourColours = classColours ? {} : JSON.parse(ds.hourColours);
  function carrierClass(n) { return n === 0 ? "0" : (n === 1 ? "1" : "2+"); }
  function hourClass(h) {
    if (h === null || h === undefined) { return "none"; }
    if (h <= 24) { return "24"; }
    if (h <= 48) { return "48"; }
    if (h <= 96) { return "96"; }
    return "more";
  }
  function mode() {
    var chosen = document.querySelector("input[name=warna]:checked");
    return chosen ? chosen.value : "carriers";
  }
  function style(p, how) {
    if (classColours) {
      return { radius: p.c === classOrder[0] ? 4 : 3, color: classColours[p.c], weight: 0.5,
               fillColor: classColours[p.c], fillOpacity: 0.85 };
    }
    var bad = how === "hours" ? hourClass(p.hours) === "none" : p.carriers === 0;
    var colour = how === "hours" ? hourColours[hourClass(p.hours)] : carrierColours[carrierClass(p.carriers)];
    return { radius: bad ? 5 : 3, color: bad ? "#5c0f0a" : colour, weight: bad ? 1.5 : 0.5,
             fillColor: colour, fillOpacity: 0.85 };
  }
  function legends(how) {
    var c = document.getElementById("legend-carriers");
    var h = document.getElementById("legend-hours");
    if (h) { h.hidden = how !== "hours"; c.hidden = how === "hours"; }
  }
  var map = L.map(el, { preferCanvas: true, attributionControl: !!ds.tiles, zoomSnap: 0.5 }).setView([-2.5, 118], 4);
  // Tiles only when the operator configured a tile server (JALIN_MAP_TILE_URL; the page's CSP
  // then allows images from that one host); otherwise the points sit on a plain background.
  if (ds.tiles) {
    // Leaflet inserts the attribution as HTML: pass it as text.
    var text = (ds.attribution || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    L.tileLayer(ds.tiles, { maxZoom: 18, attribution: text }).addTo(map);
  }
  var markers = [];
  function load() {
    if (ds.src.charAt(0) === "#") {
      return Promise.resolve(JSON.parse(document.getElementById(ds.src.slice(1)).textContent));
    }
    return fetch(ds.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }
  load()
    .then(function (data) {
      var how = mode();
      var bounds = [];
      if (classColours) {
        // The first class (the largest change) last, so it is drawn on top.
        data.points.sort(function (a, b) { return classOrder.indexOf(b.c) - classOrder.indexOf(a.c); });
      } else {
        // Districts without service last, so they are drawn on top.
        data.points.sort(function (a, b) { return b.carriers - a.carriers; });
      }
      data.points.forEach(function (p) {
        var m = L.circleMarker([p.lat, p.lon], style(p, how));
        var tip = classColours ? p.tip : p.name + " (" + p.province + "): " + p.carriers + " " + ds.carriersWord;
        if (data.origin) {
          tip += ", " + (p.hours === null || p.hours === undefined ? ds.noneWord : p.hours + " " + ds.hoursWord);
        }
        m.bindTooltip(tip);
        m.addTo(map);
        markers.push([m, p]);
        bounds.push([p.lat, p.lon]);
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [10, 10] }); }
      legends(how);
      if (status) { status.textContent = data.points.length + " " + ds.shownWord; }
    })
    .catch(function () { if (status) { status.textContent = "—"; } });
  document.querySelectorAll("input[name=warna]").forEach(function (input) {
    input.addEventListener("change", function () {
      var how = mode();
      markers.forEach(function (mp) { mp[0].setStyle(style(mp[1], how)); });
      legends(how);
    });
  });
})();
