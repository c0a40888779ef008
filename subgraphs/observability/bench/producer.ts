// Logs LINES lines at RATE lines/s through the kit's logger with shipping on, then flushes.
import { createLogger, sharedLogShipper } from '@trae/kit';

const rate = Number(process.env.RATE);
const total = Number(process.env.LINES);
const log = createLogger('producer', 'info');
const started = performance.now();
let sent = 0;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) {
      if (sent % 100 === 99) log.error({ err: new Error(`job ${sent} failed`) }, 'job failed');
      else log.info({ seq: sent, reqId: `r-${sent % 500}`, route: '/graphql', ms: 3.2 }, 'request');
    }
    if (sent >= total) {
      clearInterval(timer);
      resolve();
    }
  }, 10);
});
const shipper = sharedLogShipper('producer');
await shipper.flush();
process.send?.(shipper.stats(), () => process.exit(0));
