/**
 * The inbound comparison: a bare node http server doing the Standard Webhooks check the service does
 * (the `standardwebhooks` package, the same headers and tolerance) and nothing else. Started as its own
 * process with the secret as its argument; prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

const hook = new Webhook(process.argv[2]);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      hook.verify(Buffer.concat(chunks), req.headers as Record<string, string>);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"DONE"}');
    } catch {
      res.writeHead(401).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, msg: 'bare ready' }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
