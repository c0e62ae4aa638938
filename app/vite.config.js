import { defineConfig } from 'vite';

// A static build in dist/ with relative paths, so it can be served from any directory.
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
