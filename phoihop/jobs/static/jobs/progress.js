/* The job page's bar: asks the job's state (jobs:status, JSON) every second and shows it;
   once the job has ended, reloads the page, which then shows the file, the result or the
   reason. Configuration in the json_script block #job-poll: {url, interval}. */
(function () {
  "use strict";
  var config = document.getElementById("job-poll");
  if (!config || !window.fetch) return;
  var poll = JSON.parse(config.textContent);
  var bar = document.getElementById("job-progress");
  var percent = document.getElementById("job-percent");
  var stage = document.getElementById("job-stage");
  var status = document.getElementById("job-status");
  var failures = 0;

  function show(state) {
    if (bar) { bar.value = state.progress; bar.textContent = state.progress + "%"; }
    if (percent) percent.textContent = state.progress + "%";
    if (stage) stage.textContent = state.stage;
    if (status) status.textContent = state.status_label;
  }

  function ask() {
    fetch(poll.url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        failures = 0;
        show(state);
        if (state.finished) window.location.reload();
        else window.setTimeout(ask, poll.interval);
      })
      .catch(function () {
        failures += 1;  // a dropped connection: keep asking, less often
        window.setTimeout(ask, poll.interval * Math.min(10, failures + 1));
      });
  }

  window.setTimeout(ask, poll.interval);
})();
