/* ML Interview Playbook — the interactive parts, all in the browser: progress tracking (localStorage, keyed by
   the stable ids from data), resource filters (mirrored in the URL), the study planner, and print buttons.
   No dependencies, no network requests. Every feature starts only on pages that contain its markup. */
(function () {
  "use strict";

  var STORE_KEY = "mip-progress";
  var FORMAT = "ml-interview-playbook-progress";
  var STATUSES = ["learning", "done", "skipped"];

  /* ---------- progress store ---------- */
  var store = {
    read: function () {
      try {
        var parsed = JSON.parse(window.localStorage.getItem(STORE_KEY) || "{}");
        return parsed && typeof parsed.items === "object" && parsed.items ? parsed.items : {};
      } catch (error) {
        return {};
      }
    },
    write: function (items) {
      window.localStorage.setItem(STORE_KEY, JSON.stringify({ version: 1, items: items }));
    },
    get: function (key) {
      return store.read()[key] || "";
    },
    set: function (key, status) {
      var items = store.read();
      if (STATUSES.indexOf(status) >= 0) items[key] = status;
      else delete items[key];
      store.write(items);
    }
  };

  function enableTrackers() {
    document.querySelectorAll("[data-track]").forEach(function (box) {
      var select = box.querySelector("select");
      var key = box.getAttribute("data-track");
      select.value = store.get(key);
      box.setAttribute("data-status", select.value);
      box.hidden = false;
      select.addEventListener("change", function () {
        store.set(key, select.value);
        box.setAttribute("data-status", select.value);
      });
    });
  }

  /* ---------- app data (planner, progress) ---------- */
  function appData() {
    var node = document.getElementById("mip-data");
    if (!node) return null;
    var data = JSON.parse(node.textContent);
    data.root = node.getAttribute("data-root") || "";
    return data;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* ---------- progress overview, export, import ---------- */
  function roundProgress(data, items) {
    return data.rounds.map(function (round) {
      var topics = data.topics.filter(function (t) { return t.round === round.id; });
      var count = function (prefix, ids) {
        return ids.filter(function (id) { return items[prefix + id] === "done"; }).length;
      };
      var questions = [].concat.apply([], topics.map(function (t) { return t.questions; }));
      var problems = [].concat.apply([], topics.map(function (t) { return t.problems || []; }));
      var resources = [];
      topics.forEach(function (t) {
        t.resources.forEach(function (r) { if (resources.indexOf(r) < 0) resources.push(r); });
      });
      return {
        round: round,
        topics: [count("topic:", topics.map(function (t) { return t.id; })), topics.length],
        questions: [count("question:", questions), questions.length],
        problems: [count("problem:", problems), problems.length],
        resources: [count("resource:", resources), resources.length]
      };
    });
  }

  function renderProgress(data) {
    var box = document.getElementById("mip-progress");
    if (!box) return;
    var items = store.read();
    box.textContent = "";
    var table = el("table", { "class": "mip-progress-table" }, [
      el("thead", {}, [el("tr", {}, ["Round", "Topics done", "Questions done", "Problems done", "Resources done"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }))])
    ]);
    var body = el("tbody");
    roundProgress(data, items).forEach(function (row) {
      var cell = function (pair, label) {
        var bar = el("progress", { max: String(pair[1] || 1), value: String(pair[0]),
          "aria-label": row.round.title + ": " + label + " " + pair[0] + " of " + pair[1] });
        return el("td", {}, [bar, " " + pair[0] + " / " + pair[1]]);
      };
      body.appendChild(el("tr", { "data-round": row.round.id }, [
        el("th", { scope: "row" }, [el("a", { href: data.root + row.round.url, text: row.round.title })]),
        cell(row.topics, "topics"), cell(row.questions, "questions"), cell(row.problems, "coding problems"),
        cell(row.resources, "resources")
      ]));
    });
    table.appendChild(body);
    box.appendChild(el("div", { "class": "mip-table-wrap" }, [table]));
    var marked = Object.keys(items).length;
    box.appendChild(el("p", { "class": "mip-note", text: marked + " item(s) marked in this browser." }));
  }

  function say(text) {
    var message = document.getElementById("mip-progress-message");
    if (message) message.textContent = text;
  }

  function validItems(items) {
    if (!items || typeof items !== "object" || Array.isArray(items)) return false;
    return Object.keys(items).every(function (key) {
      return /^(topic|question|problem|resource):[a-z0-9]+(-[a-z0-9]+)*$/.test(key) && STATUSES.indexOf(items[key]) >= 0;
    });
  }

  function enableProgressPage(data) {
    if (!document.getElementById("mip-progress")) return;
    renderProgress(data);
    document.getElementById("mip-export").addEventListener("click", function () {
      var payload = { format: FORMAT, version: 1, exported_at: new Date().toISOString(), items: store.read() };
      var blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob), download: "ml-interview-progress.json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      say("Exported " + Object.keys(payload.items).length + " mark(s).");
    });
    document.getElementById("mip-import").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var parsed;
        try { parsed = JSON.parse(text); } catch (error) { parsed = null; }
        if (!parsed || parsed.format !== FORMAT || !validItems(parsed.items)) {
          say("That file is not a progress export from this site; nothing was changed.");
          return;
        }
        store.write(parsed.items);
        renderProgress(data);
        say("Imported " + Object.keys(parsed.items).length + " mark(s).");
      });
      event.target.value = "";
    });
    document.getElementById("mip-reset").addEventListener("click", function () {
      if (!window.confirm("Clear every progress mark in this browser?")) return;
      store.write({});
      renderProgress(data);
      say("All progress cleared.");
    });
  }

  function enableRoundCards() {
    var cards = document.querySelectorAll("[data-round-progress]");
    if (!cards.length) return;
    var items = store.read();
    cards.forEach(function (node) {
      var topics = (node.getAttribute("data-topics") || "").split(" ").filter(Boolean);
      var done = topics.filter(function (id) { return items["topic:" + id] === "done"; }).length;
      if (done) {
        node.textContent = done + " of " + topics.length + " topics done";
        node.hidden = false;
      }
    });
  }

  /* ---------- resource filters ---------- */
  var FACETS = ["topic", "type", "cost", "level", "round"];
  var LIST_ATTRIBUTES = { round: "data-rounds", topic: "data-topics" };

  function cardValues(card, facet) {
    var value = card.getAttribute(LIST_ATTRIBUTES[facet] || "data-" + facet) || "";
    return value.split(" ").filter(Boolean);
  }

  function enableFilters() {
    var form = document.getElementById("mip-filters");
    if (!form) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".mip-resource[id^='res-']"));
    var status = document.getElementById("mip-filter-status");
    form.hidden = false;

    function chosen() {
      var result = {};
      FACETS.forEach(function (facet) {
        result[facet] = Array.prototype.slice.call(form.querySelectorAll("input[name='" + facet + "']:checked"))
          .map(function (input) { return input.value; });
      });
      var topic = form.elements.topic.value;
      result.topic = topic ? [topic] : [];
      return result;
    }
    function matches(card, selection, skip) {
      return FACETS.every(function (facet) {
        if (facet === skip || !selection[facet].length) return true;
        return cardValues(card, facet).some(function (v) { return selection[facet].indexOf(v) >= 0; });
      });
    }
    function apply(updateUrl) {
      var selection = chosen();
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, selection, null);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      form.querySelectorAll("[data-count-for]").forEach(function (node) {
        var parts = node.getAttribute("data-count-for").split(":");
        var n = cards.filter(function (card) {
          return matches(card, selection, parts[0]) && cardValues(card, parts[0]).indexOf(parts[1]) >= 0;
        }).length;
        node.textContent = "(" + n + ")";
      });
      status.textContent = "Showing " + shown + " of " + cards.length + " resources.";
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        FACETS.forEach(function (facet) {
          if (selection[facet].length) params.set(facet, selection[facet].join(","));
          else params.delete(facet);
        });
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }
    var params = new URLSearchParams(window.location.search);
    FACETS.forEach(function (facet) {
      (params.get(facet) || "").split(",").filter(Boolean).forEach(function (value) {
        if (facet === "topic") {
          if (form.querySelector("option[value='" + CSS.escape(value) + "']")) form.elements.topic.value = value;
          return;
        }
        var input = form.querySelector("input[name='" + facet + "'][value='" + CSS.escape(value) + "']");
        if (input) input.checked = true;
      });
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  /* ---------- study planner ---------- */
  var RARITY_WEIGHT = { common: 1, occasional: 0.7, rare: 0.4 };

  function shares(data, selected) {
    // Each selected round's share of the time, in percent; a round carved out of another takes its maximum
    // from that round when both are selected.
    var result = {};
    data.rounds.forEach(function (round) {
      if (selected.indexOf(round.id) >= 0) result[round.id] = round.max;
    });
    data.rounds.forEach(function (round) {
      if (result[round.id] !== undefined && round.takenFrom && result[round.takenFrom] !== undefined) {
        result[round.takenFrom] = Math.max(0, result[round.takenFrom] - round.max);
      }
    });
    var total = Object.keys(result).reduce(function (sum, id) { return sum + result[id]; }, 0) || 1;
    Object.keys(result).forEach(function (id) { result[id] = result[id] / total; });
    return result;
  }

  function weeksFrom(form) {
    var date = form.elements.date.value;
    if (date) {
      var days = (new Date(date + "T00:00:00") - new Date(new Date().toDateString())) / 86400000;
      return Math.max(1, Math.min(26, Math.ceil(days / 7)));
    }
    return Math.max(1, Math.min(26, parseInt(form.elements.weeks.value, 10) || 1));
  }

  function makePlan(data, options) {
    var split = shares(data, options.rounds);
    var revision = options.weeks >= 4;
    var studyWeeks = revision ? options.weeks - 1 : options.weeks;
    var weeks = [];
    for (var w = 0; w < options.weeks; w += 1) weeks.push({ number: w + 1, rounds: {} });
    options.rounds.forEach(function (roundId) {
      var topics = data.topics.filter(function (t) {
        return t.round === roundId && (options.level === "senior" || t.level === "all");
      });
      if (!topics.length || !split[roundId]) return;
      var weights = topics.map(function (t) { return RARITY_WEIGHT[t.rarity] || 1; });
      var total = weights.reduce(function (a, b) { return a + b; }, 0);
      var roundHours = split[roundId] * options.hours * studyWeeks;
      // Lay the round's topics end to end over the study weeks; a topic that straddles a boundary is listed in both.
      var position = 0;
      topics.forEach(function (topic, index) {
        var start = position / total * studyWeeks;
        position += weights[index];
        var end = position / total * studyWeeks;
        var first = Math.min(studyWeeks - 1, Math.floor(start));
        var last = Math.min(studyWeeks - 1, Math.max(first, Math.ceil(end) - 1));
        for (var k = first; k <= last; k += 1) {
          var week = weeks[k].rounds[roundId] = weeks[k].rounds[roundId] || { hours: 0, topics: [] };
          week.topics.push(topic);
        }
      });
      for (var k = 0; k < studyWeeks; k += 1) {
        if (weeks[k].rounds[roundId]) weeks[k].rounds[roundId].hours = roundHours / studyWeeks;
      }
      if (revision) weeks[options.weeks - 1].rounds[roundId] = { hours: split[roundId] * options.hours, topics: [], revision: true };
    });
    return { weeks: weeks, split: split };
  }

  function renderPlan(data, options, plan, target) {
    target.textContent = "";
    var byId = {};
    data.rounds.forEach(function (r) { byId[r.id] = r; });
    var summary = options.rounds.map(function (id) {
      return byId[id].title + " " + Math.round((plan.split[id] || 0) * 100) + "%";
    }).join(", ");
    target.appendChild(el("h2", { id: "your-plan", text: "Your " + options.weeks + "-week plan" }));
    target.appendChild(el("p", { text: "Time split: " + summary + ". About " + options.hours + " hours a week." }));
    var list = el("ol", { "class": "mip-plan__weeks" });
    plan.weeks.forEach(function (week) {
      var item = el("li", { "class": "mip-plan__week", "data-week": String(week.number) }, [
        el("h3", { text: "Week " + week.number })
      ]);
      options.rounds.forEach(function (roundId) {
        var part = week.rounds[roundId];
        if (!part) return;
        var hours = Math.max(0.5, Math.round(part.hours * 2) / 2);
        var block = el("div", { "class": "mip-plan__round", "data-round": roundId }, [
          el("p", { "class": "mip-plan__round-title" }, [el("strong", { text: byId[roundId].title }), " · ~" + hours + " h"])
        ]);
        if (part.revision) {
          block.appendChild(el("p", { text: "Revision: quick-revision list, practice questions you skipped, and a mock interview." }));
        } else {
          var topics = el("ul");
          part.topics.forEach(function (topic) {
            topics.appendChild(el("li", { "data-topic": topic.id }, [
              el("a", { href: data.root + topic.url, text: topic.title }),
              topic.level === "senior" ? " (senior)" : "",
              topic.questions.length ? " — " + topic.questions.length + " practice questions" : ""
            ]));
          });
          block.appendChild(topics);
        }
        item.appendChild(block);
      });
      list.appendChild(item);
    });
    target.appendChild(list);
  }

  function enablePlanner(data) {
    var form = document.getElementById("mip-planner");
    if (!form) return;
    var target = document.getElementById("mip-plan");
    function build() {
      var rounds = Array.prototype.slice.call(form.querySelectorAll("input[name='rounds']:checked"))
        .map(function (input) { return input.value; });
      if (!rounds.length) {
        target.textContent = "Choose at least one round.";
        return;
      }
      var options = {
        weeks: weeksFrom(form),
        hours: Math.max(1, Math.min(60, parseInt(form.elements.hours.value, 10) || 10)),
        level: form.querySelector("input[name='level']:checked").value,
        rounds: rounds
      };
      renderPlan(data, options, makePlan(data, options), target);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); build(); });
    build();
  }

  function enablePrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* Material wraps each code block's copy button in an unnamed <nav>; on a page with several code blocks those
     become indistinguishable navigation landmarks. A button bar is not navigation: drop the landmark role. */
  function unlandmarkCodeButtons() {
    var fix = function () {
      document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
        nav.setAttribute("role", "none");
      });
    };
    fix();
    new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  }

  function start() {
    unlandmarkCodeButtons();
    enableTrackers();
    enableFilters();
    enablePrintButtons();
    enableRoundCards();
    var data = appData();
    if (data) {
      enablePlanner(data);
      enableProgressPage(data);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* ---------- search landing (kept apart so it merges cleanly) ----------
   A search result, a shared link or a "Prepares you for" link points at one question, worked-case step, rubric
   row or ladder rung by its anchor (#q-<id>, #case-<id>-<step>, #rubric-<topic>, #p-<id> …). Open the
   <details> that holds it, on load and whenever the hash changes, so the reader lands on the answer with the
   search terms (Material's ?h= highlight) visible instead of on a closed question. */
(function () {
  "use strict";

  function openLinkedDetails() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    var target = id ? document.getElementById(id) : null;
    if (!target) return;
    var opened = false;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        opened = true;
      }
    }
    if (opened) {
      var mark = target.querySelector("mark[data-md-highlight]");
      (mark || target).scrollIntoView({ block: mark ? "center" : "start" });
    }
  }

  window.addEventListener("hashchange", openLinkedDetails);
  /* Now, not later: Material highlights the ?h= terms only in text that is visible when the index arrives. */
  openLinkedDetails();
  document.addEventListener("DOMContentLoaded", openLinkedDetails);
})();
