// On phones the event panel is a sheet over the map's lower part: its handle shrinks it to its first
// lines (the map behind is then free to pan and zoom) or opens it again, by a tap, a key or a swipe.
// On wider screens the handle is hidden by the stylesheet and the sheet is just the panel.

const SWIPE_PX = 24; // a drag shorter than this is a tap, not a swipe

/** Wire the sheet `element` (holding the handle button `handle`); returns {open(), shrink()}. */
export function createSheet(element, handle) {
  function _set(open) {
    element.classList.toggle("is-shrunk", !open);
    handle.setAttribute("aria-expanded", String(open));
  }

  let startY = null;
  let swiped = false;
  handle.addEventListener("pointerdown", (event) => {
    startY = event.clientY;
    swiped = false;
  });
  handle.addEventListener("pointerup", (event) => {
    if (startY === null) return;
    const moved = event.clientY - startY;
    startY = null;
    if (Math.abs(moved) < SWIPE_PX) return;
    swiped = true;
    _set(moved < 0); // up opens, down shrinks
  });
  handle.addEventListener("click", () => {
    // A swipe also ends in a click; it has already decided.
    if (swiped) {
      swiped = false;
      return;
    }
    _set(element.classList.contains("is-shrunk"));
  });

  return {
    open: () => _set(true),
    shrink: () => _set(false),
  };
}
