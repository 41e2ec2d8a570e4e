/* policystudy findings site: table pages and the explorer. No dependencies, no network.
 *
 * Data files are scripts that call PS.put(key, payload): a page opened from disk may load a
 * script but not fetch a file. PS.load(key) inserts data/<key>.js once and resolves with
 * its payload. */
"use strict";

var PS = (function () {
  var store = {}, waiting = {};

  function root() { return (document.body && document.body.dataset.root) || ""; }

  function put(key, payload) {
    // Coded columns hold indices into the file's lists of distinct values.
    Object.keys(payload.values || {}).forEach(function (col) {
      var j = payload.columns.indexOf(col), values = payload.values[col];
      payload.rows.forEach(function (r) { r[j] = values[r[j]]; });
    });
    delete payload.values;
    store[key] = payload;
    (waiting[key] || []).forEach(function (w) { w.resolve(payload); });
    delete waiting[key];
  }

  function load(key) {
    if (key in store) return Promise.resolve(store[key]);
    return new Promise(function (resolve, reject) {
      var first = !(key in waiting);
      (waiting[key] = waiting[key] || []).push({ resolve: resolve, reject: reject });
      if (!first) return;
      var s = document.createElement("script");
      s.src = root() + "data/" + key + ".js";
      s.onerror = function () {
        (waiting[key] || []).forEach(function (w) { w.reject(new Error("cannot load data/" + key + ".js")); });
        delete waiting[key];
      };
      document.head.appendChild(s);
    });
  }

  // Scans release what they have read so that a large corpus never sits in memory at once.
  function drop(key) { delete store[key]; }
  function get(key) { return store[key]; }

  return { put: put, load: load, drop: drop, get: get };
})();

/* ---------- helpers ---------- */

function el(tag, attrs, children) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === "text") e.textContent = attrs[k];
    else if (k === "cls") e.className = attrs[k];
    else e.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) {
    e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return e;
}

// The same parsing as policystudy.report.links.parse_fragment: "&"-separated key=value,
// percent-encoded, "+" is a plus.
function parseFragment(fragment) {
  var out = {};
  fragment.replace(/^#/, "").split("&").forEach(function (part) {
    if (!part) return;
    var i = part.indexOf("=");
    var k = i < 0 ? part : part.slice(0, i), v = i < 0 ? "" : part.slice(i + 1);
    try { out[decodeURIComponent(k)] = decodeURIComponent(v); } catch (e) { out[k] = v; }
  });
  return out;
}

function fragmentOf(obj) {
  return Object.keys(obj).sort().filter(function (k) { return obj[k] !== ""; }).map(function (k) {
    return encodeURIComponent(k) + "=" + encodeURIComponent(obj[k]);
  }).join("&");
}

function isNumber(s) { return s !== "" && isFinite(Number(s)); }

function fmt(n) { return Number(n).toLocaleString("en-US"); }

// Text with every occurrence of term wrapped in <mark>.
function highlighted(text, terms) {
  var frag = document.createDocumentFragment();
  terms = (terms || []).filter(function (t) { return t; });
  var i = 0;
  while (i < text.length) {
    var best = -1, len = 0;
    terms.forEach(function (t) {
      var j = text.indexOf(t, i);
      if (j >= 0 && (best < 0 || j < best || (j === best && t.length > len))) { best = j; len = t.length; }
    });
    if (best < 0) { frag.appendChild(document.createTextNode(text.slice(i))); break; }
    if (best > i) frag.appendChild(document.createTextNode(text.slice(i, best)));
    frag.appendChild(el("mark", { text: text.slice(best, best + len) }));
    i = best + len;
  }
  return frag;
}

function meta() { return PS.get("meta") || {}; }

function groupColor(name) {
  var g = (meta().groups || []).filter(function (x) { return x.name === name; })[0];
  return g ? g.color : "#666";
}

function groupChip(name) {
  var c = el("span", { cls: "chip", text: name || "—" });
  c.style.borderColor = groupColor(name);
  c.style.color = groupColor(name);
  return c;
}

