/* Home page: search with facets, the map of events, the timeline and the "ask" box. */
"use strict";

(function () {
  var el = CL.el, clear = CL.clear, getJSON = CL.getJSON;
  var FACETS = ["actor", "event_type", "country", "admin1", "since", "until", "keyword"];
  var EVENT_LIMIT = 1000;
  var mapView = null;

  function facetValues() {
    var values = {q: document.getElementById("q").value.trim()};
    FACETS.forEach(function (name) { values[name] = document.getElementById("f-" + name).value.trim(); });
    return values;
  }

  function setFacets(values) {
    document.getElementById("q").value = values.q || "";
    FACETS.forEach(function (name) { document.getElementById("f-" + name).value = values[name] || ""; });
  }

  function fromLocation() {
    var params = new URLSearchParams(window.location.search), values = {};
    ["q"].concat(FACETS).forEach(function (name) { values[name] = params.get(name) || ""; });
    return values;
  }

  function eventParams(values) {
    return {actor: values.actor, event_type: values.event_type, country: values.country, admin1: values.admin1,
            since: values.since, until: values.until};
  }

  /* the matched words of a snippet in bold, as text, never as markup: from the hit's highlight
     spans ([start, end] or {start, end} offsets into the plain snippet) or, without them, "**word**" */
  function snippetNode(hit) {
    var node = el("p", {class: "snippet"}), text = hit.snippet || "", spans = hit.highlights;
    if (Array.isArray(spans)) {
      var pos = 0;
      spans.map(function (s) { return Array.isArray(s) ? s : [s.start, s.end]; })
        .sort(function (a, b) { return a[0] - b[0]; })
        .forEach(function (s) {
          if (s[0] < pos || s[1] > text.length || s[1] <= s[0]) return;
          node.appendChild(document.createTextNode(text.slice(pos, s[0])));
          node.appendChild(el("b", null, text.slice(s[0], s[1])));
          pos = s[1];
        });
      node.appendChild(document.createTextNode(text.slice(pos)));
      return node;
    }
    text.split("**").forEach(function (part, i) {
      node.appendChild(i % 2 ? el("b", null, part) : document.createTextNode(part));
    });
    return node;
  }

  // -- map (static_src/map.js) ------------------------------------------------------------------
  function initMap() {
    mapView = CLMap.create(document.getElementById("map"));
    if (!mapView) return;
    var legend = document.getElementById("legend");
    Object.keys(CL.TYPE_COLORS).forEach(function (type) {
      var swatch = el("span", {class: "swatch"});
      swatch.style.backgroundColor = CL.colorOf(type);
      legend.appendChild(el("span", {class: "legend-item"}, swatch, type));
    });
    legend.appendChild(el("span", {class: "legend-item muted"}, "circle size: fatalities"));
    if (mapView.clustered) legend.appendChild(el("span", {class: "legend-item muted"}, "numbered bubble: incidents at one place"));
  }

  /* what the map shows: incidents (events merged across articles) or, without them, events */
  function fromEvent(ev) {
    var quote = (ev.evidence || []).filter(function (e) { return e.field === "event"; })[0];
    return {latitude: ev.latitude, longitude: ev.longitude, event_type: ev.event_type, sub_event_type: ev.sub_event_type,
            event_date: ev.event_date, location: ev.location, admin1: ev.admin1, actor1: ev.actor1, actor2: ev.actor2,
            fatalities: ev.fatalities, quote: quote ? quote.text : "", articles: [ev.article_id],
            articleHref: "/articles/" + ev.article_id + "?event=" + ev.id, incidentHref: null};
  }

  function fromIncident(inc) {
    var first = (inc.reports || [])[0] || {};
    return {latitude: inc.latitude, longitude: inc.longitude, event_type: inc.event_type,
            sub_event_type: inc.sub_event_type, event_date: inc.event_date, location: inc.location, admin1: inc.admin1,
            actor1: inc.actor1, actor2: inc.actor2, fatalities: inc.fatalities, quote: (inc.evidence || [])[0] || "",
            articles: inc.articles || [], sources: (inc.reports || []).length,
            articleHref: first.article_id ? "/articles/" + first.article_id + "?event=" + first.event_id : null,
            incidentHref: inc.id ? "/incidents/" + inc.id : null};
  }

  function drawMarkers(items, what) {
    if (mapView) mapView.draw(items, what);
  }

  // -- timeline ---------------------------------------------------------------------------------
  function monthsOf(events) {
    var counts = {};
    events.forEach(function (ev) {
      if (!ev.event_date) return;
      var month = ev.event_date.slice(0, 7) + "-01";
      counts[month] = (counts[month] || 0) + 1;
    });
    return Object.keys(counts).sort().map(function (p) { return {period: p, incidents: counts[p], fatalities: 0}; });
  }

  function fillMonths(points) {
    if (points.length < 2) return points;
    var byPeriod = {}, out = [];
    points.forEach(function (p) { byPeriod[p.period] = p; });
    var y = +points[0].period.slice(0, 4), m = +points[0].period.slice(5, 7);
    var last = points[points.length - 1].period;
    for (var guard = 0; guard < 600; guard++) {
      var key = y + "-" + (m < 10 ? "0" : "") + m + "-01";
      out.push(byPeriod[key] || {period: key, incidents: 0, fatalities: 0});
      if (key >= last) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function drawTimeline(points) {
    var svg = document.getElementById("timeline"), NS = "http://www.w3.org/2000/svg";
    clear(svg);
    var width = svg.clientWidth || 600, height = 140, pad = 22;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    points = fillMonths(points);
    if (!points.length) {
      var empty = document.createElementNS(NS, "text");
      empty.setAttribute("x", 10); empty.setAttribute("y", 30); empty.textContent = "no dated events";
      svg.appendChild(empty);
      return;
    }
    var max = Math.max.apply(null, points.map(function (p) { return p.incidents; })) || 1;
    var slot = (width - 2 * pad) / points.length, barWidth = Math.max(2, slot * 0.8);
    points.forEach(function (p, i) {
      var h = (height - 2 * pad) * p.incidents / max;
      var bar = document.createElementNS(NS, "rect");
      bar.setAttribute("x", pad + i * slot); bar.setAttribute("y", height - pad - h);
      bar.setAttribute("width", barWidth); bar.setAttribute("height", Math.max(h, p.incidents ? 1 : 0));
      bar.setAttribute("class", "bar");
      var title = document.createElementNS(NS, "title");
      title.textContent = p.period.slice(0, 7) + ": " + p.incidents + " incidents" +
        (p.fatalities ? ", " + p.fatalities + " fatalities" : "");
      bar.appendChild(title);
      svg.appendChild(bar);
      var every = Math.ceil(points.length / 8);
      if (i % every === 0 || i === points.length - 1) {
        var label = document.createElementNS(NS, "text");
        label.setAttribute("x", pad + i * slot); label.setAttribute("y", height - 6);
        label.setAttribute("class", "axis"); label.textContent = p.period.slice(0, 7);
        svg.appendChild(label);
      }
    });
    var top = document.createElementNS(NS, "text");
    top.setAttribute("x", 2); top.setAttribute("y", 14); top.setAttribute("class", "axis");
    top.textContent = "max " + max;
    svg.appendChild(top);
  }

  // -- lists ------------------------------------------------------------------------------------
  function showSearchError(message) {
    var box = document.getElementById("search-error");
    box.textContent = message ? "Search failed: " + message : "";
    box.hidden = !message;
  }

  function drawResults(hits, message) {
    var list = document.getElementById("results");
    clear(list);
    showSearchError("");
    document.getElementById("results-count").textContent = message;
    hits.forEach(function (hit) {
      var chips = el("div", {class: "chips small"});
      (hit.keywords || []).slice(0, 8).forEach(function (k) { chips.appendChild(el("span", {class: "chip"}, k)); });
      list.appendChild(el("li", {class: "result"},
        el("a", {href: "/articles/" + (hit.article_id || hit.id), class: "result-title"}, hit.title || "(untitled)"),
        el("div", {class: "muted"}, (hit.published || "") + " " + (hit.source || "")),
        hit.snippet ? snippetNode(hit) : null, chips));
    });
  }

  function drawEvents(events, total) {
    var body = document.querySelector("#events tbody");
    clear(body);
    document.getElementById("events-count").textContent =
      events.length + (total > events.length ? " of " + total : "") + " events";
    events.slice(0, 200).forEach(function (ev) {
      var swatch = el("span", {class: "swatch"});
      swatch.style.backgroundColor = CL.colorOf(ev.event_type);
      var quote = (ev.evidence || []).filter(function (e) { return e.field === "event"; })[0];
      body.appendChild(el("tr", null,
        el("td", null, ev.event_date || ""),
        el("td", null, swatch, ev.event_type),
        el("td", null, ev.actor1 + (ev.actor2 ? " vs " + ev.actor2 : "")),
        el("td", null, ev.location || ""),
        el("td", null, String(ev.fatalities)),
        el("td", null, el("a", {href: "/articles/" + ev.article_id + "?event=" + ev.id},
                         quote ? "“" + quote.text + "”" : "article"))));
    });
  }

  // -- actions ----------------------------------------------------------------------------------
  function refresh(values) {
    var words = values.q || (values.keyword ? '"' + values.keyword.replace(/"/g, "") + '"' : "");
    var hitsPromise = words
      ? getJSON("/api/search", {q: words, since: values.since, until: values.until, keyword: values.keyword,
                                limit: 50})
      : getJSON("/api/articles", {limit: 20});
    var eventsPromise = getJSON("/api/events", Object.assign(eventParams(values), {limit: EVENT_LIMIT, with_total: "true"}));
    var ids = {};
    return Promise.all([hitsPromise, eventsPromise]).then(function (got) {
      var hits = got[0].items, events = got[1].items, total = got[1].total;
      if (words) {
        hits.forEach(function (h) { ids[h.article_id] = true; });
        events = events.filter(function (ev) { return ids[ev.article_id]; });
        total = events.length;
        drawResults(hits, hits.length + (hits.length === 50 ? "+" : "") + " articles match");
      } else {
        drawResults(hits, "latest articles");
      }
      drawEvents(events, total);
      var mapDone = getJSON("/api/incidents", Object.assign(eventParams(values), {limit: EVENT_LIMIT}))
        .then(function (body) {
          var incidents = body.items;
          if (words) incidents = incidents.filter(function (inc) {
            return (inc.articles || []).some(function (id) { return ids[id]; });
          });
          drawMarkers(incidents.map(fromIncident), "incidents");
        })
        .catch(function () { drawMarkers(events.map(fromEvent), "events"); });
      if (words) {
        drawTimeline(monthsOf(events));
      } else {
        getJSON("/api/trend", eventParams(values)).then(function (trend) {
          drawTimeline(trend.periods || []);
        }).catch(function () { drawTimeline(monthsOf(events)); });
      }
      return mapDone.then(function () { document.getElementById("home").setAttribute("data-ready", "yes"); });
    }).catch(function (error) {  // a message above the list, never an item of it
      drawResults([], "no results");
      showSearchError(error.message);
      document.getElementById("home").setAttribute("data-ready", "error");
    });
  }

  function ask(question) {
    var box = document.getElementById("ask-answer");
    box.hidden = false;
    box.setAttribute("data-ready", "no");
    clear(box);
    box.appendChild(el("p", {class: "muted"}, "Thinking about: " + question));
    getJSON("/api/ask", {q: question}).then(function (answer) {
      clear(box);
      box.appendChild(el("p", {class: "verdict"}, "Answer: " + String(answer.answer)));
      box.appendChild(el("p", {class: "summary"}, answer.summary || ""));  // its line breaks are kept (CSS)
      if (answer.coverage && answer.coverage.caveat) box.appendChild(el("p", {class: "muted caveat"}, answer.coverage.caveat));
      if ((answer.notes || []).length) {
        var notes = el("ul", {class: "ask-notes muted"});
        answer.notes.forEach(function (note) { notes.appendChild(el("li", null, String(note))); });
        box.appendChild(notes);
      }
      var list = el("ul", {class: "ask-incidents"});
      (answer.incidents || []).slice(0, 20).forEach(function (inc) {
        list.appendChild(el("li", null, el("a", {href: "/incidents/" + inc.id},
          (inc.event_date || "") + " · " + inc.event_type + " · " + (inc.location || "") +
          " · fatalities " + inc.fatalities)));
      });
      box.appendChild(list);
      if ((answer.incidents || []).length) drawMarkers(answer.incidents.map(fromIncident), "incidents behind the answer");
      box.setAttribute("data-ready", "yes");
    }).catch(function (error) {
      clear(box);
      box.appendChild(el("p", {class: "error"}, error.message));
      box.setAttribute("data-ready", "error");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initMap();
    var initial = fromLocation();
    setFacets(initial);
    refresh(initial);
    getJSON("/api/keywords", {top: 15}).then(function (body) {
      var box = document.getElementById("top-keywords"), list = document.getElementById("keyword-list");
      box.appendChild(el("div", {class: "muted"}, "Top keywords"));
      body.items.forEach(function (item) {
        var chip = el("a", {class: "chip", href: "/?keyword=" + encodeURIComponent(item.keyword)},
                      item.keyword + " (" + item.articles + ")");
        box.appendChild(chip);
        list.appendChild(el("option", {value: item.keyword}));
      });
    }).catch(function () {});
    document.getElementById("search-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var values = facetValues();
      history.replaceState(null, "", "/" + CL.query(values));
      document.getElementById("home").setAttribute("data-ready", "no");
      refresh(values);
    });
    document.getElementById("search-form").addEventListener("reset", function () {
      setTimeout(function () { history.replaceState(null, "", "/"); refresh(facetValues()); }, 0);
    });
    document.getElementById("ask-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var question = document.getElementById("ask-q").value.trim();
      if (question) ask(question);
    });
  });
})();
