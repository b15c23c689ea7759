import { defineConfig } from 'vite';

// Two entry points served by the C++ binary: `/` -> index.html (staff back office)
// and `/book`, `/book/...` -> book.html (client portal). Assets live under /assets/.
export default defineConfig({
  root: '.',
  base: '/',
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
