/* The offline base map: the 2025 province outlines with their names, drawn from the
   static file named in the map's data-basemap attribute (same origin, cached; see
   localities/data/SOURCES.md), in a pane below the markers. No tile, no other host.

   PhoihopBasemap.draw(map, mapNode, {fill: function (code) { return color or null; },
                                      tooltip: function (properties) { return node or null; }})
   PhoihopBasemap.labelsFrom(map, mapNode, zoom): point labels (class "place-label") show
   from `zoom` on, so communes are named only when there is room. */
(function () {
  "use strict";
  var OUTLINE = { color: "#6b7785", weight: 1, opacity: 0.9, fillColor: "#ffffff", fillOpacity: 0.55 };

  function style(fill) {
    return function (feature) {
      var color = fill ? fill(feature.properties.code) : null;
      var own = {};
      Object.keys(OUTLINE).forEach(function (key) { own[key] = OUTLINE[key]; });
      if (color) { own.fillColor = color; own.fillOpacity = 0.8; }
      return own;
    };
  }

  function label(map, properties, pane) {
    var position = [properties.label[1], properties.label[0]];
    L.tooltip({ permanent: true, direction: "center", className: "province-label", pane: pane })
      .setLatLng(position)
      .setContent(properties.short_name)
      .addTo(map);
  }

  function draw(map, mapNode, options) {
    var url = mapNode.getAttribute("data-basemap");
    if (!url || !window.fetch) { return; }
    options = options || {};
    map.createPane("basemap").style.zIndex = 350;
    map.createPane("basemap-labels").style.zIndex = 360;
    var renderer = L.svg({ pane: "basemap" });
    window.fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          pane: "basemap",
          renderer: renderer,
          style: style(options.fill),
          onEachFeature: function (feature, path) {
            var tip = options.tooltip ? options.tooltip(feature.properties) : null;
            if (tip) { path.bindTooltip(tip, { sticky: true }); }
          },
        });
        layer.addTo(map);
        mapNode.classList.add("basemap-drawn");
        collection.features.forEach(function (feature) {
          label(map, feature.properties, "basemap-labels");
        });
      })
      .catch(function () { mapNode.classList.add("basemap-missing"); });
  }

  function labelsFrom(map, mapNode, zoom) {
    function toggle() { mapNode.classList.toggle("map-zoomed-in", map.getZoom() >= zoom); }
    map.on("zoomend", toggle);
    toggle();
  }

  window.PhoihopBasemap = { draw: draw, labelsFrom: labelsFrom };
})();
