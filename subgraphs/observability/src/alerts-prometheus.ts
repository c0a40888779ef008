#!/usr/bin/env node
import { ALERTS_FILE, syncAlertsFile } from './modules/alert/prometheus-rules.js';

/** `npm run alerts:prometheus` writes deploy/prometheus/alerts.yml; `-- --check` fails when it is stale. */
const check = process.argv.includes('--check');
if (!(await syncAlertsFile(check))) {
  console.error(`${ALERTS_FILE} is stale: run npm run alerts:prometheus`);
  process.exit(1);
}
console.log(check ? `${ALERTS_FILE} is up to date` : `wrote ${ALERTS_FILE}`);
