// The page's UI strings in every language it speaks: one dictionary, so a third language is one more block.
// Content (titles, summaries, place names) is not here: the API sends it in the chosen language.

export const LANGUAGES = ["tr", "en"];
export const DEFAULT_LANGUAGE = "tr";

const STRINGS = {
  tr: {
    subtitle: "Olaylar, yerler ve yollar: zaman çizelgesi ve harita",
    skipToPanel: "Olayın ayrıntılarına geç",
    timeline: "Zaman çizelgesi",
    timelineHelp:
      "Olay seçmek için ← ve →, ilk ve son olay için Home ve End, yakınlaştırmak için + ve −. Sürükleyerek kaydırın.",
    map: "Harita",
    zoomIn: "Yakınlaştır",
    zoomOut: "Uzaklaştır",
    showAll: "Tümünü göster",
    contrast: "Yüksek karşıtlık",
    loading: "Atlas yükleniyor…",
    empty: "Henüz yayımlanmış olay yok.",
    error: "Atlas verileri yüklenemedi ({detail}).",
    retry: "Yeniden dene",
    notFound: "“{slug}” adlı olay bulunamadı; kaldırılmış ya da adı değişmiş olabilir.",
    pick: "Bir olay seçin: zaman çizelgesinde bir olaya ya da haritada bir yere tıklayın.",
    sources: "Kaynaklar",
    people: "Kişiler",
    places: "Yerler",
    routes: "Yollar",
    aid: "Yardım",
    note: "Küratör notu",
    written: "kaynakta: {date}",
    alternatives: "Tartışmalı: başka okumalar",
    approximate: "yaklaşık",
    via: "{route} yoluyla",
    noPlace: "Bu olayın haritada bir yeri yok.",
    placeEvents: "{place}: {count} olay",
    position: "{n} / {count}",
    previous: "Önceki olay",
    next: "Sonraki olay",
    clearPlace: "Yer seçimini kaldır",
    showPlace: "{place} yerindeki olaylar",
    announce: "{title}, {date}. {n} / {count}.",
    more: "{count} olay daha; yakınlaştırmak için tıklayın",
    legend: "Lejant",
    legendPlace: "Yer (büyüklük: olay sayısı)",
    legendApproximate: "Yaklaşık sınır (kesikli çizgi)",
    legendBorders: "Bugünkü sınırlar (yalnızca yön bulmak için)",
    legendDay: "Gün",
    legendSpan: "Ay, yıl ya da dönem",
    legendApproxDate: "Yaklaşık tarih",
    legendUncertainDate: "Belirsiz tarih",
    around: "yaklaşık {date}",
    from: "{date} tarihinden itibaren",
    until: "{date} tarihine kadar",
    months: [
      "Ocak",
      "Şubat",
      "Mart",
      "Nisan",
      "Mayıs",
      "Haziran",
      "Temmuz",
      "Ağustos",
      "Eylül",
      "Ekim",
      "Kasım",
      "Aralık",
    ],
    monthsShort: ["Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"],
    seasons: ["İlkbahar", "Yaz", "Sonbahar", "Kış"],
    category: {
      treaty: "Antlaşma",
      diplomacy: "Diplomasi",
      mission: "Heyet",
      military: "Askerî",
      aid: "Yardım",
      politics: "Siyaset",
      report: "Rapor",
    },
    purpose: { aid: "Yardım yolu", mission: "Heyet yolu", military: "Askerî yol", travel: "Yolculuk" },
    mode: { rail: "Demiryolu", road: "Karayolu", sea: "Deniz", mixed: "Karma (kara ve deniz)" },
    areaKind: {
      front: "Cephe",
      occupation: "İşgal bölgesi",
      border: "Sınır",
      treaty: "Antlaşma sınırı",
      territory: "Toprak",
    },
    aidKind: {
      gold_rubles: "Altın ruble",
      gold_bullion: "Külçe altın",
      rifles: "Tüfek",
      machine_guns: "Makineli tüfek",
      guns: "Top",
      ammunition: "Cephane",
      other: "Diğer",
    },
  },
  en: {
    subtitle: "Events, places and routes on a timeline and a map",
    skipToPanel: "Skip to the event's details",
    timeline: "Timeline",
    timelineHelp:
      "← and → select the previous and next event, Home and End the first and last, + and − zoom. Drag to pan.",
    map: "Map",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    showAll: "Show all",
    contrast: "High contrast",
    loading: "Loading the atlas…",
    empty: "No published events yet.",
    error: "The atlas data could not be loaded ({detail}).",
    retry: "Try again",
    notFound: "No event “{slug}” was found; it may have been removed or renamed.",
    pick: "Pick an event on the timeline, or a place on the map.",
    sources: "Sources",
    people: "People",
    places: "Places",
    routes: "Routes",
    aid: "Aid",
    note: "Curator's note",
    written: "in the source: {date}",
    alternatives: "Disputed: other readings",
    approximate: "approx.",
    via: "via {route}",
    noPlace: "This event has no place on the map.",
    placeEvents: "{place}: {count} events",
    position: "{n} of {count}",
    previous: "Previous event",
    next: "Next event",
    clearPlace: "Clear the place",
    showPlace: "Events at {place}",
    announce: "{title}, {date}. {n} of {count}.",
    more: "{count} more events; click to zoom in",
    legend: "Legend",
    legendPlace: "Place (size: number of events)",
    legendApproximate: "Approximate shape (dashed)",
    legendBorders: "Present-day borders (for orientation only)",
    legendDay: "Day",
    legendSpan: "Month, year or span",
    legendApproxDate: "Approximate date",
    legendUncertainDate: "Uncertain date",
    around: "around {date}",
    from: "from {date}",
    until: "until {date}",
    months: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
    monthsShort: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    seasons: ["Spring", "Summer", "Autumn", "Winter"],
    category: {
      treaty: "Treaty",
      diplomacy: "Diplomacy",
      mission: "Mission",
      military: "Military",
      aid: "Aid",
      politics: "Politics",
      report: "Report",
    },
    purpose: { aid: "Aid route", mission: "Mission route", military: "Military route", travel: "Travel" },
    mode: { rail: "Rail", road: "Road", sea: "Sea", mixed: "Mixed (land and sea)" },
    areaKind: {
      front: "Front",
      occupation: "Occupation zone",
      border: "Border",
      treaty: "Treaty territory",
      territory: "Territory",
    },
    aidKind: {
      gold_rubles: "Gold rubles",
      gold_bullion: "Gold bullion",
      rifles: "Rifles",
      machine_guns: "Machine guns",
      guns: "Guns (artillery)",
      ammunition: "Ammunition",
      other: "Other",
    },
  },
};

