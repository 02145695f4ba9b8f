/* Article page: pointing at an event row highlights the words its fields were read from. */
"use strict";

(function () {
  function focusEvent(index) {
    var marks = document.querySelectorAll("#article-text mark");
    var first = null;
    Array.prototype.forEach.call(marks, function (mark) {
      var events = (mark.getAttribute("data-events") || "").split(" ");
      var on = index !== null && events.indexOf(String(index)) >= 0;
      mark.classList.toggle("focus", on);
      if (on && !first) first = mark;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".event-row"), function (row) {
      row.classList.toggle("selected", row.getAttribute("data-event") === String(index));
    });
    return first;
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".event-row"), function (row) {
      var index = row.getAttribute("data-event");
      row.addEventListener("mouseenter", function () { focusEvent(index); });
      row.addEventListener("click", function () {
        var first = focusEvent(index);
        if (first) first.scrollIntoView({behavior: "smooth", block: "center"});
      });
      row.addEventListener("keydown", function (e) { if (e.key === "Enter") row.click(); });
    });
    var wanted = /[?&]event=(\d+)/.exec(window.location.search);  // the database id of an event
    var row = wanted && document.querySelector('.event-row[data-event-id="' + wanted[1] + '"]');
    if (row) {
      var first = focusEvent(row.getAttribute("data-event"));
      if (first) first.scrollIntoView({block: "center"});
    }
  });
})();
