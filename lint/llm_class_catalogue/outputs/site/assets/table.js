// The models table: filters, search and sort over window.CATALOGUE (data/models.js), kept in the URL.
// Rows are drawn a page at a time, so 10,000 models never put 10,000 rows in the document at once.
"use strict";
(function () {
  var PAGE = 100;
  var data = window.CATALOGUE;
  var form = document.getElementById("filters");
  var body = document.querySelector("#models tbody");
  var count = document.getElementById("count");
  var more = document.getElementById("more");
  var CONF = { high: 3, medium: 2, low: 1 };
  var STATUS = { active: 1, preview: 2, deprecated: 3, retired: 4, unverified: 5 };

  // Precomputed once: the lowercase text a search matches, and the sort key of the classes column.
  var models = data.models;
  for (var i = 0; i < models.length; i++) {
    var m = models[i];
    m.q = (m.n + " " + m.i + " " + m.a + " " + (data.providers[m.p] || m.p)).toLowerCase();
    m.cn = m.c.map(function (c) { return data.short[c] || c; }).join(", ");
    m.pn = data.providers[m.p] || m.p;
  }

  var KEYS = {
    name: function (m) { return m.n.toLowerCase(); },
    classes: function (m) { return m.cn.toLowerCase(); },
    status: function (m) { return STATUS[m.s] || 9; },
    provider: function (m) { return m.pn.toLowerCase(); },
    context: function (m) { return m.x; },
    output: function (m) { return m.o; },
    pin: function (m) { return m.pi; },
    pout: function (m) { return m.po; },
    open: function (m) { return m.w === null ? null : (m.w ? 1 : 0); },
    confidence: function (m) { return CONF[m.f] || null; },
    reviewed: function (m) { return m.r; }
  };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function num(v) { return v === null || v === undefined ? "—" : v.toLocaleString("en-US"); }
  function price(v) { return v === null || v === undefined ? "—" : "$" + v; }

  function state() {
    var s = {
      q: form.q.value.trim().toLowerCase(), cls: form["class"].value, cap: form.cap.value,
      provider: form.provider.value, open: form.open.value,
      minctx: parseFloat(form.minctx.value), maxprice: parseFloat(form.maxprice.value),
      statuses: {}
    };
    form.querySelectorAll("input[name=status]").forEach(function (box) { s.statuses[box.value] = box.checked; });
    return s;
  }

  var sortKey = "name", sortDir = 1, shown = 0, rows = [];

  function matches(m, s) {
    if (!s.statuses[m.s]) return false;
    if (s.cls && m.c.indexOf(s.cls) < 0) return false;
    if (s.cap && m.k.indexOf(s.cap) < 0) return false;
    if (s.provider && m.p !== s.provider) return false;
    if (s.open === "yes" && m.w !== true) return false;
    if (s.open === "no" && m.w !== false) return false;
    if (!isNaN(s.minctx) && !(m.x >= s.minctx)) return false;
    if (!isNaN(s.maxprice) && !(m.pi !== null && m.pi <= s.maxprice)) return false;
    if (s.q && m.q.indexOf(s.q) < 0) return false;
    return true;
  }

  function compare(a, b) {
    var key = KEYS[sortKey], x = key(a), y = key(b);
    if (x === y) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
    if (x === null || x === undefined) return 1;  // unknown values last, whichever the direction
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * sortDir;
  }

  function row(m) {
    var hidden = m.s === "retired" || m.s === "unverified";
    var badges = m.c.map(function (c) {
      return '<a class="badge" href="class/' + esc(c) + '.html" title="' + esc(data.classes[c] || c) + '">' +
        esc(data.short[c] || c) + "</a>";
    }).join(" ");
    return "<tr" + (hidden ? ' class="muted"' : "") + ' data-id="' + esc(m.i) + '">' +
      '<th scope="row"><a href="model/' + esc(m.i) + '.html">' + esc(m.n) + "</a></th>" +
      "<td>" + badges + "</td>" +
      '<td><span class="status status-' + esc(m.s) + '">' + esc(m.s) + "</span></td>" +
      "<td>" + esc(m.pn) + "</td>" +
      '<td class="num" data-value="' + (m.x === null ? "" : m.x) + '">' + num(m.x) + "</td>" +
      '<td class="num">' + num(m.o) + "</td>" +
      '<td class="num"' + (m.ph ? ' title="at ' + esc(m.ph) + '"' : "") + ">" + price(m.pi) + "</td>" +
      '<td class="num">' + price(m.po) + "</td>" +
      "<td>" + (m.w === null ? "—" : m.w ? "yes" : "no") + "</td>" +
      '<td><span class="conf conf-' + esc(m.f) + '">' + esc(m.f) + "</span></td>" +
      "<td>" + esc(m.r) + "</td></tr>";
  }

  function draw(upTo) {
    var html = [];
    for (var i = shown; i < Math.min(upTo, rows.length); i++) html.push(row(rows[i]));
    body.insertAdjacentHTML("beforeend", html.join(""));
    shown = Math.min(upTo, rows.length);
    more.hidden = shown >= rows.length;
    count.textContent = "Showing " + shown.toLocaleString("en-US") + " of " + rows.length.toLocaleString("en-US") +
      " models" + (rows.length < models.length ? " (" + models.length.toLocaleString("en-US") + " in all)" : "") + ".";
  }

  function toUrl(s) {
    var p = new URLSearchParams();
    if (form.q.value.trim()) p.set("q", form.q.value.trim());
    ["class", "cap", "provider", "open", "minctx", "maxprice"].forEach(function (name) {
      if (form[name].value) p.set(name, form[name].value);
    });
    var extra = Object.keys(s.statuses).filter(function (k) { return s.statuses[k]; });
    if (extra.join(",") !== "active,preview,deprecated") p.set("status", extra.join(","));
    if (sortKey !== "name" || sortDir !== 1) p.set("sort", (sortDir < 0 ? "-" : "") + sortKey);
    var query = p.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function fromUrl() {
    var p = new URLSearchParams(location.search);
    ["q", "class", "cap", "provider", "open", "minctx", "maxprice"].forEach(function (name) {
      if (p.has(name)) form[name].value = p.get(name);
    });
    if (p.has("status")) {
      var on = p.get("status").split(",");
      form.querySelectorAll("input[name=status]").forEach(function (box) { box.checked = on.indexOf(box.value) >= 0; });
    }
    var sort = p.get("sort");
    if (sort) {
      sortDir = sort.charAt(0) === "-" ? -1 : 1;
      sort = sort.replace(/^-/, "");
      if (KEYS[sort]) sortKey = sort;
    }
  }

  function headings() {
    document.querySelectorAll("#models thead th").forEach(function (th) {
      var on = th.getAttribute("data-key") === sortKey;
      th.setAttribute("aria-sort", on ? (sortDir > 0 ? "ascending" : "descending") : "none");
      th.querySelector(".arrow").textContent = on ? (sortDir > 0 ? " ▲" : " ▼") : "";
    });
  }

  function update() {
    var s = state();
    rows = models.filter(function (m) { return matches(m, s); });
    rows.sort(compare);
    body.textContent = "";
    shown = 0;
    draw(PAGE);
    headings();
    toUrl(s);
  }

  document.querySelectorAll("#models thead button").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-sort");
      sortDir = key === sortKey ? -sortDir : 1;
      sortKey = key;
      update();
    });
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { sortKey = "name"; sortDir = 1; update(); }, 0); });
  more.addEventListener("click", function () { draw(shown + PAGE * 5); });

  fromUrl();
  update();
  window.catalogueReady = performance.now();
  document.documentElement.setAttribute("data-ready", "models");
})();