/** The language to use: `lang` if the page speaks it, else the default. */
export function supported(lang) {
  return LANGUAGES.includes(lang) ? lang : DEFAULT_LANGUAGE;
}

/** The string `key` (a dotted path such as "category.treaty") in `lang`, with {name} placeholders filled. */
export function t(lang, key, params = {}) {
  let value = key.split(".").reduce((node, part) => node?.[part], STRINGS[supported(lang)]);
  if (value === undefined) value = key.split(".").reduce((node, part) => node?.[part], STRINGS[DEFAULT_LANGUAGE]);
  if (typeof value !== "string") return value ?? key;
  return value.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** A number as the language writes it (33.275 in Turkish, 33,275 in English). */
export function formatNumber(lang, value) {
  return new Intl.NumberFormat(supported(lang) === "tr" ? "tr-TR" : "en-GB").format(value);
}

/** Fill every element carrying data-i18n (text) or data-i18n-<attr> (attribute) under `root`. */
export function translateDocument(lang, root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(lang, node.dataset.i18n);
  for (const attr of ["title", "aria-label"]) {
    const key = `i18n${attr === "title" ? "Title" : "AriaLabel"}`;
    for (const node of root.querySelectorAll(`[data-i18n-${attr}]`))
      node.setAttribute(attr, t(lang, node.dataset[key]));
  }
}
