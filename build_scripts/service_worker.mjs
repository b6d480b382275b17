// Generate the site's service worker with Workbox (runtime inlined: nothing is fetched from
// elsewhere). Every page, style, script and the search index is precached, so staff can read
// the guidance offline after one visit. The large Pyodide files, the cut standard library and the
// engine archive are cached the first time a guide is used (their folder carries the Pyodide
// version and our two files carry a hash of their content, so a cached copy is never stale; the
// oldest go when a newer engine has come).
// Each written form has its own worker in its own folder (nn/sw.js for nynorsk under nn/), so a
// reader's device keeps the form it reads, not both.
// Usage: node build_scripts/service_worker.mjs SITE_DIR PYODIDE_DIR [IGNORE,...]
// (PYODIDE_DIR: its path below the site's top; IGNORE: globs left out, such as another form's folder)
import { existsSync, readFileSync } from "node:fs";
import { generateSW } from "workbox-build";

const [siteDir, pyodideDir, ignore = ""] = process.argv.slice(2);
// Glob and regular expression for each: our two files are named by their content (name.<hash>.ext).
const big = [["pyodide.asm.wasm", "pyodide\\.asm\\.wasm"], ["pyodide.asm.mjs", "pyodide\\.asm\\.mjs"],
  ["python_stdlib.*.zip", "python_stdlib\\.[0-9a-f]+\\.zip"], ["guide_engine.*.tar", "guide_engine\\.[0-9a-f]+\\.tar"]];
// The theme ships search support for some 30 languages (about 250 KB compressed, Thai's word
// splitter alone 130 KB); each part of the site searches in its own language (build.py sets
// plugins.search.lang: Norwegian for nb and nn, English for en/), read here from the search
// index, so a phone that saves it for offline use gets only what that search loads: the stemmer
// support and the language's file, and nothing for English (lunr's own language).
const index = `${siteDir}/search/search_index.json`;
const searchLanguages = existsSync(index) ? JSON.parse(readFileSync(index, "utf8")).config.lang : ["no"];
const own = searchLanguages.filter((lang) => lang !== "en");
const keep = own.length ? ["stemmer.support", ...own, ...(searchLanguages.length > 1 ? ["multi"] : [])] : [];
const otherLanguages = ["assets/javascripts/lunr/wordcut.js", "assets/javascripts/lunr/tinyseg.js",
  keep.length ? `assets/javascripts/lunr/min/lunr.!(${keep.join("|")}).min.js` : "assets/javascripts/lunr/min/*.js"];
const { count, size, warnings } = await generateSW({
  globDirectory: siteDir,
  globPatterns: ["**/*.{html,css,js,mjs,json,png,svg,ico,woff2}"],
  globIgnores: ["sw.js", "bench/**", ...big.map(([glob]) => `${pyodideDir}${glob}`), ...otherLanguages,
    ...ignore.split(",").filter(Boolean)],
  swDest: `${siteDir}/sw.js`,
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
  skipWaiting: true,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  runtimeCaching: [{
    urlPattern: new RegExp(`/${pyodideDir.replace(/[.]/g, "\\.")}(${big.map(([, re]) => re).join("|")})$`),
    handler: "CacheFirst",
    options: {
      cacheName: "pyodide-" + pyodideDir.split("/").filter(Boolean).pop(),
      cacheableResponse: { statuses: [200] },
      expiration: { maxEntries: 8 },
    },
  }],
});
for (const w of warnings) console.warn(w);
console.log(`service worker: ${count} files precached, ${(size / 1e6).toFixed(2)} MB`);
