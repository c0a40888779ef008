import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

/** `npm run dev` talks to a running gateway (npm start) through Vite's proxy, so the app stays same-origin. */
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  // Brotli and gzip copies beside each asset, served by the gateway as the browser accepts (no work per
  // request). Source maps are written for error tooling but referenced by no asset ('hidden'), and the
  // gateway serves them only outside production.
  plugins: [
    react(),
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
  ],
  build: { target: 'es2022', sourcemap: 'hidden', chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/files': gateway,
      '/auth/oidc': gateway,
      '/health': gateway,
    },
  },
});
