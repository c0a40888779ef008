import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev` talks to a running gateway (npm start) through Vite's proxy, so the app stays same-origin. */
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/files': gateway,
      '/auth/oidc': gateway,
      '/health': gateway,
    },
  },
});
