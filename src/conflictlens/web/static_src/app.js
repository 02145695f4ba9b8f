/* conflictlens: helpers shared by the pages. Data is always inserted as text, never as markup. */
"use strict";

var CL = (function () {
  var TYPE_COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4"
  };
  var OTHER_COLOR = "#7f7f7f";

  function colorOf(type) {
    return TYPE_COLORS[type] || OTHER_COLOR;
  }

  /* el("a", {href: "/x", class: "y"}, "text", child, ...) -> element; strings become text nodes */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var name;
    attrs = attrs || {};
    for (name in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, name) || attrs[name] === null || attrs[name] === undefined) continue;
      if (name === "class") node.className = attrs[name];
      else if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value !== null && value !== undefined && value !== "") {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function getJSON(path, params) {
    return fetch(path + query(params || {}), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            var error = new Error((body && body.error && body.error.message) || ("HTTP " + response.status));
            error.status = response.status;
            throw error;
          }
          return body;
        });
      });
  }

  /* paint the little colour swatches server-rendered pages carry (data-type) */
  function paintSwatches(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(".swatch[data-type]"), function (node) {
      node.style.backgroundColor = colorOf(node.getAttribute("data-type"));
    });
  }

  document.addEventListener("DOMContentLoaded", function () { paintSwatches(document); });

  return {TYPE_COLORS: TYPE_COLORS, colorOf: colorOf, el: el, clear: clear, query: query, getJSON: getJSON,
          paintSwatches: paintSwatches};
})();
