/* Hotspot map: the 2025 province outlines underneath (localities/basemap.js), filled by
   their total score when the scores span several provinces (the national view), and one
   circle per scored locality, sized and colored by its score, named when zoomed in.
   No tile layer and no request leaves the server: the scores are embedded in the page,
   the outlines are a static file of this site. */
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
  var provinces = {};
  (data.provinces || []).forEach(function (province) { provinces[province.code] = province; });
  var national = data.view === "national";

  function provinceTip(properties) {
    var province = provinces[properties.code];
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = properties.name;
    box.appendChild(name);
    if (province) {
      line(box, labels.score || "Score", province.score_text || province.score);
      line(box, labels.cases || "Cases", province.cases);
    } else if (national) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(labels.no_cases || "No cases"));
    }
    return box;
  }

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
      L.tooltip({ permanent: true, direction: "right", offset: [point.radius, 0], className: "place-label" })
        .setLatLng([point.lat, point.lon]).setContent(point.name).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
  if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  } else {
    map.fitBounds(bounds, { padding: [24, 24] });
  }
  if (window.PhoihopBasemap) {
    window.PhoihopBasemap.draw(map, mapNode, {
      fill: function (code) {
        if (!national) { return null; }
        return provinces[code] ? provinces[code].color : data.no_cases;
      },
      tooltip: provinceTip,
    });
    window.PhoihopBasemap.labelsFrom(map, mapNode, 11.5);
  }
})();
