/**
 * When and how the hub reopens an upstream subscription that ended with an error. A lost socket, a
 * refused connection or a restarting subgraph is worth retrying; a refusal of the operation or of the
 * credential would be refused again, so it ends the client's subscription at once.
 */
export interface ResumePolicy {
  /** How long an outage may last before the gateway gives up and ends its subscriptions. @default 30_000 */
  giveUpMs: number;
  /** First retry delay; doubles per attempt. @default 250 */
  baseDelayMs?: number;
  /** Cap of the retry delay, so a subgraph that is back is found within this. @default 3_000 */
  maxDelayMs?: number;
}

/**
 * graphql-ws close codes a retry cannot cure: bad request, unauthorized, forbidden, subprotocol, duplicate
 * id, too many inits. (4401 after a while is an expired credential; the hub reopens that with another.)
 */
const FINAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4406, 4409, 4429]);

/** An upstream that lived this long had recovered: a later loss starts a new outage and a new bound. */
export const STABLE_MS = 5_000;

export function isRetryable(reason: { error?: unknown; closeCode?: number }): boolean {
  // An array is the subgraph's `error` message: it refused the operation itself.
  if (Array.isArray(reason.error)) return false;
  return reason.closeCode === undefined || !FINAL_CLOSE_CODES.has(reason.closeCode);
}

/** Exponential backoff with jitter (half fixed, half random), so reopening groups do not stampede. */
export function retryDelay(policy: ResumePolicy, attempt: number): number {
  const base = policy.baseDelayMs ?? 250;
  const capped = Math.min(policy.maxDelayMs ?? 3_000, base * 2 ** attempt);
  return capped / 2 + Math.random() * (capped / 2);
}
