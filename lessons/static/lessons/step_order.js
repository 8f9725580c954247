// Up/down buttons on each step of a lesson's change form. Moving a step swaps it with its neighbour and
// rewrites every position number in page order, so what the curator sees is the order that is saved.
// Buttons rather than drag alone: a keyboard moves a step as easily as a mouse.
// The words come from the change form (Django's gettext, admin/lessons/lesson/change_form.html).
(() => {
  const words = () => document.getElementById("step-order-status")?.dataset || {};
  const label = (up) => (up ? words().up : words().down) || (up ? "↑" : "↓");

  function steps(group) {
    return [...group.querySelectorAll(".inline-related:not(.empty-form)")].filter((row) => row.querySelector('input[name$="-position"]'));
  }

  function renumber(group) {
    steps(group).forEach((row, index) => {
      row.querySelector('input[name$="-position"]').value = String(index + 1);
    });
  }

  function move(group, row, up) {
    const rows = steps(group);
    const index = rows.indexOf(row);
    const other = rows[up ? index - 1 : index + 1];
    if (!other) return;
    if (up) other.before(row);
    else other.after(row);
    renumber(group);
    row.querySelector(`button.step-${up ? "up" : "down"}`).focus();
    // Said to screen readers (role=status): the step moved, and where to.
    const status = document.getElementById("step-order-status");
    const position = steps(group).indexOf(row) + 1;
    if (status) status.textContent = (words().moved || "").replace("{n}", position).replace("{count}", rows.length);
  }

  function addButtons(group, row) {
    if (row.querySelector("button.step-up")) return;
    const bar = document.createElement("div");
    bar.className = "step-order";
    for (const up of [true, false]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = up ? "step-up" : "step-down";
      button.textContent = `${up ? "↑" : "↓"} ${label(up)}`;
      button.addEventListener("click", () => move(group, row, up));
      bar.append(button);
    }
    row.querySelector("h3")?.after(bar);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const group of document.querySelectorAll(".inline-group")) {
      if (!group.querySelector('input[name$="-position"]')) continue;
      for (const row of steps(group)) addButtons(group, row);
      document.addEventListener("formset:added", (event) => {
        if (group.contains(event.target)) addButtons(group, event.target);
      });
    }
  });
})();
