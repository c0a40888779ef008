import { levelValue } from './log.enums.js';

/** A shipped line, split into the columns we filter on and the rest. */
export interface ParsedLine {
  id: string;
  time: string;
  level: number;
  service: string;
  message: string;
  requestId: string | null;
  /** Whose request logged it (the kit's `userId`): what decides who may read it. */
  userId: string | null;
  context: Record<string, unknown>;
}

export interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
}

const MAX_MESSAGE = 10_000;
/** Past this many bytes a line's extra fields are replaced by a note saying how big they were. */
const MAX_CONTEXT = 32 * 1024;
/** Fields that become columns, or say nothing (pino's version, host and pid). */
const LIFTED = new Set([
  'level',
  'time',
  'msg',
  'message',
  'service',
  'reqId',
  'requestId',
  'userId',
  'v',
  'pid',
  'hostname',
]);

/**
 * A stream id (`<ms>-<seq>`) with both parts zero-padded, so ids compare as text in arrival order
 * (`…-10` after `…-9`), which keyset paging relies on.
 */
function sortableId(streamId: string): string {
  const [ms = '0', seq = '0'] = streamId.split('-');
  return `${ms.padStart(13, '0')}-${seq.padStart(8, '0')}`;
}

/** `1712345678901-0` -> that millisecond, for lines that carry no usable time. */
const streamTime = (id: string) => new Date(Number(id.split('-')[0]) || Date.now()).toISOString();

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || !value) return null;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * Parses one line as pino writes it. Lines that are not JSON objects are kept as plain messages
 * rather than dropped, since whatever wrote them to the stream meant them to be seen.
 */
export function parseLine(streamId: string, line: string): ParsedLine {
  const id = sortableId(streamId);
  let obj: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      obj = parsed as Record<string, unknown>;
  } catch {
    obj = undefined;
  }
  if (!obj) {
    return {
      id,
      time: streamTime(id),
      level: 30,
      service: 'unknown',
      message: line.trim().slice(0, MAX_MESSAGE),
      requestId: null,
      userId: null,
      context: {},
    };
  }
  const time = typeof obj.time === 'string' || typeof obj.time === 'number' ? new Date(obj.time) : undefined;
  const err = obj.err as SerializedError | undefined;
  const context: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!LIFTED.has(k)) context[k] = v;
  const size = JSON.stringify(context).length;
  return {
    id,
    time: time && !Number.isNaN(time.getTime()) ? time.toISOString() : streamTime(id),
    level: levelValue(obj.level),
    service: text(obj.service, 64) ?? 'unknown',
    message:
      text(obj.msg, MAX_MESSAGE) ?? text(obj.message, MAX_MESSAGE) ?? text(err?.message, MAX_MESSAGE) ?? '',
    requestId: text(obj.reqId, 128) ?? text(obj.requestId, 128),
    userId: text(obj.userId, 64),
    context:
      size > MAX_CONTEXT ? { truncated: true, bytes: size, err: slimError(errorOf(context)) } : context,
  };
}

function slimError(err: SerializedError | undefined): SerializedError | undefined {
  return err && { type: err.type, message: err.message?.slice(0, 2_000), stack: err.stack?.slice(0, 16_000) };
}

/** The serialized error of an error-level line, when it has a stack to group by. */
export function errorOf(context: Record<string, unknown>): SerializedError | undefined {
  const err = context.err as SerializedError | undefined;
  return err && typeof err === 'object' && typeof err.stack === 'string' ? err : undefined;
}
