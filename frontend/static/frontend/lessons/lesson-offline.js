// The maps of a lesson saved as one file: each step's places on the land basemap written into the file.
// No tiles and no attribution link: nothing here may ask the network for anything.
(() => {
  const data = JSON.parse(document.getElementById("lesson-maps").textContent);
  const topology = JSON.parse(document.getElementById("lesson-basemap").textContent);
  const land = topojson.feature(topology, topology.objects.land);
  const colors = data.colors;
  for (const { number, map: view } of data.steps) {
    const element = document.getElementById(`map-${number}`);
    if (!element) continue;
    const map = L.map(element, { preferCanvas: true, attributionControl: false, scrollWheelZoom: false });
    // The view first: a layer added to a map without one has no pixel bounds to draw into.
    if (view.center) map.setView(view.center, view.zoom);
    else if (view.points.length > 1) map.fitBounds(view.points, { padding: [30, 30], maxZoom: 7 });
    else if (view.points.length === 1) map.setView(view.points[0], 6);
    else
      map.fitBounds([
        [35, 25],
        [45, 50],
      ]);
    L.geoJSON(land, {
      interactive: false,
      style: { color: colors.coast, weight: 0.8, fillColor: colors.land, fillOpacity: 1 },
    }).addTo(map);
    // A framed route's points are its stops in order: drawn as the line the class follows.
    if (view.route && view.points.length > 1) L.polyline(view.points, { color: "#c0392b", weight: 3 }).addTo(map);
    for (const [lat, lng] of view.points) {
      L.circleMarker([lat, lng], { radius: 6, color: "#222", fillColor: "#c0392b", fillOpacity: 1 }).addTo(map);
    }
  }
})();
