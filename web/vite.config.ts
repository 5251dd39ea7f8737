import { defineConfig } from 'vitest/config';

// The portal is served by `chungthu serve` from web/dist; `npm run dev` proxies the API to a
// running `chungthu serve` (CHUNGTHU_URL, default http://127.0.0.1:8080).
const backend = process.env.CHUNGTHU_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        // Vendor chunks. Pages load on first use (src/routes/lazyPage.tsx), so `charts` is
        // fetched only when the staff dashboard is shown.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          antd: ['antd', '@ant-design/icons'],
          charts: ['recharts'],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/crl': backend,
      '/ca': backend,
      '/ocsp': backend,
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
