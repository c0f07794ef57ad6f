/* Date fields (core.forms.DateInput) are text boxes showing dd/mm/yyyy whatever the
   browser's language. This adds a small calendar beside each, built here (no CDN, works
   offline); typing stays the main way and the server parses what is typed. */
(function () {
  "use strict";
  var EN = (document.documentElement.lang || "").slice(0, 2) === "en";
  var WORDS = EN
    ? { open: "Choose a date", prevYear: "Previous year", prev: "Previous month", next: "Next month",
        nextYear: "Next year", today: "Today", close: "Close",
        month: function (m, y) { return ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"][m] + " " + y; },
        days: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] }
    : { open: "Chọn ngày", prevYear: "Năm trước", prev: "Tháng trước", next: "Tháng sau",
        nextYear: "Năm sau", today: "Hôm nay", close: "Đóng",
        month: function (m, y) { return "Tháng " + (m + 1) + "/" + y; },
        days: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"] };
  var VN = /^\s*(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{4})\s*$/;
  var ISO = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function day(y, m, d) {
    var date = new Date(y, m, d);
    date.setFullYear(y);  // years below 100 are not shifted to 19xx
    return date.getMonth() === m && date.getDate() === d ? date : null;
  }
  function parse(text) {
    var m = VN.exec(text || "");
    if (m) return day(+m[3], m[2] - 1, +m[1]);
    m = ISO.exec(text || "");
    return m ? day(+m[1], m[2] - 1, +m[3]) : null;
  }
  function same(a, b) { return a && b && a.getTime() === b.getTime(); }

  var picker = null;  // the one open calendar: {input, button, box, shown}

  function close(focusInput) {
    if (!picker) return;
    var input = picker.input;
    picker.button.setAttribute("aria-expanded", "false");
    picker.box.remove();
    picker = null;
    if (focusInput) input.focus();
  }

  function navButton(text, label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = label;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function render() {
    var p = picker, box = p.box, shown = p.shown;
    var chosen = parse(p.input.value), today = new Date();
    today = day(today.getFullYear(), today.getMonth(), today.getDate());
    var min = parse(p.input.dataset.min), max = parse(p.input.dataset.max);
    box.textContent = "";
    var head = document.createElement("div");
    head.className = "dp-head";
    function move(months) {
      return function () {
        p.shown = new Date(shown.getFullYear(), shown.getMonth() + months, 1);
        render();
      };
    }
    head.appendChild(navButton("«", WORDS.prevYear, move(-12)));
    head.appendChild(navButton("‹", WORDS.prev, move(-1)));
    var title = document.createElement("span");
    title.className = "dp-title";
    title.setAttribute("aria-live", "polite");
    title.textContent = WORDS.month(shown.getMonth(), shown.getFullYear());
    head.appendChild(title);
    head.appendChild(navButton("›", WORDS.next, move(1)));
    head.appendChild(navButton("»", WORDS.nextYear, move(12)));
    box.appendChild(head);

    var grid = document.createElement("table");
    grid.className = "dp-grid";
    var row = document.createElement("tr");
    WORDS.days.forEach(function (name) {
      var th = document.createElement("th");
      th.textContent = name;
      row.appendChild(th);
    });
    grid.appendChild(row);
    var first = new Date(shown.getFullYear(), shown.getMonth(), 1);
    var offset = (first.getDay() + 6) % 7;  // weeks start on Monday
    var cell = new Date(first.getFullYear(), first.getMonth(), 1 - offset);
    for (var week = 0; week < 6; week++) {
      row = document.createElement("tr");
      for (var i = 0; i < 7; i++) {
        var td = document.createElement("td");
        if (cell.getMonth() === shown.getMonth()) {
          var b = document.createElement("button");
          b.type = "button";
          b.textContent = cell.getDate();
          b.dataset.date = format(cell);
          b.setAttribute("aria-label", format(cell));
          if (same(cell, chosen)) b.setAttribute("aria-pressed", "true");
          if (same(cell, today)) b.className = "dp-today";
          b.disabled = (min && cell < min) || (max && cell > max);
          td.appendChild(b);
        }
        row.appendChild(td);
        cell = new Date(cell.getFullYear(), cell.getMonth(), cell.getDate() + 1);
      }
      grid.appendChild(row);
    }
    grid.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-date]");
      if (!target) return;
      p.input.value = target.dataset.date;
      p.input.dispatchEvent(new Event("change", { bubbles: true }));
      close(true);
    });
    box.appendChild(grid);

    var foot = document.createElement("div");
    foot.className = "dp-foot";
    foot.appendChild(navButton(WORDS.today, WORDS.today, function () {
      p.shown = new Date(today.getFullYear(), today.getMonth(), 1);
      render();
    }));
    foot.appendChild(navButton(WORDS.close, WORDS.close, function () { close(true); }));
    box.appendChild(foot);
  }

  function open(input, button) {
    close(false);
    var box = document.createElement("div");
    box.className = "datepicker";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", WORDS.open);
    var start = parse(input.value) || new Date();
    picker = { input: input, button: button, box: box, shown: new Date(start.getFullYear(), start.getMonth(), 1) };
    render();
    button.parentNode.appendChild(box);
    button.setAttribute("aria-expanded", "true");
    var focus = box.querySelector("[aria-pressed=true]") || box.querySelector(".dp-today") || box.querySelector("td button");
    if (focus) focus.focus();
  }

  function calendarIcon() {  // drawn here: no image file, no icon font, no emoji font needed
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    [["rect", { x: 1.5, y: 3, width: 13, height: 11.5, rx: 1.5, fill: "none" }],
     ["path", { d: "M1.5 6.5h13M5 1.5v3M11 1.5v3", fill: "none" }],
     ["rect", { x: 4, y: 9, width: 2.5, height: 2.5, stroke: "none", fill: "currentColor" }]].forEach(function (part) {
      var el = document.createElementNS(ns, part[0]);
      Object.keys(part[1]).forEach(function (k) { el.setAttribute(k, part[1][k]); });
      svg.appendChild(el);
    });
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "1.3");
    return svg;
  }

  function enhance(input) {
    var wrap = document.createElement("span");
    wrap.className = "date-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "date-open";
    button.title = WORDS.open;
    button.setAttribute("aria-label", WORDS.open);
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.appendChild(calendarIcon());
    wrap.appendChild(button);
    button.addEventListener("click", function () {
      if (picker && picker.input === input) close(true); else open(input, button);
    });
    input.addEventListener("change", function () {
      var date = parse(input.value);
      if (date) input.value = format(date);  // 5/3/2020 → 05/03/2020
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && picker) close(true);
  });
  document.addEventListener("click", function (event) {
    // A click that re-drew the calendar has a detached target: not a click outside.
    var target = event.target;
    if (picker && target.isConnected && !picker.box.contains(target) && !picker.button.contains(target)) close(false);
  });
  function start() {
    document.querySelectorAll("input[data-date-input]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
