// The analyst's desk: the map with its day slider, the evidence panel, events, review and reports.
// Plain JavaScript over the JSON API; every text from a report goes in through textContent.
"use strict";

const desk = (() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const canEdit = document.body.dataset.canEdit === "true";
  const state = { days: [], day: null, sides: {}, layers: {}, places: {}, seq: 0, playing: null, selected: null };

  // -- helpers ---------------------------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  async function api(path, opts = {}) {
    const headers = Object.assign({ Accept: "application/json" }, opts.headers || {});
    if (opts.method && opts.method !== "GET") headers["X-CSRF-Token"] = csrf;
    if (opts.json !== undefined) { headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(opts.json); }
    const res = await fetch(path, { method: opts.method || "GET", headers, body: opts.body, credentials: "same-origin" });
    const type = res.headers.get("content-type") || "";
    const data = type.includes("json") ? await res.json() : await res.text();
    if (!res.ok) throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
    return data;
  }
  const color = (status) => (state.sides[status] || { color: "#777" }).color;
  const sideName = (status) => (state.sides[status] || { name: status }).name;
  const pct = (c) => `${Math.round((c || 0) * 100)}%`;
  function addDays(iso, n) {
    const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10);
  }
  function status(msg) { document.getElementById("map-status").textContent = msg; }

  // -- the map -----------------------------------------------------------------------------------
  let map = null;
  function initMap(bbox) {
    if (!window.L) return;
    map = L.map("map", { zoomSnap: 0.25, preferCanvas: false, attributionControl: true });
    map.attributionControl.setPrefix("Leaflet · governorates approximate, from the gazetteer (GeoNames)");
    const [w, s, e, n] = bbox || [35.5, 32.3, 42.4, 37.4];
    map.fitBounds([[s, w], [n, e]]);
    for (const name of ["regions", "areas", "fronts", "places", "events"]) state.layers[name] = L.layerGroup().addTo(map);
    state.layers.basemap = L.layerGroup().addTo(map);
    state.layers.basemap.bringToBack && state.layers.basemap.bringToBack();
  }

  function drawBasemap(fc) {
    if (!map) return;
    L.geoJSON(fc, {
      filter: (f) => f.properties.layer !== "region",
      style: (f) => {
        const layer = f.properties.layer;
        if (layer === "boundary") return { color: "#444", weight: 1.5, fill: true, fillColor: "#f3f1ea", fillOpacity: 1 };
        if (/river/i.test(layer)) return { color: "#5b9bd5", weight: 1.2 };
        if (/road/i.test(layer)) return { color: "#b08b5a", weight: 0.8 };
        return { color: "#999", weight: 0.8, fill: true, fillColor: "#e6e4dc", fillOpacity: 1 };
      },
    }).addTo(state.layers.basemap);
    L.geoJSON(fc, {
      filter: (f) => f.properties.layer === "region",
      style: () => ({ color: "#777", weight: 0.7, dashArray: "3 3", fill: false }),
      onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true }),
    }).addTo(state.layers.regions);
  }

  function placeStyle(p) {
    const conf = p.confidence || 0;
    const c = color(p.status);
    const base = { radius: 5, color: c, weight: 1.5, fillColor: c, fillOpacity: 0.25 + 0.7 * conf, opacity: 1 };
    if (p.status === "contested") Object.assign(base, { radius: 7, color: "#000", weight: 2, dashArray: "2 2" });
    if (p.level === "claimed") Object.assign(base, { fillOpacity: 0.1, dashArray: "3 2", weight: 2 });
    if (p.level === "analyst") Object.assign(base, { color: "#111", weight: 2.5, radius: 6 });
    return base;
  }

  // Resolves once the browser has drawn the next frame (or after a second, in a tab that draws none).
  function afterPaint() {
    return new Promise((resolve) => {
      const late = setTimeout(resolve, 1000);
      requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(late); resolve(); }));
    });
  }

  async function drawDay(day) {
    const seq = ++state.seq;
    const t0 = performance.now();
    status("drawing…");
    document.getElementById("map").dataset.drawnDay = "";
    const [control, areas, evs] = await Promise.all([
      api(`/api/control?as_of=${day}`), api(`/api/areas?as_of=${day}`), api(`/api/events?since=${day}&until=${day}`),
    ]);
    if (seq !== state.seq) return;  // a later day was asked for meanwhile
    state.day = day;
    document.getElementById("asof-day").textContent = day;
    document.getElementById("slider-day").textContent = day;
    state.places = {};
    if (map) {
      for (const name of ["areas", "fronts", "places", "events"]) state.layers[name].clearLayers();
      L.geoJSON(areas, {
        filter: (f) => f.properties.layer === "area",
        style: (f) => ({ stroke: false, fillColor: color(f.properties.status), fillOpacity: f.properties.status === "unknown" ? 0.15 : 0.35 }),
      }).addTo(state.layers.areas);
      L.geoJSON(areas, {
        filter: (f) => f.properties.layer === "front_line",
        style: (f) => f.properties.kind === "front" ? { color: "#111", weight: 2.5 } : { color: "#8e44ad", weight: 2, dashArray: "5 4" },
      }).addTo(state.layers.fronts);
      // Thousands of places draw on one canvas; a few hundred stay SVG elements (inspectable, testable).
      const renderer = control.features.length > 3000 ? (state.canvas = state.canvas || L.canvas({ padding: 0.2 })) : undefined;
      for (const f of control.features) {
        const p = f.properties;
        state.places[p.place_id] = p;
        if (!f.geometry) continue;
        const [lon, lat] = f.geometry.coordinates;
        const m = L.circleMarker([lat, lon], Object.assign(placeStyle(p), renderer ? { renderer } : {})).addTo(state.layers.places);
        if (!renderer) m.bindTooltip(`${p.name}: ${sideName(p.status)} (${p.level}, ${pct(p.confidence)})`);  // thousands: click instead
        m.on("click", () => showPlace(p.place_id));
        const el = m.getElement();
        if (el) { el.dataset.place = p.place_id; el.dataset.status = p.status; el.dataset.level = p.level; el.classList.add("place"); }
      }
      for (const e of (evs.events || [])) {
        if (e.lat === null || e.lon === null) continue;
        const icon = L.divIcon({ className: "event-icon", html: "", iconSize: [10, 10] });
        const m = L.marker([e.lat, e.lon], { icon, title: `${e.sub_event_type}: ${e.location}` }).addTo(state.layers.events);
        m.on("click", () => showEvent(e.id));
        const el = m.getElement();
        if (el) { el.dataset.event = e.id; el.dataset.type = e.event_type; el.classList.add("ev-" + e.event_type.replace(/[^a-z]/gi, "").toLowerCase()); }
      }
      applyToggles();
    }
    const ms = Math.round(performance.now() - t0);
    status(`${control.features.length} places, ${(evs.events || []).length} events · drawn in ${ms} ms`);
    document.getElementById("map").dataset.drawnDay = day;
    document.getElementById("map").dataset.drawMs = String(ms);
    // drawMs ends with the script; the browser paints after it (a canvas in the next frame, SVG's layout):
    // paintMs counts that too, for the benchmark.
    afterPaint().then(() => {
      if (seq !== state.seq) return;
      const el = document.getElementById("map");
      el.dataset.paintMs = String(Math.round(performance.now() - t0));
      el.dataset.paintedDay = day;
    });
    if (document.getElementById("tab-review").classList.contains("active")) loadReview();
  }

  function applyToggles() {
    if (!map) return;
    for (const box of document.querySelectorAll("#layer-toggles input")) {
      const layer = state.layers[box.dataset.layer];
      if (!layer) continue;
      if (box.checked && !map.hasLayer(layer)) map.addLayer(layer);
      if (!box.checked && map.hasLayer(layer)) map.removeLayer(layer);
    }
  }

  function drawLegend() {
    const legend = document.getElementById("legend");
    legend.replaceChildren(
      ...Object.entries(state.sides).filter(([id]) => id !== "civilians").map(([id, s]) =>
        h("span", { class: "key" }, h("i", { style: `background:${s.color}` }), s.name || id)),
      h("span", { class: "key" }, h("i", { class: "ring dashed" }), "claimed only (hollow)"),
      h("span", { class: "key" }, h("i", { class: "ring bold" }), "analyst correction"),
      h("span", { class: "key" }, h("i", { class: "ev" }), "event of the day"),
      h("span", { class: "key" }, "fill strength = confidence"),
    );
  }

  // -- evidence panel ----------------------------------------------------------------------------
  function showTab(name) {
    for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("active", b.dataset.tab === name);
    for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t.id === "tab-" + name);
    if (name === "review") loadReview();
    if (name === "events") loadEvents();
    if (name === "audit") loadAudit();
  }

  function evidenceItem(ev) {
    return h("li", { class: "evidence-item" },
      h("blockquote", { class: "sentence" }, ev.text || "(no sentence)"),
      h("div", { class: "small muted" },
        `${ev.source || "unknown source"}${ev.title ? " · " + ev.title : ""} · published ${ev.published || "?"} · `,
        `${ev.level} · ${pct(ev.confidence)} · says ${sideName(ev.status)}`,
        ev.event_id ? h("a", { href: "#", class: "event-link", onclick: (e) => { e.preventDefault(); showEvent(ev.event_id); } }, " · the event") : null));
  }

  async function showPlace(id) {
    showTab("evidence");
    state.selected = id;
    const box = document.getElementById("evidence");
    box.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    let data;
    try { data = await api(`/api/places/${encodeURIComponent(id)}/history`); } catch (err) { box.replaceChildren(h("p", { class: "message" }, err.message)); return; }
    const cur = state.places[id];
    const rows = data.history.map((d) => h("li", { class: "day" + (d.level === "analyst" ? " analyst" : "") },
      h("div", {}, h("strong", {}, d.day), " ", h("span", { class: "swatch", style: `background:${color(d.status)}` }), " ",
        sideName(d.status), ` · ${d.level} · ${pct(d.confidence)}`),
      d.correction ? h("div", { class: "small" }, `analyst correction by ${d.correction.author}: ${d.correction.note || "(no note)"}`,
        canEdit ? h("button", { type: "button", class: "undo", "data-correction": d.correction.id, onclick: () => undo(d.correction.id, id) }, "undo") : null) : null,
      d.evidence.length ? h("ul", { class: "evidence" }, d.evidence.map(evidenceItem)) : null));
    box.replaceChildren(...[
      h("h2", { id: "place-name" }, data.place.name),
      h("p", { class: "small muted" }, `${data.place.admin1 || ""} · ${data.place.id}`),
      h("p", { id: "place-status" }, `On ${state.day}: `, cur ? `${sideName(cur.status)} (${cur.level}, ${pct(cur.confidence)}) since ${cur.since}` : "no status"),
      canEdit ? reviewForm(id, cur) : null,
      h("h3", {}, "Status history"),
      h("ol", { class: "history" }, rows),
      data.events.length ? h("h3", {}, "Events here") : null,
      data.events.length ? h("ul", {}, data.events.map((e) => h("li", {}, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showEvent(e.id); } }, `${e.date} ${e.sub_event_type}: ${e.actor1} / ${e.actor2 || "-"}`)))) : null,
    ].filter(Boolean));
  }

  function reviewForm(id, cur) {
    const select = h("select", { name: "status", id: "correct-status" },
      Object.entries(state.sides).filter(([sid]) => sid !== "civilians").map(([sid, s]) => h("option", { value: sid }, s.name || sid)));
    if (cur) select.value = cur.status;
    const from = h("input", { type: "date", name: "valid_from", id: "correct-from", value: state.day });
    const note = h("input", { name: "note", id: "correct-note", placeholder: "why (kept in the audit log)" });
    const msg = h("p", { class: "small", id: "review-message", "aria-live": "polite" });
    const send = async (action) => {
      try {
        const body = { action, note: note.value };
        if (action === "correct") Object.assign(body, { status: select.value, valid_from: from.value });
        else body.valid_from = state.day;
        await api(`/api/review/${encodeURIComponent(id)}`, { method: "POST", json: body });
        msg.textContent = `${action} saved`;
        await drawDay(state.day);
        await showPlace(id);
      } catch (err) { msg.textContent = err.message; }
    };
    return h("form", { class: "review-form", id: "review-form", onsubmit: (e) => { e.preventDefault(); send("correct"); } },
      h("div", {}, h("button", { type: "button", id: "confirm", onclick: () => send("confirm") }, "Confirm"), " ",
        h("button", { type: "button", id: "reject", onclick: () => send("reject") }, "Reject")),
      h("div", {}, "Set to ", select, " from ", from), note, h("button", { type: "submit", id: "correct-submit" }, "Correct"), msg);
  }

  async function undo(cid, placeId) {
    try { await api(`/api/corrections/${cid}/undo`, { method: "POST", json: { note: "undone from the desk" } }); }
    catch (err) { alert(err.message); return; }
    await drawDay(state.day);
    await showPlace(placeId);
  }

  async function showEvent(id) {
    showTab("evidence");
    const box = document.getElementById("evidence");
    let e;
    try { e = await api(`/api/events/${encodeURIComponent(id)}`); } catch (err) { box.replaceChildren(h("p", { class: "message" }, err.message)); return; }
    const fields = ["date", "event_type", "sub_event_type", "actor1", "actor1_side", "actor2", "actor2_side", "location", "admin1",
      "fatalities", "certainty", "claimed_by", "source", "geo_precision", "time_precision"];
    box.replaceChildren(...[
      h("h2", { id: "event-title" }, `${e.sub_event_type} · ${e.location}`),
      h("blockquote", { class: "sentence", id: "event-sentence" }, e.text),
      h("table", { class: "fields" }, fields.map((k) => h("tr", {}, h("th", {}, k), h("td", {}, e[k] === null ? "" : String(e[k]))))),
      e.place_id ? h("p", {}, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showPlace(e.place_id); } }, `history of ${e.location}`)) : null,
      e.document ? h("p", { class: "small muted" }, `${e.document.source || ""} · ${e.document.title || ""} · ${e.document.published || ""}`) : null,
    ].filter(Boolean));
  }

  // -- events table ----------------------------------------------------------------------------
  function eventQuery() {
    const f = new FormData(document.getElementById("event-filters"));
    const q = new URLSearchParams();
    for (const [k, v] of f.entries()) if (v) q.append(k, v);
    return q;
  }
  async function loadEvents() {
    const q = eventQuery();
    const body = document.querySelector("#events-table tbody");
    let data;
    try { data = await api(`/api/events?${q}`); } catch (err) { body.replaceChildren(h("tr", {}, h("td", { colspan: 7 }, err.message))); return; }
    document.getElementById("event-count").textContent = `${data.events.length} events`;
    const csv = new URLSearchParams(q); csv.set("format", "csv");
    const gj = new URLSearchParams(q); gj.set("format", "geojson");
    document.getElementById("dl-csv").href = `/api/events?${csv}`;
    document.getElementById("dl-geojson").href = `/api/events?${gj}`;
    body.replaceChildren(...data.events.map((e) => h("tr", { onclick: () => showEvent(e.id), class: "clickable" },
      h("td", {}, e.date || ""), h("td", {}, e.sub_event_type), h("td", {}, e.actor1), h("td", {}, e.actor2 || ""),
      h("td", {}, e.location), h("td", {}, e.fatalities), h("td", {}, e.certainty))));
  }

  // -- review queue and audit --------------------------------------------------------------------
  async function loadReview() {
    const box = document.getElementById("review-queue");
    let data;
    try { data = await api(`/api/review?as_of=${state.day || ""}`); } catch (err) { box.replaceChildren(h("p", { class: "message" }, err.message)); return; }
    box.replaceChildren(
      h("p", { class: "small muted" }, `${data.items.length} to look at on ${state.day}`),
      h("ul", { class: "queue" }, data.items.map((it) => h("li", {},
        h("a", { href: "#", onclick: (e) => { e.preventDefault(); showPlace(it.place_id); } }, it.name),
        ` · ${sideName(it.status)} · ${it.reasons.join(", ")}`))));
  }
  async function loadAudit() {
    const box = document.getElementById("audit");
    if (!box) return;
    const data = await api("/api/audit");
    box.replaceChildren(h("table", { class: "fields" }, h("tr", {}, ["when", "who", "what", "target", "why"].map((c) => h("th", {}, c))),
      data.audit.map((a) => h("tr", {}, h("td", {}, a.at), h("td", {}, a.who), h("td", {}, a.action), h("td", {}, a.target), h("td", {}, a.why || "")))));
  }

  // -- add reports -----------------------------------------------------------------------------
  function addReports(e) {
    e.preventDefault();
    const form = e.target;
    const bar = document.getElementById("add-progress");
    const out = document.getElementById("add-result");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/reports");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    bar.hidden = false; bar.value = 0; out.textContent = "uploading…";
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) bar.value = Math.round(50 * ev.loaded / ev.total); };
    xhr.upload.onload = () => { bar.removeAttribute("value"); out.textContent = "reading the reports…"; };
    xhr.onload = async () => {
      bar.hidden = true;
      let data = {};
      try { data = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      if (xhr.status >= 400) { out.textContent = data.error || `error ${xhr.status}`; return; }
      const evs = data.documents.reduce((n, d) => n + d.events, 0);
      out.textContent = `added ${data.added} report(s) (${data.skipped} already there): ${evs} events`;
      form.reset();
      await loadTheater();
      await drawDay(state.day);
    };
    xhr.onerror = () => { bar.hidden = true; out.textContent = "the upload failed"; };
    xhr.send(new FormData(form));
  }

  // -- the slider ------------------------------------------------------------------------------
  async function loadTheater() {
    const th = await api("/api/theater");
    state.sides = th.sides;
    state.days = [];
    if (th.start && th.end) for (let d = th.start; d <= th.end; d = addDays(d, 1)) state.days.push(d);
    const slider = document.getElementById("day-slider");
    slider.max = String(Math.max(state.days.length - 1, 0));
    const keep = state.day && state.days.indexOf(state.day) >= 0 ? state.days.indexOf(state.day) : state.days.length - 1;
    slider.value = String(keep);
    if (!state.day) state.day = state.days[keep];
    const sideSelect = document.querySelector('#event-filters select[name="side"]');
    if (sideSelect.options.length === 1) for (const [id, s] of Object.entries(th.sides)) sideSelect.append(h("option", { value: id }, s.name || id));
    return th;
  }
  function togglePlay() {
    const btn = document.getElementById("play");
    const slider = document.getElementById("day-slider");
    if (state.playing) { clearInterval(state.playing); state.playing = null; btn.textContent = "▶"; btn.setAttribute("aria-label", "play"); return; }
    btn.textContent = "❚❚"; btn.setAttribute("aria-label", "pause");
    if (Number(slider.value) >= Number(slider.max)) slider.value = "0";
    state.playing = setInterval(() => {
      if (Number(slider.value) >= Number(slider.max)) { togglePlay(); return; }
      slider.value = String(Number(slider.value) + 1);
      drawDay(state.days[Number(slider.value)]);
    }, 1200);
  }

  async function start() {
    for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
    document.getElementById("day-slider").addEventListener("input", (e) => drawDay(state.days[Number(e.target.value)]));
    document.getElementById("play").addEventListener("click", togglePlay);
    for (const box of document.querySelectorAll("#layer-toggles input")) box.addEventListener("change", applyToggles);
    document.getElementById("event-filters").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(); });
    const add = document.getElementById("add-form");
    if (add) add.addEventListener("submit", addReports);
    const th = await loadTheater();
    initMap(th.bbox);
    drawLegend();
    drawBasemap(await api("/api/basemap"));
    if (state.day) await drawDay(state.day);
  }

  start().catch((err) => status(err.message));
  return { state, drawDay, showPlace, showEvent };
})();
