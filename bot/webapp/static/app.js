/* The coordinators' dashboard: plain JavaScript, no framework, no external script.
   Telegram passes initData in the page's hash (tgWebAppData) or, when telegram-web-app.js
   is present, in window.Telegram.WebApp.initData; every API call carries it. */
"use strict";

const App = (() => {
  const hash = new URLSearchParams(location.hash.slice(1));
  const tg = window.Telegram && window.Telegram.WebApp;
  const initData = (tg && tg.initData) || hash.get("tgWebAppData") || "";
  const state = { texts: {}, session: null, view: null, query: null, sort: null, desc: false };
  const $ = (id) => document.getElementById(id);

  function T(key, params) {
    let text = state.texts[key] || key;
    for (const [name, value] of Object.entries(params || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function theme() {
    let params = (tg && tg.themeParams) || null;
    if (!params && hash.get("tgWebAppThemeParams")) {
      try { params = JSON.parse(hash.get("tgWebAppThemeParams")); } catch (e) { params = null; }
    }
    if (!params) return;
    const root = document.documentElement;
    root.classList.add("themed");
    for (const [name, value] of Object.entries(params)) {
      if (/^#[0-9a-f]{3,8}$/i.test(value)) {
        root.style.setProperty("--tg-theme-" + name.replace(/_/g, "-"), value);
      }
    }
  }

  async function api(path, body) {
    const options = { headers: { "X-Telegram-Init-Data": initData } };
    if (body instanceof FormData) {
      options.method = "POST";
      options.body = body;
    } else if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok && response.status !== 422) {
      const error = new Error(data.error || T("webapp.error"));
      error.status = response.status;
      throw error;
    }
    data.status = response.status;
    return data;
  }

  function notice(text, bad) {
    const element = $("notice");
    element.textContent = text || "";
    element.classList.toggle("bad", Boolean(bad));
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return node;
  }

  function translate() {
    for (const node of document.querySelectorAll("[data-t]")) node.textContent = T(node.dataset.t);
    document.title = T("webapp.title");
    $("search").placeholder = T("webapp.search");
  }

  // ---- picking ----------------------------------------------------------------------

  async function pickers() {
    const list = await api("api/briefings");
    const select = $("briefing");
    select.replaceChildren(el("option", { value: "", text: T("webapp.pick.briefing") + "…" }));
    for (const item of list.items) {
      select.append(el("option", { value: item.id, text: "#" + item.id + " " + item.title }));
    }
    if (!list.items.length) select.append(el("option", { value: "", text: T("webapp.pick.none") }));
    select.addEventListener("change", () => {
      if (select.value) load({ briefing: select.value });
    });
    const chips = $("periods");
    for (const period of state.session.periods) {
      chips.append(el("button", {
        type: "button", "data-period": period.name, text: period.label,
        onclick: () => { select.value = ""; load({ period: period.name }); },
      }));
    }
    return list.items;
  }

  async function load(query) {
    state.query = query;
    notice(T("webapp.loading"));
    const params = new URLSearchParams(query);
    try {
      state.view = await api("api/recap?" + params.toString());
    } catch (error) {
      notice(error.message, true);
      return;
    }
    notice("");
    for (const chip of document.querySelectorAll("#periods button")) {
      chip.classList.toggle("on", chip.dataset.period === query.period);
    }
    render();
  }

  // ---- drawing ----------------------------------------------------------------------

  function render() {
    const view = state.view;
    const totals = view.totals;
    $("heading").textContent = (view.kind === "briefing"
      ? "#" + view.briefing.id + " " + view.briefing.title + " — "
      : view.period.first + " – " + view.period.last + " — ") + view.scope.label;
    for (const name of ["targeted", "on_time", "late", "missing"]) {
      const value = name === "missing" ? totals.missing + totals.rejected_only : totals[name];
      $("tile-" + name).textContent = value;
    }
    const up = $("up");
    up.hidden = !view.up;
    if (view.up) {
      up.textContent = T("webapp.up", { area: view.up.label });
      up.onclick = () => drill(view.up.id === state.session.area.id ? null : view.up.id);
    }
    const remind = $("remind");
    remind.hidden = !view.can_remind;
    remind.textContent = T("webapp.remind");
    $("confirm").hidden = true;
    chart(view);
    table();
  }

  function drill(areaId) {
    const query = Object.assign({}, state.query);
    if (areaId) query.area = areaId; else delete query.area;
    load(query);
  }

  function chart(view) {
    const groups = view.groups.filter((group) => group.targeted > 0);
    const byKecamatan = view.scope.kind === "kabupaten";
    $("chart-title").textContent = T(byKecamatan ? "webapp.chart.kecamatan" : "webapp.chart.desa");
    const row = 18, label = 120, width = 340;
    const height = Math.max(row * groups.length + 20, 40);
    const box = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
    const scale = (width - label - 36) / 100;
    groups.forEach((group, index) => {
      const y = index * row;
      const name = svg("text", { x: 0, y: y + 12 });
      name.textContent = group.label.length > 20 ? group.label.slice(0, 19) + "…" : group.label;
      const bar = svg("rect", {
        x: label, y: y + 2, height: row - 5, width: Math.max(group.percent * scale, 1),
        class: "bar" + (group.drill ? " drill" : ""), "data-unit": group.id,
      });
      const title = svg("title", {});
      title.textContent = group.label + ": " + group.reported + "/" + group.targeted;
      bar.append(title);
      if (group.drill) bar.addEventListener("click", () => drill(group.id));
      const value = svg("text", { x: label + group.percent * scale + 4, y: y + 12 });
      value.textContent = group.percent + "%";
      box.append(name, bar, value);
    });
    if (view.average !== undefined && groups.length) {
      const x = label + view.average * scale;
      box.append(svg("line", { x1: x, x2: x, y1: 0, y2: row * groups.length, class: "avg" }));
      const note = svg("text", { x: label, y: row * groups.length + 14 });
      note.textContent = T("webapp.chart.average") + " " + view.average + "%";
      box.append(note);
    }
    $("chart").replaceChildren(box);
  }

  function columns(view) {
    const cols = [{ key: "label", title: T("webapp.column.unit") }];
    if (view.scope.kind === "kabupaten") cols.push({ key: "kecamatan", title: T("webapp.column.kecamatan") });
    if (view.kind === "briefing") {
      cols.push({ key: "status", title: T("webapp.column.status") });
      cols.push({ key: "reports", title: T("webapp.column.reports") });
    } else {
      cols.push({ key: "percent", title: T("webapp.column.percent") });
    }
    return cols;
  }

  function cell(view, unit, key) {
    if (key === "status") {
      const node = el("td", { class: "st-" + unit.status, text: T("rekap.status." + unit.status) });
      if (unit.no_officer) node.append(el("small", { text: T("webapp.no_officer") }));
      return node;
    }
    if (key === "reports") {
      // Only web links become links (an officer typed them; the bot accepts https only).
      return el("td", {}, unit.reports.map((report) => /^https?:\/\//i.test(report.url)
        ? el("a", { href: report.url, target: "_blank", rel: "noopener noreferrer", text: report.url })
        : el("small", { text: report.url })));
    }
    if (key === "percent") return el("td", { text: unit.percent + "% (" + unit.reported + "/" + unit.targeted + ")" });
    const node = el("td", { text: unit[key] || "" });
    if (key === "label" && unit.no_officer && view.kind === "period") {
      node.append(el("small", { text: T("webapp.no_officer") }));
    }
    return node;
  }

  function sortValue(unit, key) {
    if (key === "reports") return unit.reports.length;
    if (key === "status") return ["missing", "rejected_only", "late", "on_time"].indexOf(unit.status);
    return unit[key] === null || unit[key] === undefined ? "" : unit[key];
  }

  function table() {
    const view = state.view;
    const cols = columns(view);
    const head = $("columns");
    head.replaceChildren(...cols.map((col) => el("th", {
      "data-key": col.key, text: col.title,
      class: state.sort === col.key ? (state.desc ? "desc" : "asc") : "",
      onclick: () => {
        state.desc = state.sort === col.key ? !state.desc : false;
        state.sort = col.key;
        table();
      },
    })));
    const needle = $("search").value.trim().toLowerCase();
    let units = view.units.filter((unit) => !needle
      || unit.label.toLowerCase().includes(needle)
      || (unit.kecamatan || "").toLowerCase().includes(needle));
    if (state.sort) {
      const key = state.sort, sign = state.desc ? -1 : 1;
      units = units.slice().sort((a, b) => {
        const x = sortValue(a, key), y = sortValue(b, key);
        return (x < y ? -1 : x > y ? 1 : 0) * sign;
      });
    }
    $("units").tBodies[0].replaceChildren(...units.map((unit) => {
      const row = el("tr", { "data-unit": unit.id }, cols.map((col) => cell(view, unit, col.key)));
      if (view.scope.kind === "kabupaten" && unit.kecamatan_id && unit.kecamatan_id !== unit.id) {
        row.classList.add("drill");
        row.firstChild.addEventListener("click", () => drill(unit.kecamatan_id));
      }
      return row;
    }));
  }

  // ---- actions ----------------------------------------------------------------------

  function actions() {
    $("search").addEventListener("input", table);
    $("remind").addEventListener("click", () => {
      $("confirm-text").textContent = T("webapp.remind.confirm", { units: state.view.unreported });
      $("confirm").hidden = false;
    });
    $("confirm-no").addEventListener("click", () => { $("confirm").hidden = true; });
    $("confirm-yes").addEventListener("click", async () => {
      $("confirm").hidden = true;
      try {
        const done = await api("api/remind", { briefing_id: state.view.briefing.id });
        notice(done.message);
      } catch (error) {
        notice(error.message, true);
      }
    });
    $("excel").addEventListener("click", async () => {
      const view = state.view;
      if (!view) return;
      const body = view.kind === "briefing"
        ? { briefing_id: view.briefing.id, area: view.scope.id }
        : { period: String(view.period.code), area: view.scope.id };
      $("excel").disabled = true;
      try {
        notice((await api("api/excel", body)).message);
      } catch (error) {
        notice(error.message, true);
      } finally {
        $("excel").disabled = false;
      }
    });
    for (const tab of document.querySelectorAll(".tab")) {
      tab.addEventListener("click", () => show(tab.dataset.tab));
    }
  }

  function show(name) {
    for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("on", tab.dataset.tab === name);
    $("dashboard").hidden = name !== "dashboard";
    $("form").hidden = name !== "form";
    if (name === "form" && window.BriefingForm) window.BriefingForm.open();
  }

  async function start() {
    theme();
    if (tg && tg.ready) tg.ready();
    try {
      state.session = await api("api/session");
    } catch (error) {
      notice(error.message, true);
      return;
    }
    state.texts = state.session.texts;
    document.documentElement.lang = state.session.lang;
    translate();
    actions();
    $("tabs").hidden = false;
    $("dashboard").hidden = false;
    const items = await pickers();
    // Opened from a recap's button: ?briefing=ID or ?period=CODE, and &area=ID.
    const search = new URLSearchParams(location.search);
    const asked = {};
    for (const name of ["briefing", "period", "area"]) {
      const value = search.get(name) || hash.get(name);
      if (/^[0-9a-z_]{1,20}$/.test(value || "")) asked[name] = value;
    }
    if (!asked.briefing && !asked.period) {
      if (items.length) asked.briefing = String(items[0].id); else asked.period = "this_month";
    }
    if (asked.briefing) $("briefing").value = asked.briefing;
    await load(asked);
    if ((search.get("tab") || hash.get("tab")) === "form") show("form");
  }

  return { start, api, T, el, notice, state };
})();

App.start();
