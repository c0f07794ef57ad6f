/* Hotspot map: one circle per scored locality, sized and colored by its score.
   No tile layer and no request leaves the server: the data is embedded in the page. */
(function () {
  "use strict";
  var dataNode = document.getElementById("hotspot-map-data");
  var mapNode = document.getElementById("hotspot-map");
  if (!dataNode || !mapNode || !window.L) { return; }
  var data = JSON.parse(dataNode.textContent);
  var points = data.points || [];
  var labels = data.labels || {};
  if (!points.length) { return; }
  mapNode.hidden = false;
  var map = L.map(mapNode, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false });

  function line(parent, label, value) {
    var row = document.createElement("div");
    row.appendChild(document.createTextNode(label + ": "));
    var strong = document.createElement("b");
    strong.textContent = value;
    row.appendChild(strong);
    parent.appendChild(row);
  }

  function popup(point) {
    var box = document.createElement("div");
    box.className = "hotspot-popup";
    var name = document.createElement("strong");
    name.textContent = point.name;
    box.appendChild(name);
    if (point.district) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(point.district));
    }
    line(box, labels.score || "Score", point.score_text || point.score);
    line(box, labels.cases || "Cases", point.cases);
    line(box, labels.open || "Open", point.open);
    if (point.url) {
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = labels.list || "Cases";
      box.appendChild(link);
    }
    return box;
  }

  var bounds = [];
  // Smallest first, so the big circles do not hide the small ones' centers... and the
  // highest scores are drawn last, on top.
  points.slice().sort(function (a, b) { return parseFloat(a.score) - parseFloat(b.score); })
    .forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: point.radius,
        color: "#5b1a1a",
        weight: 1,
        fillColor: point.color,
        fillOpacity: 0.75,
        className: "hotspot-marker hotspot-" + point.band,
      });
      marker.bindPopup(popup(point));
      marker.bindTooltip(point.name + " · " + (point.score_text || point.score));
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
  if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  } else {
    map.fitBounds(bounds, { padding: [24, 24] });
  }
})();
