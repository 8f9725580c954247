// Under each date field of the event form, what the atlas understood of it as the curator types
// ("1921-10 → 1–31 October 1921, month precision"), or why it cannot read it. The endpoint's URL is on
// the fields (data-date-reading); the answer is shown as text, never as markup.
const WAIT_MS = 300;
const FIELDS = ["date", "date_as_written"];

function noteFor(input) {
  const id = `${input.id}-reading`;
  let note = document.getElementById(id);
  if (!note) {
    note = document.createElement("p");
    note.id = id;
    note.className = "date-reading";
    note.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", id);
    input.insertAdjacentElement("afterend", note);
  }
  return note;
}

function show(inputs, reading) {
  for (const name of FIELDS) {
    const input = inputs[name];
    if (!input) continue;
    const note = noteFor(input);
    const said = reading[name];
    note.textContent = said ? said.text : "";
    note.classList.toggle("date-reading-error", Boolean(said && !said.ok));
  }
}

function start() {
  const inputs = {};
  for (const name of [...FIELDS, "date_calendar"]) {
    const input = document.getElementById(`id_${name}`);
    if (input?.dataset.dateReading) inputs[name] = input;
  }
  const any = Object.values(inputs)[0];
  if (!any) return;
  const url = any.dataset.dateReading;
  let timer;
  let latest = 0;
  const ask = async () => {
    const asked = ++latest;
    const query = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) query.set(name, input.value);
    try {
      const response = await fetch(`${url}?${query}`, { credentials: "same-origin" });
      if (!response.ok || asked !== latest) return;
      show(inputs, await response.json());
    } catch {
      // Offline or logged out: the form still validates on save.
    }
  };
  for (const input of Object.values(inputs)) {
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    };
    input.addEventListener("input", later);
    input.addEventListener("change", later);
  }
  ask();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
