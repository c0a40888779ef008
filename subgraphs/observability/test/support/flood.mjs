// A service that logs FLOOD_RATE lines per second for FLOOD_SECONDS through the kit's own logger
// (stdout plus shipping), then reports how the logging went over IPC.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLogger, sharedLogShipper } from '@trae/kit';

const rate = Number(process.env.FLOOD_RATE ?? 10_000);
const total = rate * Number(process.env.FLOOD_SECONDS ?? 10);
const log = createLogger('flood', 'info');
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();

let sent = 0;
let slowestTickMs = 0;
const started = performance.now();
await new Promise((resolve) => {
  const timer = setInterval(() => {
    const tickStarted = performance.now();
    const due = Math.min(total, Math.floor(((tickStarted - started) / 1000) * rate));
    for (; sent < due; sent++) log.info({ seq: sent, reqId: `flood-${sent % 100}` }, 'flood line');
    slowestTickMs = Math.max(slowestTickMs, performance.now() - tickStarted);
    if (sent >= total) {
      clearInterval(timer);
      resolve();
    }
  }, 10);
});
const elapsedMs = performance.now() - started;
lag.disable();
const shipper = sharedLogShipper('flood');
await shipper.flush();
process.send({ sent, elapsedMs, slowestTickMs, lagP99Ms: lag.percentile(99) / 1e6, ...shipper.stats() }, () =>
  process.exit(0),
);
