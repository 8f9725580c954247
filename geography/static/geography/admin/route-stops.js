// The route's stops: drag a row (or press its ↑/↓ buttons) to reorder; positions are rewritten 1, 2, 3 …
// in the order shown, so the saved order is what the curator sees.

document.addEventListener("DOMContentLoaded", () => {
  const group = document.querySelector(".route-stops");
  if (!group) return;
  const body = group.querySelector("tbody");
  const rows = () => [...body.querySelectorAll("tr.form-row:not(.empty-form)")];
  const isDeleted = (row) => row.querySelector("input[name$='-DELETE']")?.checked;

  function renumber() {
    let position = 1;
    for (const row of rows()) {
      const input = row.querySelector("input[name$='-position']");
      if (!input || isDeleted(row)) continue;
      if (input.value !== String(position)) {
        input.value = String(position);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      position += 1;
    }
  }

  function move(row, step) {
    const list = rows();
    const target = list[list.indexOf(row) + step];
    if (!target) return;
    if (step < 0) body.insertBefore(row, target);
    else body.insertBefore(row, target.nextSibling);
    renumber();
  }

  function button(label, title, step, row) {
    const control = document.createElement("button");
    control.type = "button";
    control.className = "stop-move";
    control.textContent = label;
    control.title = title;
    control.setAttribute("aria-label", title);
    control.addEventListener("click", () => {
      move(row, step);
      control.focus();
    });
    return control;
  }

  let dragged = null;
  function enable(row) {
    if (row.dataset.movable) return;
    row.dataset.movable = "true";
    row.draggable = true;
    const cell = row.querySelector("td.field-position");
    cell?.append(button("↑", "Move this stop up", -1, row), button("↓", "Move this stop down", 1, row));
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
    });
    row.addEventListener("dragend", () => {
      row.classList.remove("dragging");
      for (const other of rows()) other.classList.remove("drop-target");
      dragged = null;
    });
    row.addEventListener("dragover", (event) => {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      row.classList.add("drop-target");
    });
    row.addEventListener("dragleave", () => row.classList.remove("drop-target"));
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      row.classList.remove("drop-target");
      if (!dragged || dragged === row) return;
      body.insertBefore(dragged, row);
      renumber();
    });
  }

  for (const row of rows()) enable(row);
  // A stop added with "Add another" goes last.
  document.addEventListener("formset:added", (event) => {
    const row = event.target;
    if (!group.contains(row)) return;
    enable(row);
    renumber();
  });
  group.addEventListener("change", (event) => {
    if (event.target.name?.endsWith("-DELETE")) renumber();
  });
});