function domainName(code) {
  var d = (meta().domains || []).filter(function (x) { return x.code === code; })[0];
  return d ? d.zh + " " + d.en : code;
}

function docLabel(docId) {
  var d = (meta().docs || {})[docId] || {};
  return [docId, d.place, d.year].filter(function (x) { return x; }).join(" · ");
}

function tableLink(table, where, text) {
  var tables = meta().tables || [];
  if (tables.indexOf(table) < 0) return el("span", { text: text });
  return el("a", { href: "tables/" + table + ".html#" + fragmentOf(where), text: text, cls: "rowlink" });
}

function sentenceTable() {
  return (meta().tables || []).indexOf("sentence_domains") >= 0 ? "sentence_domains" : "sentences";
}

/* ---------- table pages ---------- */

function tablePage() {
  var name = document.querySelector('meta[name="ps-table"]').content;
  var info = PS.get("index/" + name);
  var cols = info.columns;
  var rows = [], loaded = 0, numeric = [];
  var filters = {}, sortCol = -1, sortDir = 1, page = 0, perPage = 100;
  var table = document.getElementById("table");
  var note = document.getElementById("cite-note");
  var q = document.getElementById("table-q");
  var count = document.getElementById("table-count");
  var AUTO_CHUNKS = 20;

  function chunksFor(where) {
    return info.chunks.filter(function (c) {
      return Object.keys(where).every(function (col) {
        var v = where[col];
        if (c.keys && c.keys[col]) return c.keys[col].indexOf(v) >= 0;
        if (c.range && c.range[col]) return c.range[col][0] <= v && v <= c.range[col][1];
        return true;
      });
    });
  }

  function loadChunks(list) {
    return list.reduce(function (p, c) {
      return p.then(function () {
        return PS.load(c.key).then(function (data) {
          if (data._loaded) return;
          data._loaded = true;
          data.rows.forEach(function (r) { rows.push(r); });
          loaded += 1;
        });
      });
    }, Promise.resolve());
  }

  function inputs() { return table.querySelectorAll("thead input"); }

  function test(spec, value) {
    if (spec === "") return true;
    var m = /^(>=|<=|>|<|=|!)(.*)$/.exec(spec);
    if (m) {
      var arg = m[2], x = Number(value), y = Number(arg);
      if (m[1] === "=") return value === arg;
      if (m[1] === "!") return value.toLowerCase().indexOf(arg.toLowerCase()) < 0;
      if (!isNumber(value) || !isNumber(arg)) return false;
      return m[1] === ">" ? x > y : m[1] === "<" ? x < y : m[1] === ">=" ? x >= y : x <= y;
    }
    return value.toLowerCase().indexOf(spec.toLowerCase()) >= 0;
  }

  function view() {
    var all = q.value.trim().toLowerCase();
    var specs = cols.map(function (c) { return filters[c] || ""; });
    var out = rows.filter(function (r) {
      for (var j = 0; j < cols.length; j++) if (!test(specs[j], r[j])) return false;
      if (!all) return true;
      return r.some(function (v) { return v.toLowerCase().indexOf(all) >= 0; });
    });
    if (sortCol >= 0) {
      var j = sortCol, num = numeric[j];
      out = out.map(function (r, i) { return [r, i]; });
      out.sort(function (a, b) {
        var x = a[0][j], y = b[0][j], d;
        if (num) d = (x === "" ? -Infinity : Number(x)) - (y === "" ? -Infinity : Number(y));
        else d = x < y ? -1 : x > y ? 1 : 0;
        return d * sortDir || a[1] - b[1];
      });
      out = out.map(function (p) { return p[0]; });
    }
    return out;
  }

  function head() {
    var tr = el("tr"), fr = el("tr", { cls: "filters" });
    cols.forEach(function (c, j) {
      var th = el("th", { text: c, title: "sort by " + c, tabindex: "0" });
      if (numeric[j]) th.className = "num";
      th.addEventListener("click", function () {
        if (sortCol === j) sortDir = -sortDir; else { sortCol = j; sortDir = 1; }
        page = 0; draw();
      });
      tr.appendChild(th);
      var input = el("input", { type: "search", "aria-label": "filter " + c, placeholder: "filter" });
      input.value = filters[c] || "";
      input.addEventListener("input", function () { filters[c] = input.value; page = 0; draw(false); });
      fr.appendChild(el("th", {}, [input]));
    });
    table.replaceChildren(el("thead", {}, [tr, fr]), el("tbody"));
  }

  function draw() {
    var out = view();
    var pages = Math.max(1, Math.ceil(out.length / perPage));
    page = Math.min(page, pages - 1);
    var body = table.querySelector("tbody");
    var frag = document.createDocumentFragment();
    out.slice(page * perPage, (page + 1) * perPage).forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (v, j) {
        var td = el("td", { text: v });
        if (numeric[j]) td.className = "num";
        else if (v.length > 60) td.className = "long";
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    body.replaceChildren(frag);
    table.querySelectorAll("thead tr:first-child th").forEach(function (th, j) {
      th.dataset.sort = j === sortCol ? (sortDir > 0 ? "asc" : "desc") : "";
    });
    var partial = loaded < info.chunks.length;
    count.textContent = fmt(out.length) + " of " + fmt(rows.length) + " rows" +
      (partial ? " loaded (the table has " + fmt(info.rows) + "; filters apply to loaded rows)" : "");
    document.getElementById("page").textContent = "page " + (page + 1) + " of " + pages;
    var more = document.getElementById("load-all");
    if (partial && !more) {
      more = el("button", { id: "load-all", type: "button", text: "load all rows" });
      more.addEventListener("click", function () {
        more.disabled = true;
        loadChunks(info.chunks).then(function () { setNumeric(); head(); draw(); more.remove(); });
      });
      count.after(more);
    }
  }

  function setNumeric() {
    numeric = cols.map(function (_, j) {
      var any = false;
      for (var i = 0; i < rows.length; i++) {
        var v = rows[i][j];
        if (v === "") continue;
        if (!isNumber(v)) return false;
        any = true;
      }
      return any;
    });
  }

  function fromHash() {
    var where = parseFragment(location.hash);
    filters = {};
    var missing = [];
    Object.keys(where).forEach(function (k) {
      if (cols.indexOf(k) >= 0) filters[k] = "=" + where[k]; else missing.push(k);
    });
    var keys = Object.keys(where);
    if (keys.length) {
      note.hidden = false;
      note.textContent = "Rows cited in the report: " + keys.map(function (k) {
        return k + " = " + where[k];
      }).join(", ") + (missing.length ? " (not columns of this table: " + missing.join(", ") + ")" : "");
    } else {
      note.hidden = true;
    }
    var present = {};
    Object.keys(filters).forEach(function (k) { present[k] = where[k]; });
    var list = chunksFor(present);
    if (!keys.length && list.length > AUTO_CHUNKS) list = list.slice(0, AUTO_CHUNKS);
    return loadChunks(list).then(function () { setNumeric(); head(); page = 0; draw(); });
  }

  q.addEventListener("input", function () { page = 0; draw(); });
  document.getElementById("prev").addEventListener("click", function () { page = Math.max(0, page - 1); draw(); });
  document.getElementById("next").addEventListener("click", function () { page += 1; draw(); });
  document.getElementById("table-reset").addEventListener("click", function () {
    q.value = "";
    history.replaceState(null, "", location.pathname);
    fromHash();
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
}

/* ---------- explorer ---------- */

function explorerPage() {
  var m = meta();
  var tabs = document.querySelectorAll(".tabs button");
  var current = null;

  function show(tab) {
    tabs.forEach(function (b) { b.classList.toggle("on", b.dataset.tab === tab); });
    document.querySelectorAll(".tab").forEach(function (s) { s.hidden = s.id !== "tab-" + tab; });
  }

  // The instrument filter: the term and domain views list only the sentences whose primary
  // instrument type is the chosen one (the sentence_instruments table of the run).
  var insSel = document.getElementById("instrument-filter");
  (m.instruments || []).forEach(function (t) { insSel.appendChild(el("option", { value: t, text: t })); });
  insSel.parentNode.hidden = !(m.instruments || []).length;
  insSel.addEventListener("change", function () {
    var h = parseFragment(location.hash);
    h.instrument = insSel.value;
    var next = fragmentOf(h) || "term=";
    if (next === location.hash.replace(/^#/, "")) route(); else location.hash = next;
  });
  function withIns(hash) { return hash + (insSel.value ? "&instrument=" + encodeURIComponent(insSel.value) : ""); }
  function insOk(r, c) {
    var i = c.indexOf("instrument");
    return !insSel.value || (i >= 0 && r[i] === insSel.value);
  }

  function route() {
    var h = parseFragment(location.hash);
    insSel.value = h.instrument || "";
    if ("term" in h) { show("term"); termView(h.term); }
    else if ("domain" in h) { show("domain"); domainView(h.domain); }
    else if ("target" in h || "kind" in h) { show("target"); targetView(h); }
    else { show("term"); termView(""); }
  }

  tabs.forEach(function (b) {
    b.addEventListener("click", function () {
      var t = b.dataset.tab;
      location.hash = t === "term" ? withIns("term=" + encodeURIComponent(document.getElementById("term-input").value))
        : t === "domain" ? withIns("domain=" + encodeURIComponent(document.getElementById("domain-select").value))
        : "target=";
    });
  });

  /* --- by term --- */
  var form = document.getElementById("term-form");
  var input = document.getElementById("term-input");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    location.hash = withIns("term=" + encodeURIComponent(input.value.trim()));
  });
  var sug = document.getElementById("term-suggest");
  var suggest = (m.terms || {}).suggest || {};
  Object.keys(suggest).sort().forEach(function (g) {
    var line = el("div", {}, [groupChip(g), " "]);
    suggest[g].forEach(function (t) {
      line.appendChild(el("a", { href: "#term=" + encodeURIComponent(t), text: t }));
      line.appendChild(document.createTextNode(" "));
    });
    sug.appendChild(line);
  });

  function termView(term) {
    input.value = term;
    var out = document.getElementById("term-out");
    out.replaceChildren();
    if (!term) { out.appendChild(el("p", { cls: "hint", text: "Type a term, or pick one of each group's most distinctive terms above." })); return; }
    current = {};
    var token = current;
    var key = el("div", { cls: "keyness" });
    out.appendChild(key);
    var shards = (m.terms || {}).shards || 0;
    if (shards) {
      var shard = 0;
      for (var ch of term) shard += ch.codePointAt(0);
      PS.load("k/" + (shard % shards)).then(function (data) {
        if (token !== current) return;
        keynessTable(key, term, data.terms[term]);
      });
    }
    var list = el("div", { cls: "hits" });
    out.appendChild(list);
    (m.groups || []).forEach(function (g) {
      var box = el("section", { cls: "group" });
      list.appendChild(box);
      scanGroup(box, g.name, term, token);
    });
  }

  function keynessTable(box, term, entry) {
    var fields = m.terms.fields;
    if (!entry) {
      box.appendChild(el("p", { cls: "hint", text: "「" + term + "」 is not a term of the keyness table (it may be part of longer words, or a stopword): the sentences below are matched as text." }));
      return;
    }
    var t = el("table", { cls: "data small" });
    t.appendChild(el("thead", {}, [el("tr", {}, ["group", "count in group", "count in rest", "log-odds", "z", "rank in group"].map(function (h) { return el("th", { text: h }); }))]));
    var tb = el("tbody");
    var total = 0;
    (m.groups || []).forEach(function (g) {
      var r = entry[g.name];
      var get = function (f) { var i = fields.indexOf(f); return r && i >= 0 ? r[i] : ""; };
      if (r) total = Number(get("count_in_group")) + Number(get("count_in_rest"));
      var rank = r ? get("rank") + " of " + fmt(get("of")) : "—";
      var z = r ? tableLink("keyness", { group: g.name, term: term }, get("z")) : el("span", { text: "—" });
      tb.appendChild(el("tr", {}, [el("td", {}, [groupChip(g.name)]), el("td", { cls: "num", text: r ? get("count_in_group") : "0" }),
        el("td", { cls: "num", text: r ? get("count_in_rest") : "" }), el("td", { cls: "num", text: r ? get("log_odds") : "" }),
        el("td", { cls: "num" }, [z]), el("td", { cls: "num", text: rank })]));
    });
    t.appendChild(tb);
    box.appendChild(el("h2", {}, ["「", el("mark", { text: term }), "」 keyness in every group · " + fmt(total) + " tokens in the corpus"]));
    box.appendChild(t);
    box.appendChild(el("p", { cls: "hint", text: "Keyness: log-odds ratio with an informative Dirichlet prior, each group against all others (z > 1.96: over-represented at the 5% level, uncorrected). Counts are tokens after segmentation; the sentences below match the text, so they may also include the term inside longer words." }));
  }

  var SHOW = 100;

  // Scan a group's sentence files in order, keeping only the matches; show SHOW at a time so
  // that a frequent term in a large corpus never loads or draws everything at once.
  function scanGroup(box, group, term, token) {
    var files = (m.sentences || {})[group] || [];
    var state = { file: 0, hits: 0, queue: [] };
    var h = el("h3", {}, [groupChip(group), " "]);
    var status = el("span", { cls: "count", text: "searching…" });
    h.appendChild(status);
    var ol = el("ol", { cls: "kwic" });
    var more = el("button", { type: "button", text: "show more" });
    more.hidden = true;
    box.appendChild(h); box.appendChild(ol); box.appendChild(more);

    function fill(need) {
      if (token !== current || state.queue.length >= need || state.file >= files.length) return Promise.resolve();
      var f = files[state.file];
      return PS.load(f.key).then(function (data) {
        var ti = data.columns.indexOf("text");
        data.rows.forEach(function (r) {
          if (r[ti].indexOf(term) >= 0 && insOk(r, data.columns)) { state.hits += 1; state.queue.push([r, data.columns]); }
        });
        PS.drop(f.key);
        state.file += 1;
        return fill(need);
      });
    }

    function run() {
      status.textContent = "searching…";
      fill(SHOW).then(function () {
        if (token !== current) return;
        state.queue.splice(0, SHOW).forEach(function (x) { ol.appendChild(kwicRow(x[0], x[1], term)); });
        var done = state.file >= files.length;
        status.textContent = (done ? "" : "at least ") + fmt(state.hits) + " sentence" + (state.hits === 1 ? "" : "s") +
          (done ? "" : " (searched " + state.file + " of " + files.length + " files)") +
          (ol.children.length < state.hits ? ", " + fmt(ol.children.length) + " shown" : "");
        more.hidden = done && state.queue.length === 0;
      }, function (err) { status.textContent = String(err); });
    }
    more.addEventListener("click", run);
    run();
  }

  function kwicRow(r, c, term) {
    var text = r[c.indexOf("text")], at = text.indexOf(term), W = 28;
    var left = text.slice(Math.max(0, at - W), at), right = text.slice(at + term.length, at + term.length + W);
    var li = el("li", { cls: "hit" });
    var line = el("div", { cls: "kwline" }, [
      el("span", { cls: "l", text: (at > W ? "…" : "") + left }), el("mark", { text: term }),
      el("span", { cls: "r", text: right + (at + term.length + W < text.length ? "…" : "") })]);
    li.appendChild(line);
    // The whole sentence, all occurrences marked, when the context line cut it.
    if (at > W || at + term.length + W < text.length || text.indexOf(term, at + 1) >= 0) {
      li.appendChild(el("p", { cls: "full" }, [highlighted(text, [term])]));
    }
    li.appendChild(labels(r, c));
    return li;
  }

  function labels(r, c) {
    var sid = r[c.indexOf("sentence_id")], doc = r[c.indexOf("doc_id")];
    var sec = r[c.indexOf("section")] || "";
    var primary = r[c.indexOf("primary")], labs = r[c.indexOf("labels")];
    var scoreCol = c.indexOf("scores");
    var p = el("p", { cls: "labels" }, [
      el("span", { cls: "doc", text: docLabel(doc) }), " · ",
      el("span", { cls: "sec", text: sec || "(no section)" }), " · ",
      el("span", { cls: "dom", text: primary ? domainName(primary) : "(no domain)" })]);
    var ii = c.indexOf("instrument"), ins = ii >= 0 ? r[ii] : "";
    if (ins) {
      var subs = r[c.indexOf("instruments")] || "";
      p.appendChild(document.createTextNode(" · "));
      p.appendChild(el("span", { cls: "ins", text: "instrument " + ins + (subs && subs !== ins ? " (" + subs.split(";").join(", ") + ")" : "") }));
    }
    if (labs && labs !== primary) p.appendChild(el("span", { cls: "also", text: " (labels: " + labs.split("|").join(", ") + ")" }));
    if (scoreCol >= 0 && r[scoreCol]) p.appendChild(el("span", { cls: "scores", text: " scores " + r[scoreCol].split("|").join(" ") }));
    p.appendChild(document.createTextNode(" · "));
    p.appendChild(tableLink(sentenceTable(), { sentence_id: sid }, sid));
    return p;
  }

  /* --- by domain --- */
  var sel = document.getElementById("domain-select");
  sel.appendChild(el("option", { value: "", text: "— choose a domain —" }));
  (m.domains || []).forEach(function (d) { sel.appendChild(el("option", { value: d.code, text: d.zh + " " + d.en })); });
  sel.addEventListener("change", function () { location.hash = withIns("domain=" + encodeURIComponent(sel.value)); });

  function domainView(code) {
    sel.value = code;
    var out = document.getElementById("domain-out");
    out.replaceChildren();
    current = {};
    var token = current;
    var d = (m.domains || []).filter(function (x) { return x.code === code; })[0];
    if (!d) { out.appendChild(el("p", { cls: "hint", text: code ? "No sentence is coded to " + code + "." : "Choose a domain to list the sentences coded to it, document by document." })); return; }
    var how = m.level === "paragraph"
      ? "Domains are coded per paragraph: each sentence shows its paragraph's labels and the paragraph's score for this domain."
      : "Each sentence shows its own labels and its score for this domain.";
    out.appendChild(el("p", { cls: "hint" }, [how + " A group's share (from the ", tableLink("priorities", { domain: code }, "priorities table"),
      ") counts the text whose primary domain this is; sentences where it is only a secondary label are marked."]));
    (m.groups || []).forEach(function (g) {
      var files = (d.files || {})[g.name] || [];
      var box = el("section", { cls: "group" });
      var n = files.reduce(function (s, f) { return s + f.n; }, 0);
      var head = el("h3", {}, [groupChip(g.name), " " + fmt(n) + " sentence" + (n === 1 ? "" : "s") + " coded " + d.zh +
        (insSel.value ? " (listed: instrument " + insSel.value + " only)" : "")]);
      var sh = ((m.shares || {})[code] || {})[g.name];
      if (sh) {
        var pct = function (x) { return x === "" ? "?" : (100 * Number(x)).toFixed(1); };
        head.appendChild(el("span", { cls: "count", text: " · share " }));
        // A group without enough documents for a bootstrap has no interval: none is shown.
        var band = sh[1] === "" || sh[2] === "" ? "" : " [" + pct(sh[1]) + "–" + pct(sh[2]) + "]";
        head.appendChild(tableLink("priorities", { domain: code, group: g.name },
          pct(sh[0]) + "%" + band));
      }
      box.appendChild(head);
      out.appendChild(box);
      // DOMAIN_PAGE sentences at a time, files (about 1 MB each) read as needed: a large
      // corpus shows its first documents at once and the rest on request.
      var next = 0, shown = 0, queue = [], columns = null;
      var more = el("button", { type: "button" });
      more.hidden = true;
      function fillQueue() {
        if (queue.length >= DOMAIN_PAGE || next >= files.length) return Promise.resolve();
        var f = files[next++];
        return PS.load(f.key).then(function (data) {
          columns = data.columns;
          data.rows.forEach(function (r) { queue.push(r); });
          PS.drop(f.key);
          return fillQueue();
        });
      }
      function loadNext() {
        more.disabled = true;
        fillQueue().then(function () {
          if (token !== current) return;
          var rows = queue.splice(0, DOMAIN_PAGE);
          shown += rows.length;
          rows = rows.filter(function (r) { return insOk(r, columns); });
          if (rows.length) domainRows(box, { columns: columns, rows: rows }, code);
          box.appendChild(more);
          more.disabled = false;
          more.hidden = shown >= n;
          more.textContent = "show more (" + fmt(shown) + " of " + fmt(n) + (insSel.value ? " read" : " shown") + ")";
        });
      }
      more.addEventListener("click", loadNext);
      loadNext();
    });
  }

  var DOMAIN_PAGE = 200;

  function domainRows(box, data, code) {
    var c = data.columns, di = c.indexOf("doc_id"), si = c.indexOf("score");
    var byDoc = {}, order = [];
    data.rows.forEach(function (r) {
      if (!(r[di] in byDoc)) { byDoc[r[di]] = []; order.push(r[di]); }
      byDoc[r[di]].push(r);
    });
    order.forEach(function (doc) {
      var rows = byDoc[doc];
      var det = box.querySelector('details[data-doc="' + CSS.escape(doc) + '"]');
      if (!det) {
        det = el("details", { "data-doc": doc, open: "" }, [el("summary", {}, [el("b", { text: docLabel(doc) }), el("span", { cls: "count" })])]);
        det.appendChild(el("ol", { cls: "sents" }));
        box.appendChild(det);
      }
      var ol = det.querySelector("ol");
      rows.forEach(function (r) {
        var li = el("li", { cls: "hit" }, [el("span", { cls: "score", text: r[si], title: "score for this domain" }), el("span", { text: r[c.indexOf("text")] })]);
        if (r[c.indexOf("primary")] !== code) {
          li.classList.add("secondary");
          li.insertBefore(el("span", { cls: "tag", text: "secondary label" }), li.children[1]);
        }
        li.appendChild(labels(r, c));
        ol.appendChild(li);
      });
      var n = ol.children.length;
      det.querySelector(".count").textContent = " · " + n + " sentence" + (n === 1 ? "" : "s");
    });
  }

  /* --- by target --- */
  var tg = document.getElementById("target-group"), tk = document.getElementById("target-kind"), tq = document.getElementById("target-q");
  var T = m.targets || { columns: [], kinds: [], files: {} };
  tg.appendChild(el("option", { value: "", text: "all" }));
  Object.keys(T.files).sort().forEach(function (g) { tg.appendChild(el("option", { value: g, text: g })); });
  tk.appendChild(el("option", { value: "", text: "all" }));
  T.kinds.forEach(function (k) { tk.appendChild(el("option", { value: k, text: k })); });
  function setTargetHash() {
    location.hash = fragmentOf({ target: "", group: tg.value, kind: tk.value, q: tq.value }) || "target=";
  }
  tg.addEventListener("change", setTargetHash);
  tk.addEventListener("change", setTargetHash);
  tq.addEventListener("change", setTargetHash);

  function targetView(h) {
    tg.value = h.group || ""; tk.value = h.kind || ""; tq.value = h.q || "";
    var out = document.getElementById("target-out");
    out.replaceChildren();
    current = {};
    var token = current;
    if (!T.columns.length) { out.appendChild(el("p", { cls: "hint", text: "This run wrote no targets table." })); return; }
    var groups = tg.value ? [tg.value] : Object.keys(T.files).sort();
    var files = [];
    groups.forEach(function (g) { (T.files[g] || []).forEach(function (f) { files.push(f); }); });
    var rows = [];
    files.reduce(function (p, f) {
      return p.then(function () { return PS.load(f.key).then(function (d) { d.rows.forEach(function (r) { rows.push(r); }); }); });
    }, Promise.resolve()).then(function () { if (token === current) targetTable(out, rows); });
  }

  var PAGE = 500;

  function targetTable(out, all, limit) {
    var rows = all;
    limit = limit || PAGE;
    var c = T.columns, col = function (r, n) { var i = c.indexOf(n); return i >= 0 ? r[i] : ""; };
    var q = tq.value.trim(), kind = tk.value;
    rows = rows.filter(function (r) {
      if (kind && col(r, "kind") !== kind) return false;
      return !q || r.some(function (v) { return v.indexOf(q) >= 0; });
    });
    var has = function (n) { return c.indexOf(n) >= 0; };
    var heads = ["group", "document", "kind", "indicator", "value", "period"];
    if (has("bindingness")) heads.push("bindingness");
    if (has("domain")) heads.push("domain");
    heads.push("sentence");
    var total = rows.length;
    rows = rows.slice(0, limit);
    out.appendChild(el("p", { cls: "count", text: fmt(total) + " quantified statement" + (total === 1 ? "" : "s") +
      (total > rows.length ? ", first " + fmt(rows.length) + " shown" : "") }));
    var t = el("table", { cls: "data targets" });
    t.appendChild(el("thead", {}, [el("tr", {}, heads.map(function (x) { return el("th", { text: x }); }))]));
    var tb = el("tbody");
    rows.forEach(function (r) {
      var value = [col(r, "comparator"), col(r, "value") + (col(r, "value_high") ? "–" + col(r, "value_high") : ""), col(r, "unit")].join(" ").trim();
      if (has("value_type") && col(r, "value_type")) value += " (" + col(r, "value_type") + ")";
      var period = [col(r, "period"), col(r, "deadline"), col(r, "deadline_year")].filter(function (x, i, a) { return x && a.indexOf(x) === i; }).join(" · ");
      var cells = [el("td", {}, [groupChip(col(r, "group"))]), el("td", { text: docLabel(col(r, "doc_id")) }),
        el("td", { text: col(r, "kind") }), el("td", { text: col(r, "indicator") + (col(r, "canonical_indicator") ? " → " + col(r, "canonical_indicator") : "") }),
        el("td", { text: value }), el("td", { text: period || "—" })];
      if (has("bindingness")) cells.push(el("td", { text: col(r, "bindingness") || "—" }));
      if (has("domain")) cells.push(el("td", { text: col(r, "domain") ? domainName(col(r, "domain")) : "" }));
      var marks = [col(r, "indicator"), col(r, "value")].filter(function (x) { return x; });
      var s = el("td", { cls: "long" }, [highlighted(col(r, "sentence"), marks)]);
      if (col(r, "sentence_id")) { s.appendChild(el("br")); s.appendChild(tableLink("targets", { sentence_id: col(r, "sentence_id") }, col(r, "sentence_id"))); }
      cells.push(s);
      tb.appendChild(el("tr", {}, cells));
    });
    t.appendChild(tb);
    out.appendChild(el("div", { cls: "scroll" }, [t]));
    if (total > rows.length) {
      var more = el("button", { type: "button", text: "show " + fmt(Math.min(PAGE, total - rows.length)) + " more" });
      more.addEventListener("click", function () { out.replaceChildren(); targetTable(out, all, limit + PAGE); });
      out.appendChild(more);
    }
  }

  window.addEventListener("hashchange", route);
  route();
}

document.addEventListener("DOMContentLoaded", function () {
  // Ask for the CJK font at once rather than when the first Chinese glyph is laid out.
  if (document.fonts && document.fonts.load) document.fonts.load('16px "PS CJK"', "民生").catch(function () {});
  var page = document.body.dataset.page;
  if (page === "tables" && document.querySelector('meta[name="ps-table"]')) tablePage();
  if (page === "explorer") explorerPage();
});
