/* The main menu folds behind a button on narrow screens (phoihop.css, max-width 700px).
   Loaded in <head> without defer so the "js" class is set before the first paint; without
   JavaScript the class is missing and the menu simply stays open. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".navtoggle");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.body.classList.contains("nav-open")) {
        document.body.classList.remove("nav-open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  });
})();
