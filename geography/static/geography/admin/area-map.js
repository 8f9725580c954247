// The Area form's map: the geometry field drawn live as it is pasted or typed (nothing saved until the form
// is), and a drawing mode in which each click on the map adds a corner to the polygon's outer ring. The
// server still validates what is saved (closed rings, [longitude, latitude], no self-crossing).

document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("area-map");
  const text = document.getElementById("id_geometry");
  if (!element || !text) return;
  const L = window.L;
  const styles = JSON.parse(document.getElementById("area-map-styles").textContent);
  const kind = document.getElementById("id_kind");
  const approximate = document.getElementById("id_approximate");
  const status = document.getElementById("area-map-status");
  const drawButton = document.getElementById("area-draw");
  const map = L.map(element, { minZoom: 2, maxZoom: 12 }).setView([42, 40], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  let layer = null;
  let drawing = false;

  function style() {
    const color = styles.colors.area[kind?.value] || styles.colors.place;
    return {
      color,
      weight: styles.area.weight,
      opacity: styles.area.opacity,
      fillColor: color,
      fillOpacity: styles.area.fillOpacity,
      dashArray: approximate?.checked ? styles.approximateDash : null,
    };
  }

  function parse() {
    try {
      const value = JSON.parse(text.value);
      return value?.type === "Feature" ? value.geometry : value;
    } catch {
      return null;
    }
  }

  function draw({ fit }) {
    layer?.remove();
    layer = null;
    const geometry = parse();
    if (!geometry) {
      status.textContent = text.value.trim() ? "Not JSON (yet): nothing to draw." : "";
      return;
    }
    try {
      layer = L.geoJSON(geometry, { style, interactive: false }).addTo(map);
      status.textContent = "";
      if (fit && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 8 });
    } catch {
      status.textContent = "Not a GeoJSON geometry the map can draw.";
    }
  }

  function write(geometry) {
    text.value = JSON.stringify(geometry);
    text.dispatchEvent(new Event("change", { bubbles: true }));
    draw({ fit: false });
  }

  map.on("click", (event) => {
    if (!drawing) return;
    const point = [
      Number(L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(5)),
      Number(event.latlng.lat.toFixed(5)),
    ];
    const geometry = parse();
    if (geometry?.type === "Polygon" && geometry.coordinates?.[0]?.length >= 2) {
      const ring = geometry.coordinates[0];
      ring.splice(ring.length - 1, 0, point); // before the closing position, which repeats the first
      write(geometry);
    } else {
      write({ type: "Polygon", coordinates: [[point, point]] });
    }
  });

  drawButton.addEventListener("click", () => {
    drawing = !drawing;
    drawButton.setAttribute("aria-pressed", String(drawing));
    element.classList.toggle("drawing", drawing);
    status.textContent = drawing ? "Click the map at each corner." : "";
  });
  document.getElementById("area-clear").addEventListener("click", () => {
    text.value = "";
    draw({ fit: false });
  });
  text.addEventListener("input", () => draw({ fit: true }));
  kind?.addEventListener("change", () => draw({ fit: false }));
  approximate?.addEventListener("change", () => draw({ fit: false }));
  draw({ fit: true });

  fetch(element.dataset.basemap)
    .then((response) => response.json())
    .then((topology) => {
      const land = window.topojson.feature(topology, topology.objects.land ?? topology.objects.countries);
      const base = L.geoJSON(land, {
        interactive: false,
        style: { color: styles.colors.coast, weight: 0.8, fillColor: styles.colors.land, fillOpacity: 1 },
      }).addTo(map);
      base.bringToBack();
    })
    .catch(() => {
      element.dataset.basemapError = "true";
    })
    .finally(() => {
      element.dataset.ready = "true";
    });
});
