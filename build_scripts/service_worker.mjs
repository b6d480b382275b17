// Generate the site's service worker with Workbox (runtime inlined: nothing is fetched from
// elsewhere). Every page, style, script and the search index is precached, so staff can read
// the guidance offline after one visit. The large Pyodide files are cached the first time the
// guide is used (their folder carries the Pyodide version, so a cached copy is never stale).
// Usage: node build_scripts/service_worker.mjs SITE_DIR PYODIDE_DIR (relative to SITE_DIR)
import { generateSW } from "workbox-build";

const [siteDir, pyodideDir] = process.argv.slice(2);
const big = ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip"];
const { count, size, warnings } = await generateSW({
  globDirectory: siteDir,
  globPatterns: ["**/*.{html,css,js,mjs,json,whl,png,svg,ico,woff2}"],
  globIgnores: ["sw.js", "bench/**", ...big.map((f) => `${pyodideDir}${f}`)],
  swDest: `${siteDir}/sw.js`,
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
  skipWaiting: true,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  runtimeCaching: [{
    urlPattern: new RegExp(`/${pyodideDir.replace(/[.]/g, "\\.")}(${big.map((f) => f.replace(/[.]/g, "\\.")).join("|")})$`),
    handler: "CacheFirst",
    options: { cacheName: "pyodide-" + pyodideDir.split("/").filter(Boolean).pop(), cacheableResponse: { statuses: [200] } },
  }],
});
for (const w of warnings) console.warn(w);
console.log(`service worker: ${count} files precached, ${(size / 1e6).toFixed(2)} MB`);
