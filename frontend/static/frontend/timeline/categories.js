// The atlas's categories as the page's config carries them (frontend/views.py page_categories):
// [{slug, name: {lang: text}, colour, symbol}]. They are data, so a category a curator adds (or an import
// makes) is drawn, named, listed and filtered with no change here. Pure but for the legend's nodes.

// An event whose category the page was not sent (the index answered after a curator added one, before
// the page was served again): drawn, in a neutral grey, rather than in another category's colour.
export const UNKNOWN_COLOUR = "#5c574d";

/** The category's name in `lang` (another language's when it has none there, its slug at worst). */
export function categoryName(categories, slug, lang) {
  const category = categories.find((c) => c.slug === slug);
  if (!category) return slug;
  const names = category.name || {};
  return names[lang] || Object.values(names).find(Boolean) || slug;
}

/** {slug: position in `categories`}, the codes the timeline's arrays hold; unknown slugs get `length`. */
export function categoryCodes(categories) {
  return new Map(categories.map((category, position) => [category.slug, position]));
}

/** The colours by code (as categoryCodes numbers them), the unknown category's last. */
export function categoryColours(categories) {
  return [...categories.map((category) => category.colour), UNKNOWN_COLOUR];
}

/** The categories `events` use, in the config's order: a legend lists what is on the page, nothing else. */
export function categoriesInUse(categories, events) {
  const used = new Set();
  for (const event of events) used.add(event.category);
  return categories.filter((category) => used.has(category.slug));
}

/**
 * Write the legend of `categories` into `element` (a <ul>): each a swatch in its colour, its symbol and
 * its name in `lang`, in the alphabet's order of that language. Built from nodes, never markup: names are
 * the curators' text.
 */
export function renderCategoryLegend(element, categories, lang) {
  element.hidden = categories.length === 0;
  const collator = new Intl.Collator(lang);
  const named = categories.map((category) => [category, categoryName(categories, category.slug, lang)]);
  named.sort((a, b) => collator.compare(a[1], b[1]));
  element.replaceChildren(
    ...named.map(([category, text]) => {
      const item = document.createElement("li");
      item.dataset.category = category.slug;
      const swatch = document.createElement("span");
      swatch.className = "category-swatch";
      swatch.setAttribute("aria-hidden", "true");
      // The CSSOM, not a style attribute: the page's CSP allows no inline styles.
      swatch.style.backgroundColor = category.colour;
      if (category.symbol) swatch.textContent = category.symbol;
      const name = document.createElement("span");
      name.className = "category-name";
      name.textContent = text;
      item.append(swatch, name);
      return item;
    }),
  );
}

/**
 * Give `root` a `--cat-<slug>` custom property per category: style sheets that colour by category
 * (the panel's `.category-<slug>`) then read the data's colour, whatever the category.
 */
export function applyCategoryColours(root, categories) {
  for (const category of categories) root.style.setProperty(`--cat-${category.slug}`, category.colour);
}
