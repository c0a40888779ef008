import { requireRuntime } from './runtime.js';

// Imported first by every entry point (`import '@trae/kit/require-node'`): ES modules evaluate their
// imports in order, so this runs before any library that needs a newer runtime is loaded.
requireRuntime(process.argv[1]?.split('/').slice(-3).join('/') ?? 'this program');
