/* The briefing form: every field on one page; the server checks it with the chat
   composer's rules and sends the preview into the chat. */
"use strict";

window.BriefingForm = (() => {
  const { api, T, el, notice } = App;
  let built = false;

  function field(name, label, input, hint) {
    return el("div", { class: "field", "data-field": name }, [
      el("label", { for: "f-" + name, text: label }),
      input,
      ...(hint ? [el("p", { class: "hint", text: hint })] : []),
      el("p", { class: "err", id: "err-" + name }),
    ]);
  }

  function checks(name, items, chosen) {
    return el("div", { id: "f-" + name, class: "grid2" }, items.map((item) => el("label", { class: "choice" }, [
      el("input", Object.assign(
        { type: "checkbox", name: name, value: item.code },
        chosen.includes(item.code) ? { checked: "" } : {},
      )),
      item.label,
    ])));
  }

  function targets(form, draft) {
    const chosen = draft && draft.targets ? draft.targets : { kind: "scope" };
    const kinds = ["scope", "level"]
      .concat(form.kecamatan.length ? ["kecamatan"] : [])
      .concat(form.tags.length ? ["tag"] : [])
      .concat(form.units.length ? ["units"] : []);
    const box = el("div", { id: "f-targets" });
    for (const kind of kinds) {
      box.append(el("label", { class: "choice" }, [
        el("input", Object.assign(
          { type: "radio", name: "target-kind", value: kind },
          chosen.kind === kind ? { checked: "" } : {},
        )),
        T("webapp.form.targets." + kind),
      ]));
    }
    const levels = form.levels.map((code) => ({ code, label: T("webapp.form.level." + code) }));
    box.append(checks("levels", levels, chosen.levels || []));
    if (form.tags.length) {
      box.append(el("select", { id: "f-tag", "aria-label": T("webapp.form.targets.tag") },
        form.tags.map((tag) => el("option", Object.assign(
          { value: tag, text: tag }, chosen.kind === "tag" && chosen.tag === tag ? { selected: "" } : {},
        )))));
    }
    if (form.units.length) {
      const search = el("input", { id: "f-unit-search", type: "search", placeholder: T("webapp.form.unit_search"), "aria-label": T("webapp.form.unit_search") });
      search.addEventListener("input", () => {
        const wanted = search.value.replace(/\s+/g, "").toLowerCase();
        for (const option of box.querySelectorAll("#f-units option")) {
          option.hidden = !option.textContent.replace(/\s+/g, "").toLowerCase().includes(wanted);
        }
      });
      box.append(search);
    }
    for (const kind of ["kecamatan", "units"]) {
      if (!form[kind].length) continue;
      box.append(el("select", { id: "f-" + kind, multiple: "", size: "5", "aria-label": T("webapp.form.targets." + kind) },
        form[kind].map((unit) => el("option", Object.assign(
          { value: unit.id, text: unit.label },
          chosen.kind === kind && (chosen.unit_ids || []).includes(unit.id) ? { selected: "" } : {},
        )))));
    }
    return box;
  }

  function material(form) {
    const input = el("input", {
      id: "f-material", name: "material", type: "file", multiple: "",
      accept: "image/jpeg,image/png,image/webp,video/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.txt",
    });
    input.addEventListener("change", async () => {
      const status = document.getElementById("err-material");
      for (const file of Array.from(input.files)) {
        const body = new FormData();
        body.append("file", file, file.name);
        try {
          const answer = await api("api/form/material", body);
          status.textContent = answer.error || answer.message;
        } catch (error) {
          status.textContent = error.message;
        }
      }
      input.value = "";
    });
    return input;
  }

  function build(form) {
    const draft = form.draft || {};
    const root = document.getElementById("briefing-form");
    const value = (name) => (draft[name] === undefined || draft[name] === null ? "" : draft[name]);
    const text = (name, limit) => el("input", { id: "f-" + name, name, maxlength: String(limit), value: value(name) });
    const area = (name) => Object.assign(el("textarea", { id: "f-" + name, name }), { value: value(name) });
    const program = el("select", { id: "f-program_id", name: "program_id" },
      [el("option", { value: "", text: "…" })].concat(form.programs.map((item) => el("option", Object.assign(
        { value: item.id, text: item.name }, item.id === draft.program_id ? { selected: "" } : {},
      )))));
    const deadline = el("input", { id: "f-deadline", name: "deadline", type: "datetime-local", value: value("deadline") });
    root.replaceChildren(
      ...(form.programs.length ? [] : [el("p", { class: "err", text: T("webapp.form.no_programs") })]),
      field("program_id", T("webapp.form.program"), program),
      field("title", T("webapp.form.title"), text("title", form.limits.title)),
      field("key_message", T("webapp.form.key_message"), area("key_message")),
      field("targets", T("webapp.form.targets"), targets(form, form.draft)),
      field("deadline", T("webapp.form.deadline"), deadline),
      field("points", T("webapp.form.points"), area("points")),
      field("formats", T("webapp.form.formats"), checks("formats", form.formats, draft.formats || [])),
      field("channels", T("webapp.form.channels"), checks("channels", form.channels, draft.channels || [])),
      field("hashtags", T("webapp.form.hashtags"), text("hashtags", form.limits.hashtags)),
      ...["demographic", "geographic", "psychographic"].map((name) => field(
        name, T("webapp.form.tags", { part: T("compose.part." + name) }), text(name, 400))),
      field("material", T("compose.part.attachments"), material(form),
        T("webapp.form.attachments", { limit: form.limits.attachments, size: form.limits.material_mb })),
      el("button", { type: "submit", id: "preview", text: T("webapp.form.preview") }),
    );
    if (form.draft) notice(T("webapp.form.draft_loaded"));
    root.addEventListener("submit", (event) => { event.preventDefault(); send(root); });
  }

  function ticked(root, name) {
    return Array.from(root.querySelectorAll("input[name=" + name + "]:checked")).map((box) => box.value);
  }

  function collect(root) {
    const get = (name) => root.querySelector("#f-" + name).value;
    const kind = (root.querySelector("input[name=target-kind]:checked") || {}).value || "scope";
    const picker = root.querySelector("#f-" + kind);
    return {
      program_id: get("program_id") ? Number(get("program_id")) : null,
      title: get("title"),
      key_message: get("key_message"),
      targets: {
        kind,
        levels: kind === "level" ? ticked(root, "levels") : [],
        unit_ids: (kind === "kecamatan" || kind === "units") && picker
          ? Array.from(picker.selectedOptions).map((option) => Number(option.value)) : [],
        tag: kind === "tag" && picker ? picker.value : "",
      },
      deadline: get("deadline") || null,
      points: get("points"),
      formats: ticked(root, "formats"),
      channels: ticked(root, "channels"),
      hashtags: get("hashtags"),
      demographic: get("demographic"),
      geographic: get("geographic"),
      psychographic: get("psychographic"),
    };
  }

  async function send(root) {
    for (const node of root.querySelectorAll(".err[id]")) node.textContent = "";
    const button = document.getElementById("preview");
    button.disabled = true;
    try {
      const answer = await api("api/form/preview", collect(root));
      if (answer.errors) {
        for (const [name, message] of Object.entries(answer.errors)) {
          const target = document.getElementById("err-" + name);
          if (target) target.textContent = message;
        }
        const first = root.querySelector(".err:not(:empty)");
        if (first) first.scrollIntoView({ block: "center" });
        notice("");
        return;
      }
      notice(answer.message + (answer.warning ? " " + answer.warning : ""));
      window.scrollTo(0, 0);
    } catch (error) {
      notice(error.message, true);
    } finally {
      button.disabled = false;
    }
  }

  async function open() {
    if (built) return;
    built = true;
    try {
      build(await api("api/form"));
    } catch (error) {
      built = false;
      notice(error.message, true);
    }
  }

  return { open };
})();
