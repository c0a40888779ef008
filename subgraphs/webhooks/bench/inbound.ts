import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Webhook } from 'standardwebhooks';

export interface InboundResult {
  label: string;
  /** Requests answered 2xx per second: verified (and, at the gateway, stored and acted on). */
  verifiedPerSecond: number;
  refused: number;
  p99: number;
}

/**
 * `connections` senders for `seconds`, each request a new `webhook-id` signed now with `secret`, so every
 * one must pass the check and none is a replay.
 */
export async function runInbound(
  label: string,
  url: string,
  secret: string,
  seconds: number,
  connections: number,
): Promise<InboundResult> {
  const hook = new Webhook(secret);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const id = `msg_${randomUUID()}`;
          const now = new Date();
          const body = JSON.stringify({ event: 'bench.ping', id });
          return {
            ...req,
            body,
            headers: {
              'content-type': 'application/json',
              'webhook-id': id,
              'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
              'webhook-signature': hook.sign(id, now, body),
            },
          };
        },
      },
    ],
  });
  return {
    label,
    verifiedPerSecond: Math.round(result['2xx'] / seconds),
    refused: result.non2xx + result.errors + result.timeouts,
    p99: result.latency.p99,
  };
}
