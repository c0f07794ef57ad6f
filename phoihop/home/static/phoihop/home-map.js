/* Home page map: the 2025 province outlines and names underneath (localities/basemap.js),
   communes as circle markers named when zoomed in; no tile layer (works offline). */
(function () {
  "use strict";
  var dataNode = document.getElementById("home-map-data");
  var mapNode = document.getElementById("home-map");
  if (!dataNode || !mapNode || !window.L) { return; }
  var points = JSON.parse(dataNode.textContent).points;
  if (!points.length) { return; }
  mapNode.hidden = false;
  var map = L.map(mapNode, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false });

  function tooltip(point) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    box.appendChild(name);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(point.district));
    return box;
  }

  var ordinary = [], highlighted = [];
  points.forEach(function (point) { (point.highlighted ? highlighted : ordinary).push(point); });
  var bounds = [];
  // Highlighted localities last, so they sit on top.
  ordinary.concat(highlighted).forEach(function (point) {
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: point.highlighted ? 8 : 5,
      color: point.highlighted ? "#a3161a" : "#ffffff",
      weight: point.highlighted ? 3 : 1,
      fillColor: point.color,
      fillOpacity: 0.9,
      className: point.highlighted ? "marker-hot" : "marker",
    });
    marker.bindTooltip(tooltip(point));
    marker.addTo(map);
    L.tooltip({ permanent: true, direction: "right", offset: [6, 0], className: "place-label" })
      .setLatLng([point.lat, point.lon]).setContent(point.name).addTo(map);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { padding: [16, 16] });
  if (window.PhoihopBasemap) {
    window.PhoihopBasemap.draw(map, mapNode, {});
    window.PhoihopBasemap.labelsFrom(map, mapNode, 11.5);
  }
})();
