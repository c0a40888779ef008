#!/usr/bin/env node
import { runLauncher } from './main.js';

void runLauncher();
