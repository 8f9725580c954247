// When the page may be called started: the marks the benchmarks and the browser tests wait for.

/**
 * "Interactive" once the data, the map's places and routes and the timeline are drawn (the
 * `atlas:interactive` mark, read by benchmarks/); "ready" once the basemap is drawn too (`html[data-ready]`,
 * read by the tests). `done.data()`, `done.map()`, `done.timeline()`, `done.basemap()` say each part is.
 */
export function createReadiness(root) {
  const done = {};
  const [data, map, timeline, basemap] = ["data", "map", "timeline", "basemap"].map(
    (name) => new Promise((resolve) => (done[name] = resolve)),
  );
  const interactive = Promise.all([data, map, timeline]).then(() => performance.mark("atlas:interactive"));
  Promise.all([interactive, basemap]).then(() => (root.dataset.ready = "true"));
  return { done, interactive };
}

/** Yield to the browser between parts of a long job: scheduler.yield() keeps it ahead of other tasks. */
export const nextTask = globalThis.scheduler?.yield
  ? () => globalThis.scheduler.yield()
  : () => new Promise((resolve) => setTimeout(resolve, 0));
