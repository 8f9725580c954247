// The Place form's map: click or drag the marker to write latitude and longitude; type them and the marker
// follows. The basemap is the public page's offline Natural Earth file; no tiles, no request leaves the host.
// "Find coordinates" asks the admin's geocode view and lists candidates to pick.

document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("place-map");
  const latitude = document.getElementById("id_latitude");
  const longitude = document.getElementById("id_longitude");
  if (!element || !latitude || !longitude) return;
  const L = window.L;

  const map = L.map(element, { minZoom: 2, maxZoom: 12, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  let marker = null;

  const current = () => {
    const lat = Number.parseFloat(latitude.value);
    const lng = Number.parseFloat(longitude.value);
    return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
      ? L.latLng(lat, lng)
      : null;
  };

  function write(point) {
    // Five decimals: about a metre, finer than any historical source places a town.
    latitude.value = point.lat.toFixed(5);
    longitude.value = L.Util.wrapNum(point.lng, [-180, 180], true).toFixed(5);
    for (const input of [latitude, longitude]) input.dispatchEvent(new Event("change", { bubbles: true }));
    place(L.latLng(Number(latitude.value), Number(longitude.value)));
  }

  function place(point) {
    if (!point) return;
    if (!marker) {
      marker = L.marker(point, { draggable: true, keyboard: true, title: "Place" }).addTo(map);
      marker.on("dragend", () => write(marker.getLatLng()));
    } else {
      marker.setLatLng(point);
    }
  }

  map.on("click", (event) => write(event.latlng));
  for (const input of [latitude, longitude]) input.addEventListener("input", () => place(current()));

  const start = current();
  if (start) {
    map.setView(start, 6);
    place(start);
  } else {
    map.setView([42, 40], 4);
  }

  fetch(element.dataset.basemap)
    .then((response) => response.json())
    .then((topology) => {
      const land = window.topojson.feature(topology, topology.objects.land ?? topology.objects.countries);
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#9c9079", weight: 0.8, fillColor: "#efe9dc", fillOpacity: 1 },
      }).addTo(map);
      if (topology.objects.countries) {
        const borders = window.topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b);
        L.geoJSON(borders, { interactive: false, style: { color: "#b9ae98", weight: 0.8, dashArray: "3 3" } }).addTo(
          map,
        );
      }
    })
    .catch(() => {
      element.dataset.basemapError = "true";
    })
    .finally(() => {
      element.dataset.ready = "true";
    });

  // Finding coordinates by name.
  const query = document.getElementById("place-geocode-query");
  const button = document.getElementById("place-geocode-button");
  const notice = document.getElementById("place-geocode-notice");
  const results = document.getElementById("place-geocode-results");
  const nameInput = document.querySelector("[name^='name_']");
  if (query && nameInput && !query.value) query.value = nameInput.value;

  function show(candidates) {
    results.replaceChildren();
    for (const candidate of candidates) {
      const item = document.createElement("li");
      const pick = document.createElement("button");
      pick.type = "button";
      pick.className = "button";
      // Text, never markup: names come from curators and from the geocoder.
      pick.textContent = `${candidate.name} — ${candidate.latitude.toFixed(4)}, ${candidate.longitude.toFixed(4)}`;
      pick.addEventListener("click", () => {
        const point = L.latLng(candidate.latitude, candidate.longitude);
        write(point);
        map.setView(point, Math.max(map.getZoom(), 6));
      });
      const detail = document.createElement("span");
      detail.className = "help";
      detail.textContent = ` ${candidate.source === "atlas" ? "atlas" : "online"}: ${candidate.detail}`;
      item.append(pick, detail);
      results.append(item);
    }
  }

  function find() {
    const text = query.value.trim();
    if (!text) return;
    notice.textContent = "…";
    button.disabled = true;
    fetch(`${element.dataset.geocode}?q=${encodeURIComponent(text)}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((answer) => {
        show(answer.candidates);
        const found = answer.candidates.length ? `${answer.candidates.length} found.` : "Nothing found.";
        notice.textContent = answer.notice ? `${found} ${answer.notice}.` : found;
      })
      .catch((error) => {
        notice.textContent = `The search failed: ${error.message}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  }

  button?.addEventListener("click", find);
  query?.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault(); // Enter here finds, it does not submit the whole form
      find();
    }
  });
});
