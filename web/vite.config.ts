import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

// The API reference page served at /api/docs: Redoc's standalone bundle, copied from node_modules at build
// time (no network when it runs), reading the server's own /api/openapi.json.
function apiDocs(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'creneau-api-docs',
    apply: 'build',
    generateBundle() {
      // Its menu shows a logo from Redocly's CDN: the one thing it would fetch from the network. An empty data
      // URI fails to load, and Redoc then leaves the image out.
      const logo = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
      const bundle = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8');
      if (!bundle.includes(logo)) this.warn('Redoc no longer names its CDN logo: check /api/docs for network requests');
      const redoc = bundle.split(logo).join('data:,');
      this.emitFile({ type: 'asset', fileName: 'api-docs/redoc.standalone.js', source: redoc });
      this.emitFile({
        type: 'asset',
        fileName: 'api-docs/index.html',
        source: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Creneau API</title>
<style>body { margin: 0; }</style>
</head>
<body>
<redoc spec-url="/api/openapi.json"></redoc>
<script src="/api-docs/redoc.standalone.js"></script>
</body>
</html>
`,
      });
    },
  };
}

// Two entry points served by the C++ binary: `/` -> index.html (staff back office)
// and `/book`, `/book/...` -> book.html (client portal). Assets live under /assets/.
export default defineConfig({
  root: '.',
  base: '/',
  plugins: [apiDocs()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: 'index.html',
        book: 'book.html',
      },
    },
  },
  server: {
    // `npm run dev` talks to a server started separately (creneau serve --listen 127.0.0.1:8080).
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
