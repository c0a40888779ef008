#!/usr/bin/env node
// First, so a too-old runtime gets one line before anything else loads.
import '@trae/kit/require-node';
import { runRecoveryCli } from './commands.js';

process.exitCode = await runRecoveryCli(process.argv.slice(2));
