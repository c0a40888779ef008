import { Repeater } from '@repeaterjs/repeater';
import type { EventBus } from '@trae/kit';
import type { Redis } from 'ioredis';

/** Pub/sub topic of `taskOutput(id)`: `task.output:<id>` carries one task's batched text. */
export const TASK_OUTPUT = 'task.output';
/** The text stays readable this long after its last write (the result holds the answer for good). */
const OUTPUT_TTL_MS = 60 * 60_000;

/** A piece of a task's streamed text: `text` starts at character `offset` of the attempt's output. */
export interface OutputChunk {
  taskId: string;
  attempt: number;
  offset: number;
  text: string;
  /** The attempt's output is complete (its task ended); nothing follows. */
  done: boolean;
}

/**
 * One flush, atomically: the text is appended to the task's hash and the chunk published, so a reader
 * that subscribed and then read the hash sees every character exactly once (in the hash, the chunk or
 * both, never neither). A new attempt starts the text again.
 */
const FLUSH = `
local key = KEYS[1]
if redis.call('HGET', key, 'attempt') ~= ARGV[1] then
  redis.call('DEL', key)
  redis.call('HSET', key, 'attempt', ARGV[1], 'text', '')
end
if ARGV[2] ~= '' then redis.call('HSET', key, 'text', redis.call('HGET', key, 'text') .. ARGV[2]) end
if ARGV[3] == '1' then redis.call('HSET', key, 'done', '1') end
redis.call('PEXPIRE', key, ARGV[4])
redis.call('PUBLISH', key, ARGV[5])
return 0`;

type FlushingRedis = Redis & { flushTaskOutput(key: string, ...args: string[]): Promise<number> };

/** What an attempt writes its model's text through (see `TaskOutputs.writer`). */
export interface OutputWriter {
  write(delta: string): void;
  /** Sends what is buffered; with `done`, marks the output complete (when any was written). */
  close(done: boolean): Promise<void>;
}

/**
 * Streamed model text, batched: a worker sends the first piece at once (the first token is what a reader
 * waits for) and then at most one chunk per `flushMs`, so 1,000 tokens a second are ten messages, not
 * 1,000. The text so far is kept in Redis under the same name as the channel, for late subscribers and
 * `Task.output`.
 */
export class TaskOutputs {
  private readonly redis: FlushingRedis;

  /** @param redis an unprefixed connection (key and channel names carry the prefix themselves) */
  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly flushMs = 100,
  ) {
    if (!('flushTaskOutput' in redis))
      redis.defineCommand('flushTaskOutput', { numberOfKeys: 1, lua: FLUSH });
    this.redis = redis as FlushingRedis;
  }

  private key(taskId: string) {
    return `${this.prefix}${TASK_OUTPUT}:${taskId}`;
  }

  /** The attempt's text so far as one chunk from offset 0, or null when nothing was written (or it expired). */
  async read(taskId: string): Promise<OutputChunk | null> {
    const h = await this.redis.hgetall(this.key(taskId));
    if (!h.attempt) return null;
    return { taskId, attempt: Number(h.attempt), offset: 0, text: h.text ?? '', done: h.done === '1' };
  }

  /** The text so far of each task (null where none is kept), in one round trip. */
  async texts(taskIds: readonly string[]): Promise<(string | null)[]> {
    if (taskIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of taskIds) pipeline.hget(this.key(id), 'text');
    const replies = (await pipeline.exec()) ?? [];
    return taskIds.map((_, i) => (replies[i]?.[1] as string | null | undefined) ?? null);
  }

  /**
   * A buffer for one attempt. Flushes never overlap (the offsets are counted here, by the only writer),
   * and a failed flush is reported to `onError` without failing the task: the result still holds the text.
   */
  writer(taskId: string, attempt: number, onError: (err: unknown) => void): OutputWriter {
    let offset = 0;
    let buffer = '';
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    let chain: Promise<void> = Promise.resolve();
    const flush = (done = false) => {
      clearTimeout(timer);
      timer = undefined;
      // A task that streamed nothing (most work writes no text) costs Redis nothing, not even its end.
      if (!buffer && (!done || offset === 0)) return chain;
      const chunk: OutputChunk = { taskId, attempt, offset, text: buffer, done };
      offset += buffer.length;
      buffer = '';
      last = Date.now();
      chain = chain.then(() =>
        this.redis
          .flushTaskOutput(
            this.key(taskId),
            String(attempt),
            chunk.text,
            done ? '1' : '0',
            String(OUTPUT_TTL_MS),
            JSON.stringify(chunk),
          )
          .then(() => undefined, onError),
      );
      return chain;
    };
    return {
      write: (delta) => {
        if (!delta) return;
        buffer += delta;
        const wait = last + this.flushMs - Date.now();
        if (wait <= 0) void flush();
        else timer ??= setTimeout(() => void flush(), wait);
      },
      close: (done) => flush(done),
    };
  }
}

