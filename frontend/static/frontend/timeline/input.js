// The timeline's input: drag to pan, pinch and double-click to zoom, click to select, the keys, and the
// wheel. The wheel zooms only with Ctrl/⌘ held or once the timeline has the focus (a click gives it):
// a reader scrolling the page past the timeline must not find it zooming under the pointer instead.

/**
 * Listen on `stage`. `timeline` gives view(), size(), setView(view), animateTo(view), zoomAt(factor, x),
 * stop() (any animation), hit(x, y), showAll(), and takes onSelect(index), onStep(delta) and
 * wheelRefused() (the wheel was left to the page: say how to zoom).
 */
export function attachInput(stage, timeline) {
  const pointers = new Map();
  let drag = null;

  stage.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 && event.pointerType === "mouse") return;
    stage.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, { x: event.offsetX, y: event.offsetY });
    timeline.stop();
    const view = timeline.view();
    if (pointers.size === 1) drag = { x: event.offsetX, y: event.offsetY, left: view.left, moved: false };
    else if (pointers.size === 2) {
      const [p, q] = [...pointers.values()];
      drag = { pinch: Math.hypot(p.x - q.x, p.y - q.y), k: view.k, left: view.left, mid: (p.x + q.x) / 2, moved: true };
    }
  });

  stage.addEventListener("pointermove", (event) => {
    if (!pointers.has(event.pointerId) || !drag) return;
    pointers.set(event.pointerId, { x: event.offsetX, y: event.offsetY });
    if (drag.pinch && pointers.size === 2) {
      const [p, q] = [...pointers.values()];
      const factor = Math.hypot(p.x - q.x, p.y - q.y) / Math.max(1, drag.pinch);
      const day = drag.left + drag.mid / drag.k;
      const k = drag.k * factor;
      timeline.setView({ k, left: day - drag.mid / k });
    } else if (!drag.pinch) {
      const dx = event.offsetX - drag.x;
      if (Math.abs(dx) > 4 || Math.abs(event.offsetY - drag.y) > 4) drag.moved = true;
      if (drag.moved) timeline.setView({ k: timeline.view().k, left: drag.left - dx / timeline.view().k });
    }
  });

  const release = (event) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    if (event.type === "pointerup" && drag && !drag.moved && pointers.size === 0) _click(event.offsetX, event.offsetY);
    if (pointers.size === 0) drag = null;
  };
  stage.addEventListener("pointerup", release);
  stage.addEventListener("pointercancel", release);

  function _click(x, y) {
    const hit = timeline.hit(x, y);
    const view = timeline.view();
    if (hit?.index !== undefined) timeline.onSelect(hit.index);
    else if (hit?.edge) timeline.showAll();
    else if (hit?.bucket !== undefined)
      timeline.animateTo({ k: view.k * 3, left: view.left + x / view.k - x / (view.k * 3) });
  }

  stage.addEventListener(
    "wheel",
    (event) => {
      const engaged = event.ctrlKey || event.metaKey || stage.contains(document.activeElement);
      if (!engaged) {
        timeline.wheelRefused();
        return; // the page scrolls on
      }
      event.preventDefault();
      timeline.stop();
      const view = timeline.view();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? timeline.size().width : 1;
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        timeline.setView({ k: view.k, left: view.left + (event.deltaX * unit) / view.k });
      } else {
        // A pinch on a trackpad arrives as a wheel with ctrlKey and small deltas: zoom it faster.
        timeline.zoomAt(Math.exp((-event.deltaY * unit) / (event.ctrlKey ? 100 : 400)), event.offsetX);
      }
    },
    { passive: false },
  );

  stage.addEventListener("dblclick", (event) => {
    const view = timeline.view();
    timeline.animateTo({ k: view.k * 2, left: view.left + event.offsetX / view.k - event.offsetX / (view.k * 2) });
  });

  stage.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const keys = {
      ArrowLeft: () => timeline.onStep(-1),
      ArrowRight: () => timeline.onStep(1),
      PageUp: () => timeline.onStep(-1),
      PageDown: () => timeline.onStep(1),
      Home: () => timeline.onStep("first"),
      End: () => timeline.onStep("last"),
      "+": () => timeline.zoomAt(1.5),
      "=": () => timeline.zoomAt(1.5),
      "-": () => timeline.zoomAt(1 / 1.5),
      0: () => timeline.showAll(),
    };
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });
}
