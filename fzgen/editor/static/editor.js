// fzgen edit: while the coordinator types, the form is checked with the same rules as
// "Speichern" (nothing is saved), and each error appears at its field. Without this
// script the form works the same; errors then appear after "Prüfen" or "Speichern".
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  if (!form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var status = document.getElementById("live-status");
  var timer = null;
  var asked = 0;

  function describe(input, errorId, invalid) {
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== errorId;
    });
    if (invalid) {
      ids.push(errorId);
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    if (ids.length) {
      input.setAttribute("aria-describedby", ids.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
  }

  function place(input, errorId, messages) {
    var box = document.getElementById(errorId);
    if (!messages.length) {
      if (box) {
        box.remove();
      }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "error";
      box.id = errorId;
      var holder = input.closest(".language, .field, fieldset.choices") || input.parentNode;
      holder.appendChild(box);
    }
    box.replaceChildren.apply(box, messages.map(function (message) {
      var line = document.createElement("p");
      line.textContent = message;
      return line;
    }));
  }

  function show(result) {
    var count = 0;
    form.querySelectorAll("input[id], select[id], textarea[id]").forEach(function (input) {
      if (!input.name || input.name.charAt(0) === "_") {
        return;
      }
      var messages = result.errors[input.id] || [];
      count += messages.length;
      place(input, input.id + "-error", messages);
      describe(input, input.id + "-error", messages.length > 0);
    });
    Object.keys(result.previews || {}).forEach(function (id) {
      var preview = document.getElementById(id + "-preview");
      if (preview) {
        // The site's own sanitised HTML of the text (only harmless tags are left).
        preview.innerHTML = result.previews[id];
      }
    });
    form.querySelectorAll(".sentence[data-entry]").forEach(function (line) {
      line.textContent = result.sentences[Number(line.dataset.entry)] || "";
    });
    if (status) {
      status.textContent = count + result.general.length ? status.dataset.errors : "";
    }
  }

  function check() {
    var data = new URLSearchParams(new FormData(form));
    data.set("_action", "live");
    var mine = ++asked;
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (result) {
        if (result && mine === asked) {
          show(result);
        }
      })
      .catch(function () { /* the next change asks again */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 700);
  }

  // A time range is typed ("9:30-11") or picked as start and end: each follows the other.
  var RANGE = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:[-\u2013\u2014]|bis|to)\s*(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?\s*$/i;

  function two(digits) {
    return ("0" + (digits || "0")).slice(-2);
  }

  function follow(event) {
    var input = event.target;
    if (input.dataset && input.dataset.range) {
      var typed = document.getElementById(input.dataset.range);
      var start = document.getElementById(input.dataset.range + "-start");
      var end = document.getElementById(input.dataset.range + "-end");
      if (typed && start.value && end.value) {
        typed.value = start.value + "-" + end.value;
      }
      return;
    }
    var from = document.getElementById(input.id + "-start");
    var to = document.getElementById(input.id + "-end");
    var match = from && to ? RANGE.exec(input.value) : null;
    if (match) {
      from.value = two(match[1]) + ":" + two(match[2]);
      to.value = two(match[3]) + ":" + two(match[4]);
    }
  }

  form.addEventListener("input", follow);
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