/**
 * How long a subscriber waits, once the task is over, for a final piece still on its way: a task cancelled
 * through the API is CANCELLED before its worker has flushed the last text and the `done` mark.
 */
export const OVER_GRACE_MS = 2_000;

const GRACE_PASSED = Symbol('grace passed');

/**
 * One task's streamed text for a subscriber: `current` (the text so far, as one piece from offset 0) first,
 * then each new piece. Pieces the text so far already holds (published while it was read) are trimmed, so
 * every character arrives once. It ends with the piece marked `done`.
 *
 * `over` yields once the task has ended (its terminal state, the state at subscription first). Work that
 * wrote no text never sends a `done` piece, so without it a subscriber would wait for ever: on it the
 * output is read again and the stream ends with what is kept (an empty `done` piece when nothing is),
 * after OVER_GRACE_MS at most when the worker's last piece has not come yet.
 */
export async function* followOutput(
  bus: EventBus,
  taskId: string,
  current: () => Promise<OutputChunk | null>,
  over?: AsyncIterable<unknown>,
  graceMs = OVER_GRACE_MS,
): AsyncGenerator<OutputChunk> {
  let attempt = 0;
  let sent = 0;
  /** The part of a chunk not sent yet, or null when it holds nothing new. */
  const take = (chunk: OutputChunk): OutputChunk | null => {
    if (chunk.attempt < attempt) return null;
    if (chunk.attempt > attempt) [attempt, sent] = [chunk.attempt, 0];
    const end = chunk.offset + chunk.text.length;
    if (end < sent || (end === sent && !chunk.done)) return null;
    const piece = {
      ...chunk,
      offset: Math.max(sent, chunk.offset),
      text: chunk.text.slice(Math.max(0, sent - chunk.offset)),
    };
    sent = end;
    return piece;
  };
  /** The last piece: the rest of what is kept, marked `done` (an empty one when nothing is left). */
  const finish = (kept: OutputChunk | null): OutputChunk =>
    (kept && take({ ...kept, done: true })) ?? {
      taskId,
      attempt: Math.max(attempt, kept?.attempt ?? 1),
      offset: sent,
      text: '',
      done: true,
    };
  const chunks = bus.watch<OutputChunk>(TASK_OUTPUT, { id: taskId, current });
  const events = (over ? Repeater.merge([chunks, over]) : chunks)[Symbol.asyncIterator]();
  let deadline: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const next =
        deadline === null
          ? await events.next()
          : await Promise.race([
              events.next(),
              new Promise<typeof GRACE_PASSED>((resolve) => {
                timer = setTimeout(() => resolve(GRACE_PASSED), Math.max(0, deadline! - Date.now()));
              }),
            ]);
      clearTimeout(timer);
      if (next === GRACE_PASSED) {
        // The worker's last piece did not come in time: end with what is kept.
        yield finish(await current());
        return;
      }
      if (next.done) return;
      if (!isChunk(next.value)) {
        if (deadline !== null) continue;
        const kept = await current();
        if (kept?.done || !kept?.text) {
          yield finish(kept);
          return;
        }
        deadline = Date.now() + graceMs;
        continue;
      }
      const piece = take(next.value);
      if (!piece) continue;
      yield piece;
      if (piece.done) return;
    }
  } finally {
    clearTimeout(timer);
    await events.return?.();
  }
}

const isChunk = (event: unknown): event is OutputChunk =>
  typeof event === 'object' && event !== null && 'offset' in event && 'taskId' in event;
