/* ML Interview Playbook — the interactive parts, all in the browser: progress tracking (localStorage, keyed by
   the stable ids from data) shown wherever an item appears, resource filters and paging (mirrored in the URL),
   the study planner (inputs in the URL), and print buttons. No dependencies, no network requests. Every feature
   starts only on pages that contain its markup. */
(function () {
  "use strict";

  var STORE_KEY = "mip-progress";
  var FORMAT = "ml-interview-playbook-progress";
  var STATUSES = ["learning", "done", "skipped"];
  var LABELS = { learning: "Learning", done: "Done", skipped: "Skipped" };
  // Any "<kind>:<kebab-id>" key: topic, question, resource, case, problem… New kinds need no change here.
  var KEY = /^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$/;

  /* ---------- progress store ----------
     Stored as {version: 2, items: {key: status}, times: {key: ms}}: `times` says when each mark was last set or
     cleared (a cleared mark keeps its time, so an older import cannot bring it back). Version 1 (items only)
     still loads: its marks count as older than any timed one. */
  function parseState(text) {
    try {
      var parsed = JSON.parse(text || "{}");
      var items = parsed && typeof parsed.items === "object" && parsed.items && !Array.isArray(parsed.items) ? parsed.items : {};
      var times = parsed && typeof parsed.times === "object" && parsed.times && !Array.isArray(parsed.times) ? parsed.times : {};
      return { items: items, times: times };
    } catch (error) {
      return { items: {}, times: {} };
    }
  }
  var store = {
    state: function () { return parseState(window.localStorage.getItem(STORE_KEY)); },
    read: function () { return store.state().items; },
    save: function (state) {
      window.localStorage.setItem(STORE_KEY, JSON.stringify({ version: 2, items: state.items, times: state.times }));
    },
    get: function (key) { return store.read()[key] || ""; },
    set: function (key, status) {
      var state = store.state();
      if (STATUSES.indexOf(status) >= 0) state.items[key] = status;
      else delete state.items[key];
      state.times[key] = Date.now();
      store.save(state);
    }
  };

  function timeOf(value, fallback) {
    var number = typeof value === "number" ? value : Date.parse(value);
    return isFinite(number) ? number : fallback;
  }

  /* Merge an imported state into the local one: for each item the newer mark wins (an import's untimed marks
     date from its export time); on a tie the mark already here stays. */
  function mergeStates(local, incoming, incomingDefaultTime) {
    var result = { items: {}, times: {} };
    var keys = {};
    [local.items, local.times, incoming.items, incoming.times].forEach(function (map) {
      Object.keys(map).forEach(function (key) { keys[key] = true; });
    });
    Object.keys(keys).forEach(function (key) {
      var localTime = timeOf(local.times[key], 0);
      var incomingTime = timeOf(incoming.times[key], incomingDefaultTime);
      var fromIncoming = (key in incoming.items || key in incoming.times) && incomingTime > localTime;
      var source = fromIncoming ? incoming : local;
      var time = fromIncoming ? incomingTime : localTime;
      if (source.items[key]) result.items[key] = source.items[key];
      if (time) result.times[key] = time;
    });
    return result;
  }

  /* ---------- marks shown where the reader studies ---------- */
  function countStatuses(items, keys) {
    var counts = { learning: 0, done: 0, skipped: 0, total: keys.length };
    keys.forEach(function (key) { if (counts[items[key]] !== undefined) counts[items[key]] += 1; });
    return counts;
  }

  function countsText(counts, noun) {
    return counts.done + " of " + counts.total + " " + noun + " done · " + counts.learning + " learning · " +
      counts.skipped + " skipped";
  }

  function navKey(link, items) {
    var path = (link.pathname || "").replace(/\/index\.html$/, "/");
    var match = /\/([a-z0-9]+(?:-[a-z0-9]+)*)\/$/.exec(path);
    if (!match) return "";
    var candidates = ["topic:" + match[1], "case:" + match[1]];
    for (var i = 0; i < candidates.length; i += 1) if (items[candidates[i]]) return candidates[i];
    return "";
  }

  function showMarks() {
    var items = store.read();
    document.querySelectorAll("[data-state-of]").forEach(function (node) {
      var status = items[node.getAttribute("data-state-of")] || "";
      node.textContent = status ? LABELS[status] : "";
      node.setAttribute("data-status", status);
      node.hidden = !status;
    });
    document.querySelectorAll("[data-track]").forEach(function (box) {
      var status = items[box.getAttribute("data-track")] || "";
      box.setAttribute("data-status", status);
      var holder = box.closest("details");
      if (holder) holder.setAttribute("data-status", status);
    });
    document.querySelectorAll("[data-count-keys]").forEach(function (node) {
      var keys = (node.getAttribute("data-count-keys") || "").split(" ").filter(Boolean);
      if (!keys.length) return;
      var counts = countStatuses(items, keys);
      node.textContent = countsText(counts, node.getAttribute("data-count-label") || "items");
      node.setAttribute("data-done", counts.done === counts.total ? "all" : counts.done ? "some" : "none");
      node.hidden = false;
    });
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var key = navKey(link, items);
      var mark = link.querySelector(".mip-nav-state");
      if (!key) {
        if (mark) mark.remove();
        return;
      }
      if (!mark) {
        mark = el("span", { "class": "mip-nav-state" });
        link.appendChild(mark);
      }
      mark.setAttribute("data-status", items[key]);
      mark.textContent = "";
      mark.appendChild(el("span", { "class": "mip-sr-only", text: " (" + LABELS[items[key]].toLowerCase() + ")" }));
    });
    enableRoundCards(items);
  }

  function enableTracker(box, items) {
    if (box.getAttribute("data-enabled")) return;
    box.setAttribute("data-enabled", "1");
    var select = box.querySelector("select");
    var key = box.getAttribute("data-track");
    select.value = items[key] || "";
    box.hidden = false;
    select.addEventListener("change", function () {
      store.set(key, select.value);
      showMarks();
    });
  }

  function enableTrackers(root) {
    var items = store.read();
    (root || document).querySelectorAll("[data-track]:not([data-enabled])").forEach(function (box) {
      enableTracker(box, items);
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

  function stateChip(key) {
    return el("span", { "class": "mip-state", "data-state-of": key, hidden: "" });
  }

  /* ---------- progress overview, export, import ---------- */
  function unique(list) {
    return list.filter(function (value, index) { return list.indexOf(value) === index; });
  }

  function roundKeys(data, round) {
    var topics = data.topics.filter(function (t) { return t.round === round.id; });
    return {
      topics: topics,
      topicKeys: topics.map(function (t) { return "topic:" + t.id; }),
      questionKeys: [].concat.apply([], topics.map(function (t) {
        return t.questions.map(function (q) { return "question:" + q; });
      })),
      problemKeys: [].concat.apply([], topics.map(function (t) {
        return (t.problems || []).map(function (p) { return "problem:" + p; });
      })),
      resourceKeys: unique([].concat.apply([], topics.map(function (t) { return t.resources; })))
        .map(function (r) { return "resource:" + r; })
    };
  }

  function countCell(items, keys) {
    var counts = countStatuses(items, keys);
    var bar = el("progress", { max: String(counts.total || 1), value: String(counts.done), "aria-hidden": "true" });
    return el("td", {}, [
      bar, " " + counts.done + " / " + counts.total,
      el("span", { "class": "mip-muted mip-progress-more", text: counts.learning + " learning · " + counts.skipped + " skipped" })
    ]);
  }

  function renderProgress(data) {
    var box = document.getElementById("mip-progress");
    if (!box) return;
    var items = store.read();
    box.textContent = "";
    var head = function (first) {
      return el("thead", {}, [el("tr", {}, [first, "Topics done", "Questions done", "Problems done", "Resources done"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }))]);
    };
    var table = el("table", { "class": "mip-progress-table mip-stack" }, [head("Round")]);
    var body = el("tbody");
    var details = [];
    data.rounds.forEach(function (round) {
      var keys = roundKeys(data, round);
      if (!keys.topics.length) return;
      body.appendChild(el("tr", { "data-round": round.id }, [
        el("th", { scope: "row" }, [el("a", { href: data.root + round.url, text: round.title })]),
        countCell(items, keys.topicKeys), countCell(items, keys.questionKeys), countCell(items, keys.problemKeys),
        countCell(items, keys.resourceKeys)
      ]));
      var topicBody = el("tbody");
      keys.topics.forEach(function (topic) {
        var status = items["topic:" + topic.id];
        topicBody.appendChild(el("tr", { "data-topic": topic.id }, [
          el("th", { scope: "row" }, [el("a", { href: data.root + topic.url, text: topic.title }),
            status ? el("span", { "class": "mip-state", "data-status": status, text: LABELS[status] }) : ""]),
          el("td", { text: status ? LABELS[status] : "Not started" }),
          countCell(items, topic.questions.map(function (q) { return "question:" + q; })),
          countCell(items, topic.resources.map(function (r) { return "resource:" + r; }))
        ]));
      });
      var topicTable = el("table", { "class": "mip-progress-table mip-stack" }, [
        el("thead", {}, [el("tr", {}, ["Topic", "Topic mark", "Questions done", "Resources done"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]), topicBody
      ]);
      details.push(el("details", { "class": "mip-progress-topics", "data-round": round.id }, [
        el("summary", { text: round.title + ": topic by topic" }), el("div", { "class": "mip-table-wrap" }, [topicTable])
      ]));
    });
    table.appendChild(body);
    box.appendChild(el("div", { "class": "mip-table-wrap" }, [table]));
    details.forEach(function (node) { box.appendChild(node); });
    var marked = Object.keys(items).length;
    box.appendChild(el("p", { "class": "mip-note", text: marked + " item(s) marked in this browser." }));
  }

  function say(text) {
    var message = document.getElementById("mip-progress-message");
    if (message) message.textContent = text;
  }

  function validImport(parsed) {
    if (!parsed || parsed.format !== FORMAT) return false;
    var items = parsed.items;
    if (!items || typeof items !== "object" || Array.isArray(items)) return false;
    var times = parsed.times === undefined ? {} : parsed.times;
    if (!times || typeof times !== "object" || Array.isArray(times)) return false;
    return Object.keys(items).every(function (key) {
      return KEY.test(key) && STATUSES.indexOf(items[key]) >= 0;
    }) && Object.keys(times).every(function (key) {
      return KEY.test(key) && isFinite(timeOf(times[key], NaN));
    });
  }

  function exportPayload() {
    var state = store.state();
    var times = {};
    Object.keys(state.times).forEach(function (key) { times[key] = new Date(state.times[key]).toISOString(); });
    return { format: FORMAT, version: 2, exported_at: new Date().toISOString(), items: state.items, times: times };
  }

  function importText(text, mode) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) { parsed = null; }
    if (!validImport(parsed)) return { ok: false, message: "That file is not a progress export from this site; nothing was changed." };
    var incoming = { items: parsed.items, times: {} };
    Object.keys(parsed.times || {}).forEach(function (key) { incoming.times[key] = timeOf(parsed.times[key], 0); });
    var count = Object.keys(parsed.items).length;
    if (mode === "replace") {
      var here = Object.keys(store.read()).length;
      if (!window.confirm("Replace the " + here + " mark(s) in this browser with the " + count + " in the file?")) {
        return { ok: false, message: "Nothing was changed." };
      }
      store.save(incoming);
      return { ok: true, message: "Replaced with " + count + " imported mark(s)." };
    }
    var before = store.state();
    var merged = mergeStates(before, incoming, timeOf(parsed.exported_at, 1));
    store.save(merged);
    var changed = Object.keys(merged.items).filter(function (key) { return merged.items[key] !== before.items[key]; }).length
      + Object.keys(before.items).filter(function (key) { return !(key in merged.items); }).length;
    return { ok: true, message: "Merged " + count + " imported mark(s): " + changed + " changed, " +
      Object.keys(merged.items).length + " in all (the newest mark of each item wins)." };
  }

  function enableProgressPage(data) {
    if (!document.getElementById("mip-progress")) return;
    renderProgress(data);
    document.getElementById("mip-export").addEventListener("click", function () {
      var payload = exportPayload();
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
      var chosen = document.querySelector("input[name='import-mode']:checked");
      var mode = chosen ? chosen.value : "merge";
      file.text().then(function (text) {
        var result = importText(text, mode);
        if (result.ok) {
          renderProgress(data);
          showMarks();
        }
        say(result.message);
      });
      event.target.value = "";
    });
    document.getElementById("mip-reset").addEventListener("click", function () {
      if (!window.confirm("Clear every progress mark in this browser?")) return;
      var state = store.state();
      var now = Date.now();
      Object.keys(state.items).forEach(function (key) { state.times[key] = now; });
      store.save({ items: {}, times: state.times });
      renderProgress(data);
      say("All progress cleared.");
    });
  }

  function enableRoundCards(items) {
    document.querySelectorAll("[data-round-progress]").forEach(function (node) {
      var topics = (node.getAttribute("data-topics") || "").split(" ").filter(Boolean);
      var counts = countStatuses(items, topics.map(function (id) { return "topic:" + id; }));
      if (counts.done || counts.learning || counts.skipped) {
        node.textContent = countsText(counts, "topics");
        node.hidden = false;
      } else {
        node.hidden = true;
      }
    });
  }

  /* ---------- resource catalogue: filters (mirrored in the URL), paging, cards built on demand ----------
     The page holds the first page of cards; the rest come from resources/cards.json (macros/catalogue.py), fetched
     once the page has loaded (at once when the address holds filters or a card's anchor). A built card has the
     markup of macros/templates/resource_cards.html: text set with textContent, attributes with setAttribute,
     links only to http(s) or to this site, static parts (icons, progress control) cloned from #mip-card-parts. */
  var FACETS = ["topic", "type", "cost", "level", "round"];
  var MATHML = "http://www.w3.org/1998/Math/MathML";

  function entryValues(entry, facet) {
    var value = facet === "round" ? entry.rounds : facet === "topic" ? entry.topics : [entry[facet]];
    return Array.isArray(value) ? value.map(String) : [];
  }

  function safeHref(value) {
    // Absolute http(s), or a path on this site (no scheme): anything else never becomes a link.
    var text = String(value || "");
    return /^https?:\/\//i.test(text) || !/^[^/?#]*:/.test(text) ? text : null;
  }

  // Rich inline text (macros/catalogue.py `inline_tree`): sanitised markup as [tag, attrs, ...children], rebuilt
  // node by node. Only the elements and attributes the server's sanitiser allows (`markup`) are made; never an
  // event handler, never a link that is not http(s) or on this site. MathML lives in its own (inert) namespace.
  function treeAppender(markup) {
    var allowed = function (list) { return Array.isArray(list) ? list.map(String) : []; };
    var html = allowed(markup.elements).filter(function (tag) { return ["a", "code", "em", "strong"].indexOf(tag) >= 0; });
    var math = allowed(markup.mathml);
    var attributes = allowed(markup.attributes);
    return function append(parent, children, inMath) {
      (Array.isArray(children) ? children : []).forEach(function (child) {
        if (typeof child === "string") {
          parent.appendChild(document.createTextNode(child));
          return;
        }
        if (!Array.isArray(child)) return;
        var tag = String(child[0]);
        var isMath = inMath || tag === "math";
        if ((isMath ? math : html).indexOf(tag) < 0) return;
        var node = isMath ? document.createElementNS(MATHML, tag) : document.createElement(tag);
        var attrs = child[1] && typeof child[1] === "object" ? child[1] : {};
        Object.keys(attrs).forEach(function (name) {
          if (attributes.indexOf(name) < 0 || /^on/i.test(name)) return;
          var value = name === "href" ? safeHref(attrs[name]) : String(attrs[name]);
          if (value !== null) node.setAttribute(name, value);
        });
        append(node, child.slice(2), isMath);
        parent.appendChild(node);
      });
    };
  }

  function cardBuilder(parts, questions, appendTree) {
    function part(name) {
      var found = null;
      parts.content.querySelectorAll("[data-icon-for]").forEach(function (node) {
        if (node.getAttribute("data-icon-for") === name) found = node;
      });
      return found;
    }
    function icon(name) {
      var holder = part(name) || part("");
      return holder.firstElementChild.cloneNode(true);
    }
    function link(href, text, outside) {
      var safe = safeHref(href);
      if (safe === null) return el("span", { text: text });
      return el("a", outside ? { href: safe, rel: "noopener", text: text } : { href: safe, text: text });
    }
    return function build(entry) {
      var id = String(entry.id);
      var card = el("div", {
        "class": "mip-resource" + (entry.recommended ? " mip-resource--recommended" : ""),
        id: "res-" + id, "data-id": id, "data-type": String(entry.type), "data-cost": String(entry.cost),
        "data-level": String(entry.level), "data-rounds": entryValues(entry, "round").join(" "),
        "data-topics": entryValues(entry, "topic").join(" ")
      });
      var title = el("p", { "class": "mip-resource__title" }, [icon(String(entry.type)), " ",
        entry.url && /^https?:\/\//i.test(entry.url) ? link(entry.url, String(entry.title), true) : el("span", { text: String(entry.title) })]);
      if (entry.recommended) {
        title.appendChild(el("span", { "class": "mip-badge mip-badge--recommended" }, [icon("recommended"), "Recommended"]));
      }
      card.appendChild(title);
      var meta = el("p", { "class": "mip-resource__meta" }, [
        el("span", { "class": "mip-badge", text: String(entry.typeLabel) }), " ",
        el("span", { "class": "mip-badge mip-badge--" + entry.cost, text: String(entry.costLabel) }), " ",
        el("span", { "class": "mip-badge mip-badge--level", text: String(entry.levelLabel) })
      ]);
      if (entry.by) meta.appendChild(document.createTextNode(" "));
      if (entry.by) meta.appendChild(el("span", { "class": "mip-resource__by", text: String(entry.by) }));
      card.appendChild(meta);
      card.appendChild(el("p", { "class": "mip-resource__desc", text: String(entry.description) }));
      var status = entry.link;
      if (status) {
        var line = el("p", { "class": "mip-resource__link mip-link--" + status.verdict + (status.suspect ? " mip-link--suspect" : ""),
          text: String(status.text) });
        if (status.archive && /^https?:\/\//i.test(status.archive)) {
          line.appendChild(document.createTextNode(" · "));
          line.appendChild(link(status.archive, "archived copy", true));
        }
        card.appendChild(line);
      }
      var prepares = (Array.isArray(entry.prepares) ? entry.prepares : []).filter(function (q) {
        return Object.prototype.hasOwnProperty.call(questions, q) && Array.isArray(questions[q]);
      });
      if (prepares.length) {
        var items = el("ul");
        prepares.forEach(function (q) {
          var anchor = link(questions[q][0], "");
          appendTree(anchor, questions[q][1], false);
          items.appendChild(el("li", {}, [anchor]));
        });
        card.appendChild(el("details", { "class": "mip-prepares", "data-search-exclude": "" }, [
          el("summary", { text: "Prepares you for " + prepares.length + " practice question" + (prepares.length !== 1 ? "s" : "") }),
          items
        ]));
      }
      var track = parts.content.querySelector("[data-track]").cloneNode(true);
      track.setAttribute("data-track", "resource:" + id);
      track.querySelector("select").setAttribute("data-track-select", "resource:" + id);
      track.querySelector(".mip-sr-only").textContent = " for " + entry.title;
      card.appendChild(track);
      var topics = el("p", { "class": "mip-resource__topics" }, ["Topics: "]);
      (Array.isArray(entry.topicLinks) ? entry.topicLinks : []).forEach(function (pair, index, all) {
        topics.appendChild(link(pair[0], String(pair[1])));
        if (index < all.length - 1) topics.appendChild(document.createTextNode(", "));
      });
      card.appendChild(topics);
      return card;
    };
  }

  function enableCatalogue() {
    var form = document.getElementById("mip-filters");
    var catalogue = document.getElementById("mip-catalogue");
    if (!form || !catalogue) return;
    var list = catalogue.querySelector("#mip-results .mip-resources");
    var parts = document.getElementById("mip-card-parts");
    var more = document.getElementById("mip-show-more");
    var status = document.getElementById("mip-filter-status");
    var pageSize = parseInt(catalogue.getAttribute("data-page-size"), 10) || 12;
    var total = parseInt(catalogue.getAttribute("data-total"), 10) || list.children.length;
    var elements = Object.create(null); // card id → element: the page's own, then each one built once
    list.querySelectorAll(".mip-resource").forEach(function (card) { elements[card.getAttribute("data-id")] = card; });
    var entries = null; // every card's data, A–Z, once cards.json has arrived
    var build = null;
    var loading = null;
    var matching = null;
    var limit = pageSize;
    form.hidden = false;

    function load() {
      if (!loading) {
        loading = window.fetch(new URL(catalogue.getAttribute("data-cards"), window.location.href).href)
          .then(function (response) {
            if (!response.ok) throw new Error(response.statusText);
            return response.json();
          })
          .then(function (data) {
            entries = Array.isArray(data.cards) ? data.cards : [];
            var questions = data.questions && typeof data.questions === "object" ? data.questions : {};
            build = cardBuilder(parts, questions, treeAppender(data.markup || {}));
            total = entries.length;
            catalogue.setAttribute("data-ready", "");
          });
      }
      return loading;
    }
    function whenReady(action) {
      load().then(action, function () {
        status.textContent = "The full list could not be loaded: reload the page to try again.";
      });
    }
    function cardFor(entry) {
      var id = String(entry.id);
      if (!elements[id]) elements[id] = build(entry);
      return elements[id];
    }
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
    function matches(entry, selection, skip) {
      return FACETS.every(function (facet) {
        if (facet === skip || !selection[facet].length) return true;
        return entryValues(entry, facet).some(function (v) { return selection[facet].indexOf(v) >= 0; });
      });
    }
    function describe(shown, count) {
      var left = count - shown;
      more.hidden = left <= 0;
      more.textContent = "Show " + Math.min(pageSize, left) + " more (" + left + " not shown)";
      status.textContent = (shown === count ? "Showing all " + count : "Showing " + shown + " of " + count) +
        " matching resources (" + total + " in all).";
    }
    function show() {
      var shown = matching.slice(0, limit).map(cardFor);
      list.replaceChildren.apply(list, shown);
      enableTrackers(list);
      describe(shown.length, matching.length);
      showMarks();
    }
    function apply(updateUrl) {
      var selection = chosen();
      matching = entries.filter(function (entry) { return matches(entry, selection, null); });
      limit = pageSize;
      form.querySelectorAll("[data-count-for]").forEach(function (node) {
        var facet = node.getAttribute("data-count-for").split(":");
        var n = entries.filter(function (entry) {
          return matches(entry, selection, facet[0]) && entryValues(entry, facet[0]).indexOf(facet[1]) >= 0;
        }).length;
        node.textContent = "(" + n + ")";
      });
      show();
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
    function clear() {
      // Like form.reset(), without the reset event (whose deferred re-render would undo a reveal).
      form.querySelectorAll("input[type='checkbox']").forEach(function (input) { input.checked = false; });
      form.elements.topic.value = "";
    }
    function cardHash() {
      var hash;
      try { hash = decodeURIComponent(window.location.hash.slice(1)); } catch (error) { return ""; }
      return hash.indexOf("res-") === 0 ? hash : "";
    }
    function reveal() {
      // A link to #res-<id> (search result, link health page) must land on that card, whatever the filters.
      var hash = cardHash();
      var entry = hash && entries.filter(function (e) { return "res-" + e.id === hash; })[0];
      if (!entry) return;
      if (matching.indexOf(entry) < 0) {
        clear();
        apply(true);
      }
      var index = matching.indexOf(entry);
      if (index >= limit) {
        limit = index + 1;
        show();
      }
      cardFor(entry).scrollIntoView();
    }
    var params = new URLSearchParams(window.location.search);
    var filtered = false;
    FACETS.forEach(function (facet) {
      (params.get(facet) || "").split(",").filter(Boolean).forEach(function (value) {
        if (facet === "topic") {
          if (form.querySelector("option[value='" + CSS.escape(value) + "']")) {
            form.elements.topic.value = value;
            filtered = true;
          }
          return;
        }
        var input = form.querySelector("input[name='" + facet + "'][value='" + CSS.escape(value) + "']");
        if (input) {
          input.checked = true;
          filtered = true;
        }
      });
    });
    form.addEventListener("change", function () { whenReady(function () { apply(true); }); });
    form.addEventListener("reset", function () { window.setTimeout(function () { whenReady(function () { apply(true); }); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () {
      whenReady(function () {
        if (!matching) apply(false);
        var first = matching[limit];
        limit += pageSize;
        show();
        if (first) cardFor(first).querySelector("a, select").focus();
      });
    });
    catalogue.querySelectorAll(".mip-browse a[href^='?topic=']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        whenReady(function () {
          clear();
          form.elements.topic.value = new URLSearchParams(link.getAttribute("href").split("#")[0]).get("topic");
          apply(true);
          form.scrollIntoView();
        });
      });
    });
    window.addEventListener("hashchange", function () { if (cardHash()) whenReady(reveal); });
    if (filtered || cardHash()) {
      whenReady(function () { apply(false); reveal(); });
      return;
    }
    // Nothing asked for yet: the page's own cards stand; the rest arrive once the page is idle.
    describe(list.children.length, total);
    var later = window.requestIdleCallback || function (run) { window.setTimeout(run, 200); };
    if (document.readyState === "complete") later(load);
    else window.addEventListener("load", function () { later(load); });
  }

  /* ---------- study planner ---------- */
  var RARITY_WEIGHT = { common: 1, occasional: 0.7, rare: 0.4 };
  var PLAN_FIELDS = ["weeks", "date", "hours", "level", "rounds"];

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

  function topicMinutes(data, topic) {
    return topic.questions.length * data.minutesPerQuestion + topic.readMinutes;
  }

  // The plan: the last week holds a revision and mock-interview block (all of it from 4 weeks up, half of it at 2–3
  // weeks); each round's topics fill its share of the remaining hours in order, each topic in exactly one week,
  // so the hours of a week add up to the hours you have.
  function makePlan(data, options) {
    var split = shares(data, options.rounds);
    var revisionShare = options.weeks >= 4 ? 1 : options.weeks >= 2 ? 0.5 : 0;
    var weeks = [];
    for (var w = 0; w < options.weeks; w += 1) {
      var study = w === options.weeks - 1 ? 1 - revisionShare : 1;
      weeks.push({ number: w + 1, studyHours: study * options.hours, revisionHours: (1 - study) * options.hours, rounds: {} });
    }
    var studyWeeks = weeks.filter(function (week) { return week.studyHours > 0; });
    var needed = 0;
    options.rounds.forEach(function (roundId) {
      if (!split[roundId]) return;
      var topics = data.topics.filter(function (t) {
        return t.round === roundId && (options.level === "senior" || t.level === "all");
      });
      var capacity = studyWeeks.map(function (week) { return week.studyHours * split[roundId]; });
      var totalCapacity = capacity.reduce(function (a, b) { return a + b; }, 0) || 1;
      var weights = topics.map(function (t) { return topicMinutes(data, t) * (RARITY_WEIGHT[t.rarity] || 1); });
      var totalWeight = weights.reduce(function (a, b) { return a + b; }, 0) || 1;
      var position = 0;
      studyWeeks.forEach(function (week, k) {
        week.rounds[roundId] = { hours: capacity[k], topics: [], minutes: 0 };
      });
      topics.forEach(function (topic, index) {
        // The week in which the topic's midpoint falls, measured in hours of this round's capacity.
        var middle = (position + weights[index] / 2) / totalWeight * totalCapacity;
        position += weights[index];
        var k = 0;
        var reached = capacity[0];
        while (k < capacity.length - 1 && middle > reached) {
          k += 1;
          reached += capacity[k];
        }
        var part = studyWeeks[k].rounds[roundId];
        part.topics.push(topic);
        part.minutes += topicMinutes(data, topic);
        needed += topicMinutes(data, topic);
      });
      if (revisionShare) {
        weeks[options.weeks - 1].rounds[roundId + ":revision"] = { hours: weeks[options.weeks - 1].revisionHours * split[roundId], revision: true, round: roundId };
      }
    });
    var available = weeks.reduce(function (sum, week) { return sum + week.studyHours; }, 0);
    return { weeks: weeks, split: split, neededHours: needed / 60, studyHours: available, revisionShare: revisionShare };
  }

  function hoursText(hours) {
    var rounded = Math.round(hours * 2) / 2;
    return (rounded < 0.5 && hours > 0 ? "<0.5" : String(rounded)) + " h";
  }

  function planMeta(data, options) {
    var byId = {};
    data.rounds.forEach(function (r) { byId[r.id] = r; });
    var parts = [
      "Level: " + (options.level === "senior" ? "senior or specialist" : "junior or mid-level"),
      "Rounds: " + options.rounds.map(function (id) { return byId[id].title; }).join(", "),
      options.date ? "Interview: " + options.date : options.weeks + " week(s) from now",
      "Made on " + new Date().toISOString().slice(0, 10)
    ];
    return el("p", { "class": "mip-plan__meta", text: parts.join(" · ") });
  }

  function renderPlan(data, options, plan, target) {
    target.textContent = "";
    var byId = {};
    data.rounds.forEach(function (r) { byId[r.id] = r; });
    var summary = options.rounds.map(function (id) {
      return byId[id].title + " " + Math.round((plan.split[id] || 0) * 100) + "%";
    }).join(", ");
    target.appendChild(el("h2", { id: "your-plan", text: "Your " + options.weeks + "-week plan" }));
    target.appendChild(planMeta(data, options));
    target.appendChild(el("p", { text: "Time split: " + summary + ". About " + options.hours + " hours a week, " +
      options.weeks * options.hours + " hours in all." }));
    var fits = plan.neededHours <= plan.studyHours;
    target.appendChild(el("p", { "class": "mip-plan__budget" + (fits ? "" : " mip-plan__budget--over"), text:
      "The topics below need about " + hoursText(plan.neededHours) + " of study (" + data.minutesPerQuestion +
      " min a practice question, plus each topic's leading resources); you have " + hoursText(plan.studyHours) +
      " for study" + (plan.revisionShare ? " and " + hoursText(options.weeks * options.hours - plan.studyHours) + " for revision and mock interviews" : "") +
      "." + (fits ? "" : " That is more than you have: skim the rare topics, skip what you know, or add hours.") }));
    var list = el("ol", { "class": "mip-plan__weeks" });
    plan.weeks.forEach(function (week) {
      var item = el("li", { "class": "mip-plan__week", "data-week": String(week.number) }, [
        el("h3", { text: "Week " + week.number + " · " + hoursText(week.studyHours + week.revisionHours) })
      ]);
      options.rounds.forEach(function (roundId) {
        var part = week.rounds[roundId];
        if (!part || !part.topics.length) return;
        var block = el("div", { "class": "mip-plan__round", "data-round": roundId }, [
          el("p", { "class": "mip-plan__round-title" }, [el("strong", { text: byId[roundId].title }),
            " · " + hoursText(part.hours) + " (topics below: ~" + hoursText(part.minutes / 60) + ")"])
        ]);
        var topics = el("ul");
        part.topics.forEach(function (topic) {
          var q = topic.questions.length;
          topics.appendChild(el("li", { "data-topic": topic.id }, [
            el("span", { "class": "mip-tick", "aria-hidden": "true" }),
            el("a", { href: data.root + topic.url, text: topic.title }),
            topic.level === "senior" ? " (senior)" : "",
            " — " + (q ? q + " questions (~" + hoursText(q * data.minutesPerQuestion / 60) + "), " : "") +
              topic.study.length + " resource(s) (~" + hoursText(topic.readMinutes / 60) + ") ",
            stateChip("topic:" + topic.id)
          ]));
        });
        block.appendChild(topics);
        item.appendChild(block);
      });
      if (week.revisionHours) {
        item.appendChild(el("div", { "class": "mip-plan__round mip-plan__revision", "data-round": "revision" }, [
          el("p", { "class": "mip-plan__round-title" }, [el("strong", { text: "Revision and mock interviews" }),
            " · " + hoursText(week.revisionHours)]),
          el("ul", {}, [
            el("li", {}, [el("span", { "class": "mip-tick", "aria-hidden": "true" }), "A timed mock interview for each round you face: ask a friend, or record yourself answering aloud"]),
            el("li", {}, [el("span", { "class": "mip-tick", "aria-hidden": "true" }), "Quick-revision list, then the practice questions you marked learning or skipped"]),
            el("li", {}, [el("span", { "class": "mip-tick", "aria-hidden": "true" }), "Re-read your notes on your own projects for the Depth round"])
          ])
        ]));
      }
      list.appendChild(item);
    });
    target.appendChild(list);
    showMarks();
  }

  function readPlanUrl(form) {
    var params = new URLSearchParams(window.location.search);
    if (!PLAN_FIELDS.some(function (name) { return params.has(name); })) return;
    if (params.has("weeks")) form.elements.weeks.value = params.get("weeks");
    if (params.has("date")) form.elements.date.value = params.get("date");
    if (params.has("hours")) form.elements.hours.value = params.get("hours");
    var level = form.querySelector("input[name='level'][value='" + CSS.escape(params.get("level") || "") + "']");
    if (level) level.checked = true;
    if (params.has("rounds")) {
      var rounds = params.get("rounds").split(",");
      form.querySelectorAll("input[name='rounds']").forEach(function (input) {
        input.checked = rounds.indexOf(input.value) >= 0;
      });
    }
  }

  function writePlanUrl(options, form) {
    var params = new URLSearchParams(window.location.search);
    params.set("weeks", form.elements.weeks.value);
    if (form.elements.date.value) params.set("date", form.elements.date.value);
    else params.delete("date");
    params.set("hours", String(options.hours));
    params.set("level", options.level);
    params.set("rounds", options.rounds.join(","));
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString() + window.location.hash);
  }

  function enablePlanner(data) {
    var form = document.getElementById("mip-planner");
    if (!form) return;
    var target = document.getElementById("mip-plan");
    readPlanUrl(form);
    function build(remember) {
      var rounds = Array.prototype.slice.call(form.querySelectorAll("input[name='rounds']:checked"))
        .map(function (input) { return input.value; });
      if (!rounds.length) {
        target.textContent = "Choose at least one round.";
        return;
      }
      var options = {
        weeks: weeksFrom(form),
        date: form.elements.date.value,
        hours: Math.max(1, Math.min(60, parseInt(form.elements.hours.value, 10) || 10)),
        level: form.querySelector("input[name='level']:checked").value,
        rounds: rounds
      };
      renderPlan(data, options, makePlan(data, options), target);
      if (remember) writePlanUrl(options, form);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); build(true); });
    // The plan sits below the form: build it in its own task once the page is idle, not in the start-up one.
    var later = window.requestIdleCallback || function (run) { window.setTimeout(run, 0); };
    later(function () { build(false); }, { timeout: 500 });
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
    enableCatalogue();
    enablePrintButtons();
    var data = appData();
    if (data) {
      enablePlanner(data);
      enableProgressPage(data);
    }
    showMarks();
    // Another tab (or the import) changed the marks: show them here too.
    window.addEventListener("storage", function (event) { if (event.key === STORE_KEY) showMarks(); });
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
