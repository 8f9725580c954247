"""Static files as production serves them: hashed names, compressed copies, and ES-module imports rewritten.

The page is native ES modules without a bundler. Django's manifest storage hashes `main.js` but, by default,
leaves `import … from "./api.js"` inside it untouched, so a browser fetched every module twice (the hashed
URL the page preloads, then the plain one the import names) and the plain ones could be served stale.
Django's own (opt-in) rewriting of import/export statements fixes both.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ModuleAwareStaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
