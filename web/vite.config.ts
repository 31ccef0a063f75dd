// Builds every page of web/ into web/dist, which the vellum binary embeds:
// dist/<page>/index.html is served at /<page>, dist/assets/* at /assets/*.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';

import { defineConfig, type Plugin } from 'vite';

const src = resolve(import.meta.dirname, 'src');
const dist = resolve(import.meta.dirname, 'dist');

/** Files worth compressing: text, larger than a packet. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|ttf|map|txt)$/;
const MIN_BYTES = 1024;

/**
 * Writes `<file>.gz` (level 9) beside every compressible asset, so the
 * server sends GraphiQL's megabytes compressed without spending CPU on each
 * request. A copy that would not be smaller is not written.
 */
function precompress(): Plugin {
  const compress = promisify(gzip);
  return {
    name: 'vellum-precompress',
    apply: 'build',
    async closeBundle() {
      const dir = join(dist, 'assets');
      for (const name of await readdir(dir)) {
        if (!COMPRESSIBLE.test(name)) continue;
        const path = join(dir, name);
        const raw = await readFile(path);
        if (raw.length < MIN_BYTES) continue;
        const packed = await compress(raw, { level: constants.Z_BEST_COMPRESSION });
        if (packed.length < raw.length) await writeFile(`${path}.gz`, packed);
      }
    },
  };
}

/**
 * Each page is its own build (`VELLUM_PAGE`, see package.json), so pages
 * share no chunk: a chunk shared with GraphiQL would carry GraphiQL's needs
 * (all of graphql-js, Monaco's helpers) into the admin's first load.
 */
const PAGES = ['admin', 'graphiql'] as const;
const page = process.env.VELLUM_PAGE ?? PAGES[0];
if (!(PAGES as readonly string[]).includes(page)) {
  throw new Error(`VELLUM_PAGE must be one of ${PAGES.join(', ')}, not ${page}`);
}

/** Deep links of the admin SPA, as the binary serves them. */
const ADMIN_ROUTES = /^\/(admin(\/.*)?|reset-password|verify-email|complete-sign-up|forgot-password)(\?.*)?$/;

/**
 * `npm run dev`: Vite serves the pages from source and hands every admin
 * deep link the admin page, as the binary does; the API is a running
 * `vellum serve` (VELLUM_DEV_API, default http://127.0.0.1:8080).
 */
function spaFallback(): Plugin {
  return {
    name: 'vellum-spa-fallback',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        // Navigations only: the page's own modules live under /admin/ too.
        const navigation = req.headers.accept?.includes('text/html') ?? false;
        if (navigation && req.url && ADMIN_ROUTES.test(req.url) && !req.url.startsWith('/admin/index.html')) {
          const query = req.url.indexOf('?');
          req.url = `/admin/index.html${query >= 0 ? req.url.slice(query) : ''}`;
        }
        next();
      });
    },
  };
}

const devApi = process.env.VELLUM_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: src,
  base: '/',
  plugins: [precompress(), spaFallback()],
  server: {
    proxy: {
      // The API checks Origin: the proxy speaks as the API's own origin.
      '/graphql': { target: devApi, ws: true, changeOrigin: true, headers: { origin: devApi } },
    },
  },
  build: {
    outDir: dist,
    // The first page's build empties dist/, the others add to it.
    emptyOutDir: page === PAGES[0],
    assetsDir: 'assets',
    // Monaco and GraphiQL are large by nature; the binary serves them
    // precompressed with long-lived caching.
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    rollupOptions: {
      input: { [page]: resolve(src, `${page}/index.html`) },
      onwarn(warning, warn) {
        // React libraries mark modules "use client"; a client-only bundle
        // has nothing to preserve them for.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: {
    format: 'es',
  },
});
