/* The map of events: country outlines and admin-1 borders (Natural Earth, installed by
   scripts/setup-web.sh into /vendor; nothing is fetched from elsewhere), the names of the places
   shown and of the states and provinces in view, markers that stack at one place drawn as a count
   bubble (leaflet.markercluster), and a first view fitted to the markers.
   CLMap.create(box) -> {draw(items, what), map}; an item is what home.js makes of an event or incident. */
"use strict";

var CLMap = (function () {
  var el = CL.el;
  var ADMIN1_LABELS_FROM_ZOOM = 5;  // states and provinces are named from this zoom on
  var MAX_LABELS = 80;  // labels drawn at once, places first, then states and provinces by rank

  function radiusOf(fatalities) {
    return Math.min(26, 5 + 3 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  function popupFor(item) {
    var box = el("div", {class: "popup"},
      el("div", {class: "popup-type"}, item.event_type + (item.sub_event_type ? " · " + item.sub_event_type : "")),
      el("div", null, (item.event_date || "date unknown") + " · " + (item.location || "") +
         (item.admin1 ? ", " + item.admin1 : "")),
      el("div", null, (item.actor1 || "") + (item.actor2 ? " vs " + item.actor2 : "")),
      el("div", null, "Fatalities: " + item.fatalities));
    if (item.quote) box.appendChild(el("blockquote", null, item.quote));
    if (item.incidentHref) {
      box.appendChild(el("div", null, el("a", {href: item.incidentHref, class: "open-incident"},
                                         "Incident: all " + item.sources + " source(s) →")));
    }
    if (item.articleHref) {
      box.appendChild(el("div", null, el("a", {href: item.articleHref, class: "open-article"},
                                         "Open article and evidence →")));
    }
    return box;
  }

  /* the view to start with: the markers' bounds, or, when a few lie far from the rest (a namesake on
     another continent), the bounds of the rest: the points within max(300 km, 4 x the median
     distance) of the most central point, when they are at least three quarters of all */
  function coreOf(points) {
    var at = points.map(function (p) { return L.latLng(p[0], p[1]); });
    if (at.length < 4) return {bounds: L.latLngBounds(at), outside: 0};
    var sample = at.length > 400 ? at.filter(function (_, i) { return i % Math.ceil(at.length / 400) === 0; }) : at;
    var best = null, bestSum = Infinity;
    sample.forEach(function (c) {
      var sum = 0;
      sample.forEach(function (p) { sum += c.distanceTo(p); });
      if (sum < bestSum) { bestSum = sum; best = c; }
    });
    var far = at.map(function (p) { return best.distanceTo(p); });
    var sorted = far.slice().sort(function (a, b) { return a - b; });
    var reach = Math.max(300e3, 4 * sorted[Math.floor(sorted.length / 2)]);
    var core = at.filter(function (_, i) { return far[i] <= reach; });
    if (core.length === at.length || core.length < 0.75 * at.length) return {bounds: L.latLngBounds(at), outside: 0};
    return {bounds: L.latLngBounds(core), outside: at.length - core.length, all: L.latLngBounds(at)};
  }

  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers(), byColor = {}, top = null;
    children.forEach(function (m) {
      var c = m.options.fillColor;
      byColor[c] = (byColor[c] || 0) + 1;
      if (top === null || byColor[c] > byColor[top]) top = c;
    });
    var n = cluster.getChildCount(), size = Math.round(26 + 7 * Math.log(n) / Math.LN10);
    var node = el("div", {class: "cluster-bubble"}, el("span", {class: "cluster-count"}, String(n)));
    node.style.borderColor = top || "#7f7f7f";
    node.style.width = node.style.height = size + "px";
    return L.divIcon({html: node, className: "event-cluster", iconSize: [size, size]});
  }

  /* greedy label placement: a label is drawn only where it overlaps none drawn before it */
  function Labeller(map, layer) {
    var taken = [];
    function fits(box) {
      for (var i = 0; i < taken.length; i++) {
        var t = taken[i];
        if (box.x1 < t.x2 && t.x1 < box.x2 && box.y1 < t.y2 && t.y1 < box.y2) return false;
      }
      return true;
    }
    return {
      reset: function () { taken = []; layer.clearLayers(); },
      reserve: function (latlng, r) {  // a marker's own square: no label covers it
        var at = map.latLngToContainerPoint(latlng);
        taken.push({x1: at.x - r, y1: at.y - r, x2: at.x + r, y2: at.y + r});
      },
      count: function () { return layer.getLayers().length; },
      full: function () { return layer.getLayers().length >= MAX_LABELS; },
      add: function (latlng, text, cls, dx) {
        var at = map.latLngToContainerPoint(latlng), size = map.getSize();
        var width = 7 * text.length + 8, height = 16;
        var x1 = at.x + dx - (dx ? 0 : width / 2), y1 = at.y - height / 2;
        var box = {x1: x1, y1: y1, x2: x1 + width, y2: y1 + height};
        if (box.x2 < 0 || box.y2 < 0 || box.x1 > size.x || box.y1 > size.y || !fits(box)) return false;
        taken.push(box);
        var icon = L.divIcon({className: "map-label " + cls, html: el("span", null, text),
                              iconSize: null, iconAnchor: [dx ? -dx : width / 2, height / 2]});
        layer.addLayer(L.marker(latlng, {icon: icon, interactive: false, keyboard: false, pane: "labels"}));
        return true;
      }
    };
  }

  function create(box) {
    if (typeof L === "undefined") {
      box.appendChild(el("p", {class: "muted pad"}, "The map needs Leaflet: run scripts/setup-web.sh (or scripts/setup.sh --web)."));
      return null;
    }
    var map = L.map(box, {worldCopyJump: true, minZoom: 2, maxZoom: 12}).setView([30, 20], 2);
    [["countries", 250], ["admin1", 260], ["labels", 450]].forEach(function (pane) {
      map.createPane(pane[0]).style.zIndex = pane[1];
    });
    map.getPane("labels").style.pointerEvents = "none";
    var tileUrl = document.body.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {maxZoom: 18, attribution: "tiles: " + tileUrl.split("/")[2]}).addTo(map);
    }
    map.attributionControl.addAttribution("borders: Natural Earth");
    var clustered = typeof L.markerClusterGroup === "function";
    var markers = clustered
      ? L.markerClusterGroup({maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
                              iconCreateFunction: clusterIcon, chunkedLoading: true, animate: false})
      : L.featureGroup();
    markers.addTo(map);
    var labelLayer = L.layerGroup().addTo(map), labeller = Labeller(map, labelLayer);
    var places = [], admin1 = [];

    /* what stands for a marker on the map now: itself, or the count bubble it is gathered in */
    function shownAs(marker) {
      var layer = marker;
      while (layer && !map.hasLayer(layer)) layer = layer.__parent;
      return layer || null;
    }

    /* one label a marker or bubble: its place's name ("Aleppo"), or the name of the place with most
       incidents in it and how many other places the bubble holds ("Aleppo +2") */
    function anchors() {
      var byLayer = {}, out = [];
      places.forEach(function (p) {
        var layer = shownAs(p.markers[0]);
        if (!layer) return;
        var id = L.stamp(layer);
        if (!byLayer[id]) {  // a bubble's half width, or a circle's radius
          var r = layer._icon ? layer._icon.offsetWidth / 2 : (layer.getRadius ? layer.getRadius() : p.r);
          byLayer[id] = {latlng: layer.getLatLng(), r: r, places: [], n: 0};
          out.push(byLayer[id]);
        }
        byLayer[id].places.push(p);
        byLayer[id].n += p.n;
      });
      return out.sort(function (a, b) { return b.n - a.n; }).map(function (a) {
        var top = a.places[0];  // places come sorted by their number of incidents
        return {latlng: a.latlng, r: a.r, name: top.name + (a.places.length > 1 ? " +" + (a.places.length - 1) : "")};
      });
    }

    function drawLabels() {
      labeller.reset();
      var shown = anchors();
      shown.forEach(function (a) { labeller.reserve(a.latlng, a.r); });
      shown.forEach(function (a) {  // beside the marker or the count bubble
        if (!labeller.full()) labeller.add(a.latlng, a.name, "place-label", a.r + 4);
      });
      var named = labeller.count(), view = map.getBounds();
      if (map.getZoom() >= ADMIN1_LABELS_FROM_ZOOM) {
        admin1.forEach(function (a) {
          if (!labeller.full() && view.contains(a.latlng)) labeller.add(a.latlng, a.name, "admin1-label", 0);
        });
      }
      box.setAttribute("data-labels", named + " places, " + (labeller.count() - named) + " regions");
    }
    var pending = null;
    function labelsSoon() {  // once the bubbles have settled after a move, zoom or spiderfy
      clearTimeout(pending);
      pending = setTimeout(drawLabels, 80);
    }
    map.on("moveend zoomend", labelsSoon);
    if (clustered) markers.on("animationend spiderfied unspiderfied", labelsSoon);

    function loadShapes() {
      if (typeof topojson === "undefined") return;
      var getTopo = function (url) { return fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); }); };
      getTopo("/vendor/world-atlas/countries-50m.json").then(function (topo) {
        L.geoJSON(topojson.feature(topo, topo.objects.countries), {
          pane: "countries", interactive: false, className: "country-shape",
          style: {color: "#7b818c", weight: 0.9, fillColor: "#f4f1ea", fillOpacity: tileUrl ? 0 : 1}
        }).addTo(map);
        box.setAttribute("data-outlines", "loaded");
      }).catch(function () { box.setAttribute("data-outlines", "failed"); });
      getTopo("/vendor/admin1/admin1.json").then(function (topo) {
        var object = topo.objects.admin1;
        var inner = topojson.mesh(topo, object, function (a, b) {  // borders inside one country only
          return a !== b && a.properties.adm0 === b.properties.adm0;
        });
        L.geoJSON(inner, {pane: "admin1", interactive: false, className: "admin1-border",
                          style: {color: "#a7a2b8", weight: 0.8, dashArray: "4 3", fill: false}}).addTo(map);
        admin1 = object.geometries.filter(function (g) {
          return g.properties.name && g.properties.lat !== null && g.properties.lon !== null;
        }).map(function (g) {
          return {name: g.properties.name, rank: g.properties.rank, latlng: L.latLng(g.properties.lat, g.properties.lon)};
        }).sort(function (a, b) { return a.rank - b.rank; });
        box.setAttribute("data-admin1", String(admin1.length));
        labelsSoon();
      }).catch(function () { box.setAttribute("data-admin1", "failed"); });
    }

    function draw(items, what) {
      markers.clearLayers();
      var placed = [], names = {};
      items.forEach(function (item) {
        if (item.latitude === null || item.longitude === null || item.latitude === undefined) return;
        var marker = L.circleMarker([item.latitude, item.longitude], {
          radius: radiusOf(item.fatalities), color: "#222", weight: 1, fillColor: CL.colorOf(item.event_type),
          fillOpacity: 0.8, className: "event-marker"
        });
        marker.bindPopup(function () { return popupFor(item); });
        marker.bindTooltip(item.event_type + " · " + (item.location || "") + " · " + (item.event_date || ""));
        markers.addLayer(marker);
        placed.push([item.latitude, item.longitude]);
        if (item.location) {
          var key = item.location + "|" + item.latitude.toFixed(2) + "|" + item.longitude.toFixed(2);
          if (!names[key]) names[key] = {name: item.location, n: 0, r: 0, markers: []};
          names[key].n += 1;
          names[key].r = Math.max(names[key].r, radiusOf(item.fatalities));
          names[key].markers.push(marker);
        }
      });
      places = Object.keys(names).map(function (k) { return names[k]; })
        .sort(function (a, b) { return b.n - a.n || (a.name < b.name ? -1 : 1); });
      var count = document.getElementById("map-count");
      CL.clear(count);
      count.appendChild(document.createTextNode(placed.length + " of " + items.length + " " + what + " placed on the map"));
      if (placed.length === 1) map.setView(placed[0], 8, {animate: false});
      else if (placed.length) {
        var core = coreOf(placed), fit = {padding: [48, 48], maxZoom: 10, animate: false};
        map.fitBounds(core.bounds, fit);
        if (core.outside) {
          var all = el("a", {href: "#map", class: "show-all"}, "show all");
          all.addEventListener("click", function (e) { e.preventDefault(); map.fitBounds(core.all, fit); });
          count.appendChild(el("span", {class: "outside"}, " · " + core.outside + " far from the rest, outside this view: ", all));
        }
      }
      labelsSoon();
      box.setAttribute("data-markers", String(placed.length));
    }

    loadShapes();
    return {map: map, draw: draw, clustered: clustered};
  }

  return {create: create, radiusOf: radiusOf};
})();
