// The compare page: two to four models from window.CATALOGUE side by side, chosen in the URL (?m1=..&m2=..).
"use strict";
(function () {
  var data = window.CATALOGUE;
  var byId = {}, byName = {};
  var list = document.getElementById("model-names");
  var options = [];
  data.models.forEach(function (m) {
    byId[m.i] = m;
    byName[m.n.toLowerCase()] = m;
    options.push('<option value="' + esc(m.i) + '">' + esc(m.n) + "</option>");
  });
  list.innerHTML = options.join("");

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function num(v) { return v === null || v === undefined ? "—" : v.toLocaleString("en-US"); }
  function words(v) {
    if (v === null || v === undefined) return "—";
    if (v === true) return "yes";
    if (v === false) return "no";
    if (Array.isArray(v)) return v.join(", ") || "none";
    return String(v);
  }
  var ROWS = [
    ["Provider", function (m) { return data.providers[m.p] || m.p; }],
    ["Status", function (m) { return m.s; }],
    ["Classes", function (m) { return m.c.map(function (c) { return data.classes[c] || c; }).join(", "); }],
    ["Released", function (m) { return words(m.rl); }],
    ["Architecture", function (m) { return words(m.ar); }],
    ["Total parameters", function (m) { return num(m.pt); }],
    ["Active parameters", function (m) { return num(m.pa); }],
    ["Context window", function (m) { return num(m.x); }],
    ["Max output", function (m) { return num(m.o); }],
    ["Input modalities", function (m) { return words(m.mi); }],
    ["Output modalities", function (m) { return words(m.mo); }],
    ["Capabilities", function (m) { return m.k.map(function (k) { return data.capabilities[k]; }).join(", ") || "—"; }],
    ["Open weights", function (m) { return words(m.w); }],
    ["Licence", function (m) { return words(m.l); }],
    ["Knowledge cutoff", function (m) { return words(m.kc); }],
    ["Input $/1M (cheapest host)", function (m) { return m.pi === null ? "—" : "$" + m.pi + (m.ph ? " at " + m.ph : ""); }],
    ["Output $/1M (same host)", function (m) { return m.po === null ? "—" : "$" + m.po; }],
    ["Confidence", function (m) { return m.f; }],
    ["Reviewed", function (m) { return m.r; }]
  ];

  var params = new URLSearchParams(location.search);
  var chosen = [], missing = [];
  ["m1", "m2", "m3", "m4"].forEach(function (name) {
    var value = (params.get(name) || "").trim();
    var input = document.getElementById(name);
    if (!value) return;
    input.value = value;
    var m = byId[value] || byName[value.toLowerCase()];
    if (m) chosen.push(m); else missing.push(value);
  });
  var out = document.getElementById("comparison");
  var status = document.getElementById("compare-status");
  if (missing.length) status.textContent = "Not in the catalogue: " + missing.join(", ") + ".";
  else if (chosen.length < 2) status.textContent = "Choose two to four models.";
  else status.textContent = "Comparing " + chosen.length + " models.";
  if (chosen.length >= 1) {
    var head = '<tr><td></td>' + chosen.map(function (m) {
      return '<th scope="col"><a href="model/' + esc(m.i) + '.html">' + esc(m.n) + "</a></th>";
    }).join("") + "</tr>";
    var body = ROWS.map(function (r) {
      return '<tr><th scope="row">' + esc(r[0]) + "</th>" + chosen.map(function (m) {
        return "<td>" + esc(r[1](m)) + "</td>";
      }).join("") + "</tr>";
    }).join("");
    out.innerHTML = '<div class="table-wrap"><table class="compare"><caption class="visually-hidden">The chosen models side by side</caption><thead>' +
      head + "</thead><tbody>" + body + "</tbody></table></div>";
  }
  document.documentElement.setAttribute("data-ready", "compare");
})();
