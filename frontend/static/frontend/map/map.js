// The map: Leaflet drawing on canvas (10,000 circles take 0.5 s on canvas against 2.5 s as DOM markers)
// over an offline basemap, Natural Earth from the world-atlas npm package drawn as GeoJSON. There is no
// tile layer: no request leaves the host, so the atlas works in a classroom without internet.
//
// Leaflet and topojson-client are loaded as classic scripts before the modules (their npm builds are
// UMD), so they are read from `window` here.

import { pinsOf, whereOf } from "../core/atlas-data.js";
import { t } from "../core/i18n.js";
import { nameOn, otherNames } from "../core/names.js";
import { createBasemap } from "./basemap.js";
import { isUncertain, routeStatusOn, routeWeight, standsOn, travellerOn } from "./on-day.js";

const L = window.L;

// Dash patterns say how a route went, colours why, the day's status how it stood: all from `styles`
// (styles.json, shared with the folium exports).
const SVG = "http://www.w3.org/2000/svg";
const FLY = { duration: 0.8, maxZoom: 7 };
// A selected event's journey is dashed like a road not yet on the map: it is the event's, not a route's.
const JOURNEY_DASH = "8 6";

function _swap([lon, lat]) {
  return [lat, lon];
}

/** Build the map in `element`, opening on `view` ([lat, lng] points). Callback: onPlaceClick(slug). */
export function createMap(element, { lang, view = [], styles, onPlaceClick, onRouteClick = () => {} }) {
  const modeDash = (mode) => styles.mode[mode]?.dash ?? null;
  const style = () => getComputedStyle(element);
  const css = (name, fallback) => style().getPropertyValue(name).trim() || fallback;

  const map = L.map(element, {
    preferCanvas: true,
    zoomSnap: 0.25,
    minZoom: 2,
    maxZoom: 10,
    worldCopyJump: false,
    keyboardPanDelta: 120,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  // The settled view, written where tests and scripts can wait for it (moveend fires once a flight lands).
  map.on("moveend", () => {
    const centre = map.getCenter();
    element.dataset.view = `${centre.lat.toFixed(4)},${centre.lng.toFixed(4)},${map.getZoom()}`;
  });
  map.setView([44, 40], 4);
  map.createPane("basemap").style.zIndex = 250;
  // The basemap gets its own canvas below the overlays and never takes the pointer.
  const basemapRenderer = L.canvas({ pane: "basemap", padding: 0.2 });
  map.getPane("basemap").style.pointerEvents = "none";
  const overlayRenderer = L.canvas({ padding: 0.2, tolerance: 6 });
  // Areas and arrowheads take no clicks and change with the date: on their own canvas, a date change that
  // shows an area or turns an arrow does not redraw the thousands of places and routes above them.
  map.createPane("dated").style.zIndex = 350;
  map.getPane("dated").style.pointerEvents = "none";
  const datedRenderer = L.canvas({ pane: "dated", padding: 0.2 });

  const areasLayer = L.layerGroup().addTo(map);
  const routesLayer = L.layerGroup().addTo(map);
  const journeyLayer = L.layerGroup().addTo(map);
  const placesLayer = L.layerGroup().addTo(map);
  const basemap = createBasemap(map, basemapRenderer);
  const _basemapStyle = () => ({
    land: { color: colors.coast, weight: 0.8, fillColor: colors.land, fillOpacity: 1 },
    border: { color: colors.border, weight: 0.8, dashArray: styles.borderDash },
  });
  let placeMarkers = new Map(); // slug -> circleMarker
  let placeProperties = new Map(); // slug -> the feature's properties (names, name_periods)
  let day = null; // the day whose names the labels show (ISO), or null for each place's own name
  let hovered = null; // the slug under the pointer: its label lists the other names too
  let routeLines = new Map(); // slug -> polyline
  let routeArrows = new Map(); // slug -> the arrowheads' decorator, while the route is drawn moving
  let routeState = new Map(); // slug -> how it stood on `day` ({status, uncertain}), or null: not yet/no longer
  let areaShapes = new Map(); // slug -> {layer, feature}
  let traveller = null; // {slug, marker}: the route playback follows
  let placeCounts = new Map();
  let highlight = { places: new Set(), routes: new Set(), place: null };
  let journey = []; // the selected event's legs, [from, to] slugs: drawn as "from → to" arrows
  let legend = null;
  let colors = {};

  function _readColors() {
    colors = {
      land: css("--map-land", styles.base.land),
      border: css("--map-border", styles.base.border),
      coast: css("--map-coast", styles.base.coast),
      place: css("--map-place", styles.base.place),
      placeStroke: css("--map-place-stroke", styles.base.placeStroke),
      selected: css("--tl-selected", styles.base.selected),
      purpose: styles.purpose[_theme()] || styles.purpose.normal,
      area: styles.area[_theme()] || styles.area.normal,
    };
  }

  function _theme() {
    return document.documentElement.dataset.theme === "contrast" ? "contrast" : "normal";
  }

  // Area ∝ events at the place; the largest circle shrinks as places multiply so a dense map stays legible.
  let radiusScale = { max: 14, count: 1 };
  function _placeRadius(slug) {
    const count = placeCounts.get(slug) || 0;
    return count ? 3 + (radiusScale.max - 3) * Math.sqrt(count / radiusScale.count) : 2.5;
  }

  function _placeStyle(slug) {
    const chosen = highlight.places.has(slug) || highlight.place === slug;
    const dim = (highlight.places.size || highlight.place) && !chosen;
    return {
      renderer: overlayRenderer,
      radius: _placeRadius(slug) + (chosen ? 3 : 0),
      color: chosen ? colors.selected : colors.placeStroke,
      weight: chosen ? 3 : 1.5,
      fillColor: colors.place,
      fillOpacity: dim ? 0.35 : 0.9,
      opacity: dim ? 0.5 : 1,
    };
  }

  function _routeStyle(feature) {
    const { slug, purpose, mode } = feature.properties;
    const chosen = highlight.routes.has(slug);
    const dim = highlight.routes.size && !chosen;
    const state = routeState.get(slug) || { status: "unknown", uncertain: false };
    const look = styles.status[state.status] || styles.status.unknown;
    // A status of uncertain date is drawn fainter: the map does not claim more than the sources.
    const opacity = look.opacity * (state.uncertain ? 0.6 : 1) * (dim ? 0.4 : 1);
    return {
      renderer: overlayRenderer,
      color: look.color || colors.purpose[purpose] || colors.place,
      weight: routeWeight(feature.properties, styles.weight) + (chosen ? styles.weight.selectedExtra : 0),
      opacity,
      dashArray: look.dash || modeDash(mode),
      lineCap: styles.mode[mode]?.lineCap || "butt",
      interactive: true,
    };
  }

  function _areaStyle(feature) {
    const { kind, approximate, date } = feature.properties;
    const color = colors.area[kind] || colors.place;
    const shape = styles.areaShape;
    return {
      renderer: datedRenderer,
      color,
      weight: shape.weight,
      opacity: shape.opacity,
      fillColor: color,
      fillOpacity: isUncertain(date) ? shape.uncertainFillOpacity : shape.fillOpacity,
      dashArray: approximate ? shape.approximateDash : null,
      interactive: false,
    };
  }

  // Arrowheads say which way a route ran; only on routes in use that day (a closed road carries nothing).
  function _arrows(slug, line) {
    const state = routeState.get(slug);
    const moving = state && !["closed", "planned"].includes(state.status);
    const existing = routeArrows.get(slug);
    if (!moving || !L.polylineDecorator) {
      if (existing) existing.remove();
      routeArrows.delete(slug);
      return;
    }
    const look = styles.status[state.status] || {};
    const color = look.casing || line.options.color;
    const arrow = L.Symbol.arrowHead({
      pixelSize: styles.arrow.pixelSize,
      polygon: true,
      pathOptions: {
        renderer: datedRenderer,
        color,
        fillColor: color,
        fillOpacity: line.options.opacity,
        stroke: false,
        interactive: false,
      },
    });
    const patterns = [{ offset: "50%", repeat: styles.arrow.repeatPx, symbol: arrow }];
    if (existing) existing.setPatterns(patterns);
    else routeArrows.set(slug, L.polylineDecorator(line, { patterns }).addTo(routesLayer));
  }

  // A journey's legs: from each place it left, by its stops in order, to each place it reached. With no
  // arrival known the last stop ends it; with no departure known the first stop begins it.
  function _legs(where) {
    const path = [...where.from.slice(0, 1), ...where.via, ...where.to.slice(0, 1)];
    const legs = [];
    for (let k = 1; k < path.length; k++) legs.push([path[k - 1], path[k]]);
    for (const from of where.from.slice(1)) if (where.to.length) legs.push([from, where.via[0] || where.to[0]]);
    for (const to of where.to.slice(1)) if (where.from.length) legs.push([where.via.at(-1) || where.from[0], to]);
    return legs.filter(([a, b]) => a !== b && placeMarkers.has(a) && placeMarkers.has(b));
  }

  // The journey drawn dashed with arrowheads, as routes show which way they ran; it takes no clicks.
  function _drawJourney() {
    journeyLayer.clearLayers();
    for (const [from, to] of journey) {
      const line = L.polyline([placeMarkers.get(from).getLatLng(), placeMarkers.get(to).getLatLng()], {
        renderer: overlayRenderer,
        color: colors.selected,
        weight: 3,
        opacity: 0.9,
        dashArray: JOURNEY_DASH,
        interactive: false,
      }).addTo(journeyLayer);
      if (!L.polylineDecorator) continue;
      const arrow = L.Symbol.arrowHead({
        pixelSize: styles.arrow.pixelSize + 2,
        polygon: true,
        pathOptions: {
          renderer: overlayRenderer,
          color: colors.selected,
          fillOpacity: 1,
          stroke: false,
          interactive: false,
        },
      });
      L.polylineDecorator(line, { patterns: [{ offset: "100%", repeat: 0, symbol: arrow }] }).addTo(journeyLayer);
    }
  }

  // What stands on `day`: areas between their dates, routes with their status that day.
  function _applyDay() {
    for (const { layer, feature } of areaShapes.values()) {
      const shown = standsOn(feature.properties, day);
      if (shown && !areasLayer.hasLayer(layer)) areasLayer.addLayer(layer);
      else if (!shown && areasLayer.hasLayer(layer)) areasLayer.removeLayer(layer);
    }
    for (const [slug, line] of routeLines) {
      const state = routeStatusOn(line.feature.properties, day);
      const before = routeState.get(slug);
      routeState.set(slug, state);
      if (!state) {
        if (routesLayer.hasLayer(line)) routesLayer.removeLayer(line);
        _arrows(slug, line);
        continue;
      }
      if (!routesLayer.hasLayer(line)) routesLayer.addLayer(line);
      // Restyling is the cost of a date change: only routes whose standing changed are touched.
      if (!before || before.status !== state.status || before.uncertain !== state.uncertain) {
        line.setStyle(_routeStyle(line.feature));
        _arrows(slug, line);
      }
    }
    _moveTraveller();
    element.dataset.day = day || "";
  }

  function _moveTraveller() {
    if (!traveller) return;
    const line = routeLines.get(traveller.slug);
    const at = line && travellerOn(line.feature.properties, line.feature.geometry.coordinates, day);
    if (!at) {
      traveller.marker.remove();
      return;
    }
    traveller.marker.setLatLng(_swap(at));
    if (!map.hasLayer(traveller.marker)) traveller.marker.addTo(map);
  }

  // A place's label: the name in use on `day`; on hover (and always in a hover-only tooltip), the others too.
  // Built as nodes: names are curators' text, never markup.
  function _label(slug, marker) {
    const place = placeProperties.get(slug);
    const current = nameOn(place, day) || slug;
    const node = document.createElement("span");
    node.className = "map-name";
    node.textContent = current;
    const others = otherNames(place, current);
    if (others.length && (!marker.options.permanentLabel || hovered === slug)) {
      const also = document.createElement("span");
      also.className = "map-also";
      also.textContent = t(lang, "alsoNamed", { names: others.join(", ") });
      node.append(document.createElement("br"), also);
    }
    return node;
  }

  function _bindLabel(slug, marker, permanent) {
    marker.unbindTooltip();
    marker.options.permanentLabel = permanent;
    marker.bindTooltip(() => _label(slug, marker), {
      direction: "top",
      offset: [0, -6],
      permanent,
      className: permanent ? "map-label" : "",
    });
  }

  // The legend is built from nodes, never markup: its entries are named after the data's own keys
  // (a route's purpose, an area's kind), which are curators' text.
  function _legendSwatch(shape, attributes) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", shape === "circle" ? "14" : "10");
    svg.setAttribute("aria-hidden", "true");
    const mark = document.createElementNS(SVG, shape);
    for (const [name, value] of Object.entries(attributes)) if (value != null) mark.setAttribute(name, value);
    svg.append(mark);
    return svg;
  }

  function _legendLine(color, dash, width = 3) {
    const attributes = { x1: 1, y1: 5, x2: 33, y2: 5, stroke: color, "stroke-width": width, "stroke-linecap": "round" };
    return _legendSwatch("line", { ...attributes, "stroke-dasharray": dash || null });
  }

  function _legendItem(swatch, text) {
    const item = document.createElement("li");
    item.append(swatch, text);
    return item;
  }

  function _legend(routes, areas) {
    const muted = css("--tl-muted", "#666");
    const items = [
      _legendItem(_legendSwatch("circle", { cx: 17, cy: 7, r: 5, fill: colors.place }), t(lang, "legendPlace")),
    ];
    for (const purpose of new Set(routes.map((f) => f.properties.purpose)))
      items.push(_legendItem(_legendLine(colors.purpose[purpose]), t(lang, `purpose.${purpose}`)));
    for (const mode of new Set(routes.map((f) => f.properties.mode)))
      items.push(_legendItem(_legendLine(muted, modeDash(mode), 2), t(lang, `mode.${mode}`)));
    for (const kind of new Set(areas.map((f) => f.properties.kind)))
      items.push(_legendItem(_legendLine(colors.area[kind], null, 6), t(lang, `areaKind.${kind}`)));
    for (const status of ["open", "dangerous", "closed", "planned"]) {
      const look = styles.status[status];
      items.push(
        _legendItem(_legendLine(look.casing || look.color || muted, look.dash, 3), t(lang, `routeStatus.${status}`)),
      );
    }
    if (areas.some((f) => f.properties.approximate))
      items.push(_legendItem(_legendLine(muted, styles.approximateDash, 2), t(lang, "legendApproximate")));
    items.push(_legendItem(_legendLine(colors.border, styles.borderDash, 1), t(lang, "legendBorders")));
    const list = document.createElement("ul");
    if (items.length > 7) list.className = "columns";
    list.append(...items);
    const summary = document.createElement("summary");
    summary.textContent = t(lang, "legend");
    const details = document.createElement("details");
    // Open where the map has room for it (a projector, a large screen); elsewhere it starts folded.
    details.open = element.clientHeight >= 800 && element.clientWidth >= 800;
    details.append(summary, list);
    return details;
  }

  function _setLegend(routes, areas) {
    if (legend) legend.remove();
    legend = L.control({ position: "topright" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "map-legend");
      div.append(_legend(routes, areas));
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legend.addTo(map);
  }

  let lastData = null;

  const api = {
    /** The Leaflet map (for tests and debugging). */
    leaflet: map,
    /**
     * Draw the Natural Earth basemap from a world-atlas TopoJSON document, in slices (basemap.js).
     * Resolves true once drawn, false if a later call replaced it first.
     */
    async setBasemap(topology) {
      const drawn = await basemap.draw(topology, _basemapStyle);
      if (drawn) performance.mark("atlas:basemap-drawn");
      return drawn;
    },
    /** Draw places, routes and areas (GeoJSON collections); `counts` maps a place slug to its event count. */
    setData({ places, routes, areas }, counts) {
      lastData = { places, routes, areas };
      placeCounts = counts;
      radiusScale = {
        max: Math.max(6, Math.min(14, 16 - 2 * Math.log2(Math.max(1, places.features.length / 16)))),
        count: Math.max(1, ...counts.values()),
      };
      areasLayer.clearLayers();
      routesLayer.clearLayers();
      placesLayer.clearLayers();
      areaShapes = new Map();
      routeArrows = new Map();
      routeState = new Map();
      placeMarkers = new Map();
      placeProperties = new Map(places.features.map((feature) => [feature.properties.slug, feature.properties]));
      routeLines = new Map();
      for (const feature of areas.features) {
        const layer = L.geoJSON(feature, { style: _areaStyle, interactive: false });
        areaShapes.set(feature.properties.slug, { layer, feature });
      }
      for (const feature of routes.features) {
        if (feature.geometry?.type !== "LineString") continue;
        const line = L.polyline(feature.geometry.coordinates.map(_swap), _routeStyle(feature));
        line.feature = feature;
        line.on("click", () => onRouteClick(feature.properties.slug));
        routeLines.set(feature.properties.slug, line);
      }
      _applyDay();
      for (const feature of places.features) {
        const { slug } = feature.properties;
        const marker = L.circleMarker(_swap(feature.geometry.coordinates), _placeStyle(slug));
        _bindLabel(slug, marker, false);
        marker.on("click", () => onPlaceClick(slug));
        // A written label grows to list the other names while the pointer is on its place.
        marker.on("mouseover", () => {
          hovered = slug;
          if (marker.options.permanentLabel) marker.getTooltip()?.update();
        });
        marker.on("mouseout", () => {
          hovered = null;
          if (marker.options.permanentLabel) marker.getTooltip()?.update();
        });
        marker.addTo(placesLayer);
        placeMarkers.set(slug, marker);
      }
      _setLegend(routes.features, areas.features);
      api.setHighlight(highlight);
      requestAnimationFrame(() => performance.mark("atlas:map-drawn"));
    },
    /**
     * Emphasise places and routes (Sets of slugs) and a chosen place; dim the rest. Given an `event`, its
     * places are read by role: pins where it happened, a journey's ends and stops with an arrow from → to,
     * and none for the places it only concerns (an event without a pin leaves the places undimmed).
     */
    setHighlight({ places = new Set(), routes = new Set(), place = null, event }) {
      if (event !== undefined) places = new Set(pinsOf(event));
      highlight = { places, routes, place, event };
      journey = event ? _legs(whereOf(event)) : [];
      _drawJourney();
      for (const [slug, marker] of placeMarkers) {
        marker.setStyle(_placeStyle(slug));
        marker.setRadius(_placeStyle(slug).radius);
        const chosen = places.has(slug) || place === slug;
        // Names of the chosen places stay written on the map, so the eye need not hover.
        if (chosen !== Boolean(marker.options.permanentLabel)) _bindLabel(slug, marker, chosen);
      }
      for (const [slug, line] of routeLines) {
        line.setStyle(_routeStyle(line.feature));
        if (routeArrows.has(slug)) _arrows(slug, line);
      }
      for (const slug of routes) if (routesLayer.hasLayer(routeLines.get(slug))) routeLines.get(slug).bringToFront();
      for (const slug of [...places, place]) placeMarkers.get(slug)?.bringToFront();
    },
    /**
     * Fly to the given places and routes (slugs), or an `event`'s pins and journey (not the places it only
     * concerns); without animation when `animate` is false. False, the view left as it is, with none.
     */
    show({ places = [], routes = [], event }, { animate = true } = {}) {
      if (event !== undefined) places = pinsOf(event);
      const points = [];
      for (const slug of places) if (placeMarkers.has(slug)) points.push(placeMarkers.get(slug).getLatLng());
      for (const slug of routes) if (routeLines.has(slug)) points.push(...routeLines.get(slug).getLatLngs());
      return api.showPoints(points, { animate });
    },
    /** Fly to show all `points` ([lat, lng] or LatLng); false if there are none. */
    showPoints(points, { animate = true } = {}) {
      if (!points.length) return false;
      const still = !animate || window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (points.length === 1 || L.latLngBounds(points).getNorthEast().equals(L.latLngBounds(points).getSouthWest())) {
        // One place: close enough to see its surroundings, never zooming out of a closer look.
        const zoom = Math.min(FLY.maxZoom, Math.max(map.getZoom(), 6));
        if (still) map.setView(points[0], zoom, { animate: false });
        else map.flyTo(points[0], zoom, { duration: FLY.duration });
      } else {
        const bounds = L.latLngBounds(points);
        const options = { padding: [40, 40], maxZoom: FLY.maxZoom };
        if (still) map.fitBounds(bounds, { ...options, animate: false });
        else map.flyToBounds(bounds, { ...options, duration: FLY.duration });
      }
      return true;
    },
    /** Show the map on `next` (an ISO day; null for every record at once): areas, route statuses, names. */
    setDate(next) {
      if (next === day) return;
      day = next;
      _applyDay();
      for (const marker of placeMarkers.values()) if (marker.isTooltipOpen()) marker.getTooltip().update();
    },
    /** Put a traveller on route `slug` that moves along its stops as the date changes (null: none). */
    follow(slug) {
      if (traveller) traveller.marker.remove();
      traveller = null;
      if (!slug || !routeLines.has(slug)) return;
      const marker = L.circleMarker([0, 0], {
        renderer: overlayRenderer,
        radius: 7,
        color: colors.placeStroke,
        weight: 2,
        fillColor: colors.selected,
        fillOpacity: 1,
        interactive: false,
      });
      traveller = { slug, marker };
      _moveTraveller();
    },
    /** What the map shows (for tests and the route panel): the day, areas standing, routes' statuses. */
    state() {
      const areas = [...areaShapes].filter(([, { layer }]) => areasLayer.hasLayer(layer)).map(([slug]) => slug);
      const routes = Object.fromEntries([...routeState].map(([slug, state]) => [slug, state ? state.status : null]));
      const at = traveller && map.hasLayer(traveller.marker) ? traveller.marker.getLatLng() : null;
      return {
        day,
        areas,
        routes,
        arrows: [...routeArrows.keys()],
        traveller: at && [at.lat, at.lng],
        highlighted: [...highlight.places],
        journey: journey.map((leg) => [...leg]),
      };
    },
    /** The name `slug` bore on the day the map shows (for tests and the panel). */
    nameOf: (slug) => nameOn(placeProperties.get(slug), day),
    /** Rewrite the legend in another language (content is replaced through setData). */
    setLang(next) {
      lang = next;
      element.setAttribute("aria-label", t(lang, "map"));
      if (lastData) _setLegend(lastData.routes.features, lastData.areas.features);
    },
    /** Re-read colours from CSS (after a theme change) and restyle. */
    refreshTheme() {
      _readColors();
      basemap.setStyle(_basemapStyle());
      for (const { layer } of areaShapes.values()) layer.setStyle(_areaStyle);
      api.setHighlight(highlight);
      if (lastData) _setLegend(lastData.routes.features, lastData.areas.features);
    },
    /** Recompute the map's size after its container changed. */
    resize: () => map.invalidateSize(),
  };

  _readColors();
  api.setLang(lang);
  api.showPoints(view, { animate: false });
  element.setAttribute("role", "region");
  return api;
}
