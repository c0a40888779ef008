/**
 * The bench's light load, in a process of its own as the platform's services are: 20 point queries a
 * second against the database at argv[2] until SIGTERM, then the latencies (ms) as JSON on stdout (after a `ready` line). In the
 * bench's own process it would also time the backup's work on that event loop, which no service shares.
 */
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 1 });
const latencies: number[] = [];
let stopped = false;
process.on('SIGTERM', () => {
  stopped = true;
});
await pool.query('select 1');
process.stdout.write('ready\n'); // the bench starts timing only once the load is running
while (!stopped) {
  const started = process.hrtime.bigint();
  await pool.query('select body from bench.items where id = $1', [1 + Math.floor(Math.random() * 10_000)]);
  latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  await new Promise((r) => setTimeout(r, 50));
}
await pool.end();
process.stdout.write(JSON.stringify(latencies));
