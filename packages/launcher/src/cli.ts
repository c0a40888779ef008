#!/usr/bin/env node
// First, so a too-old runtime gets one line before the launcher's own modules load.
import '@trae/kit/require-node';
import { runLauncher } from './main.js';

void runLauncher();
