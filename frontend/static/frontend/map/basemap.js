// The Natural Earth basemap (world-atlas TopoJSON: land, faint modern borders), drawn in slices.
//
// Drawn whole, 1:50m (61,000 land points, 19,000 border points) is one task of 150–330 ms on this
// machine: converting, projecting and painting it all at once. A visitor's click in that time waits, and
// it is the page's longest task (docs/performance.md). Cut into slices of a few thousand points, each
// conversion, projection and paint is a task of its own, under the 50 ms that makes a task "long", and the
// page answers between them. Each slice is one Leaflet path of whole polygons or lines, so the picture is
// the same: land polygons do not touch one another, and a dash pattern starts afresh at every line
// anyway (canvas dashes restart per subpath).

const POINTS_PER_SLICE = 8000;

/**
 * `parts` in consecutive groups of at most `budget` points by `sizeOf(part)`, in their order; a part
 * larger than the budget is a group of its own (a polygon is not cut).
 */
export function slices(parts, sizeOf, budget = POINTS_PER_SLICE) {
  const groups = [];
  let group = [];
  let points = 0;
  for (const part of parts) {
    const size = sizeOf(part);
    if (group.length && points + size > budget) {
      groups.push(group);
      group = [];
      points = 0;
    }
    group.push(part);
    points += size;
  }
  if (group.length) groups.push(group);
  return groups;
}

/**
 * The land's polygons in `topology` (objects.land: a Polygon, MultiPolygon or a collection of them), each
 * still as TopoJSON (rings of arc indices), with its number of points: sliced before they are converted,
 * so converting is cut into slices too.
 */
export function landPolygons(topology) {
  const land = topology.objects.land;
  const geometries = land.type === "GeometryCollection" ? land.geometries : [land];
  const arcPoints = (index) => topology.arcs[index < 0 ? ~index : index].length;
  return geometries
    .flatMap((geometry) => {
      if (geometry.type === "Polygon") return [geometry.arcs];
      if (geometry.type === "MultiPolygon") return geometry.arcs;
      return [];
    })
    .map((arcs) => ({ arcs, points: arcs.flat().reduce((sum, index) => sum + arcPoints(index), 0) }));
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
// The slice just added is painted in the coming frame; the next one waits until that frame is done.
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

// One slice of the land as GeoJSON, converted from the topology only when its turn comes.
function _land(topology, group) {
  const arcs = group.map((polygon) => polygon.arcs);
  return window.topojson.feature(topology, { type: "MultiPolygon", arcs }).geometry;
}

/** The basemap of Leaflet map `map`, painted by `renderer` (its own canvas pane). */
export function createBasemap(map, renderer) {
  const L = window.L;
  const topojson = window.topojson;
  let land = [];
  let borders = [];
  let drawing = 0; // which call to draw() is current: an older one stops at its next slice

  return {
    /**
     * Draw `topology` with `style()` ({land, border}: Leaflet path options, read at each slice so a theme
     * changed while it draws applies to the rest), replacing what was drawn.
     * Resolves true once every slice is painted, false if another draw() replaced this one first.
     */
    async draw(topology, style) {
      const mine = ++drawing;
      for (const layer of [...land, ...borders]) layer.remove();
      land = [];
      borders = [];
      const polygons = slices(landPolygons(topology), (polygon) => polygon.points);
      const lines = topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b).coordinates;
      const work = [
        ...polygons.map((group) => [land, () => _land(topology, group), "land"]),
        ...slices(lines, (line) => line.length).map((group) => [
          borders,
          () => ({ type: "MultiLineString", coordinates: group }),
          "border",
        ]),
      ];
      for (const [layers, geometry, kind] of work) {
        await nextTask();
        if (mine !== drawing) return false;
        layers.push(L.geoJSON(geometry(), { renderer, interactive: false, style: style()[kind] }).addTo(map));
        await nextFrame();
      }
      return mine === drawing;
    },
    /** Restyle what is drawn (a theme change): `style` ({land, border}) as draw()'s `style()` returns. */
    setStyle(style) {
      for (const layer of land) layer.setStyle(style.land);
      for (const layer of borders) layer.setStyle(style.border);
    },
  };
}
