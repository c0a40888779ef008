// Placeholder build until the dashboard lands: publishes the static page the gateway serves at `/`.
import { cp, mkdir } from 'node:fs/promises';

await mkdir(new URL('./dist/', import.meta.url), { recursive: true });
await cp(new URL('./public/', import.meta.url), new URL('./dist/', import.meta.url), { recursive: true });
