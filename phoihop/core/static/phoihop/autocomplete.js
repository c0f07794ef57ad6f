/* Search-as-you-type for <div class="ac"> wrappers around a <select multiple>
   (phoihop.localities.widgets.LocalityAutocompleteWidget). Without this script the
   select works on its own; with it, the chosen units show as a list and a search box
   asks the server (data-ac-url) for suggestions. The select stays what the form posts. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function enhance(box) {
    var select = box.querySelector("select");
    if (!select || box.dataset.acReady) return;
    box.dataset.acReady = "1";
    var chosen = el("ul", { "class": "ac-chosen", "aria-live": "polite" });
    var input = el("input", {
      type: "search", "class": "ac-input", autocomplete: "off",
      placeholder: box.dataset.acPlaceholder || "",
      "aria-label": box.dataset.acPlaceholder || "",
      "aria-controls": select.id + "-suggestions"
    });
    var list = el("ul", { "class": "ac-suggestions", role: "listbox", id: select.id + "-suggestions" });
    select.hidden = true;
    box.appendChild(chosen);
    box.appendChild(input);
    box.appendChild(list);

    function renderChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        var item = el("li", {}, option.textContent + " ");
        var remove = el("button", { type: "button", "class": "linklike" }, box.dataset.acRemove || "×");
        remove.addEventListener("click", function () { option.selected = false; renderChosen(); });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function choose(unit) {
      var option = select.querySelector('option[value="' + unit.id + '"]');
      if (!option) {
        option = el("option", { value: String(unit.id) }, unit.label);
        select.appendChild(option);
      }
      option.selected = true;
      input.value = "";
      list.textContent = "";
      renderChosen();
      input.focus();
    }

    function day() {
      var source = box.dataset.acOnInput && document.getElementById(box.dataset.acOnInput);
      return (source && source.value) || box.dataset.acOn || "";
    }

    function label(unit) {
      if (!unit.valid_to) return unit.full_name;
      // valid_to is the first day a unit is no longer in force: show the last day it was.
      var last = new Date(unit.valid_to + "T00:00:00Z");
      last.setUTCDate(last.getUTCDate() - 1);
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      var shown = pad(last.getUTCDate()) + "/" + pad(last.getUTCMonth() + 1) + "/" + last.getUTCFullYear();
      return unit.full_name + " (" + (box.dataset.acUntil || "") + " " + shown + ")";
    }

    function show(units) {
      list.textContent = "";
      if (!units.length) {
        list.appendChild(el("li", { "class": "muted" }, box.dataset.acEmpty || ""));
        return;
      }
      units.forEach(function (unit) {
        unit.label = label(unit);
        var item = el("li", { role: "option" });
        var pick = el("button", { type: "button", "class": "linklike" }, unit.label);
        pick.addEventListener("click", function () { choose(unit); });
        item.appendChild(pick);
        list.appendChild(item);
      });
    }

    var timer = null, asked = 0;
    function search() {
      var q = input.value.trim();
      if (!q) { list.textContent = ""; return; }
      var params = new URLSearchParams({ q: q });
      if (day()) params.set("on", day());
      if (box.dataset.acParent) params.set("parent", box.dataset.acParent);
      var ticket = ++asked;
      fetch(box.dataset.acUrl + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (units) { if (ticket === asked) show(units); })
        .catch(function () { list.textContent = ""; });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();  // never submit the whole form from the search box
        var first = list.querySelector("button");
        if (first) first.click();
      } else if (event.key === "Escape") {
        input.value = "";
        list.textContent = "";
      }
    });
    renderChosen();
  }

  function init() { document.querySelectorAll(".ac").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
