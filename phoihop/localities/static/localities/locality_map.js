// A small Leaflet map with one marker and no tile layer: the system runs offline.
(function () {
  "use strict";
  var el = document.getElementById("locality-map");
  if (!el || typeof L === "undefined") { return; }
  var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
  if (isNaN(lat) || isNaN(lon)) { return; }
  var zoom = {"1": 8, "2": 10, "3": 12}[el.dataset.level] || 10;
  var map = L.map(el, {attributionControl: false}).setView([lat, lon], zoom);
  L.circleMarker([lat, lon], {radius: 8, weight: 2, color: "#b3261e", fillOpacity: 0.8})
    .addTo(map)
    .bindTooltip(el.dataset.label, {permanent: true, direction: "top", offset: [0, -8]});
})();
