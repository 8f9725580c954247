// The DOM side of present mode that needs no state: building elements and the clock's wording.

/** An element: `attrs` set (text as its textContent; null, undefined and false left out), `children` appended. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// replaceChildren would write a null child as the text "null": left-out parts are dropped first.
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

/** The time of day as a presenter's clock shows it ("14:05"), in `lang`'s form. */
export function clockText(lang, now = new Date()) {
  return new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(now);
}
