/** Turns the services' pino JSON lines into one readable line each; pure, so it is tested on strings. */

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const LEVEL_COLORS: Record<string, number> = { TRACE: 90, DEBUG: 90, WARN: 33, ERROR: 31, FATAL: 31 };
/** pino's own bookkeeping; the prefix already says which service and when. */
const OMIT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'v']);
/** Never echoed to a terminal or log file, even if a service forgets to redact them. */
const SECRETS = new Set(['password', 'token', 'accessToken', 'refreshToken', 'secret', 'authorization']);

/** ANSI colours handed out to services in registry order. */
export const SERVICE_COLORS = [36, 35, 32, 33, 34, 96, 95, 92, 93, 94];

export interface FormatOptions {
  /** Service name shown in the prefix. */
  name: string;
  /** Pad the name to this width so messages line up. */
  width?: number;
  /** ANSI colour code for the name; none means plain text (not a TTY, or a log file). */
  color?: number;
  /** Time used for lines that carry none (non-JSON output). */
  now?: Date;
}

export interface AdminCredentials {
  username: string;
  email: string;
  password: string;
}

const paint = (text: string, code: number | string | undefined) =>
  code === undefined ? text : `\x1b[${code}m${text}\x1b[0m`;

export function clock(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}

function parseJson(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s="]+$/.test(value) ? value : JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

function isError(value: unknown): value is { message?: string; stack?: string } {
  return !!value && typeof value === 'object' && ('stack' in value || 'message' in value);
}

/** `HH:MM:SS name LEVEL message key=value ...`, with an error's stack on the following lines. */
export function formatLogLine(line: string, options: FormatOptions): string {
  const name = paint(options.name.padEnd(options.width ?? 0), options.color);
  const tint = options.color === undefined ? undefined : 90;
  const record = parseJson(line);
  if (!record || (typeof record.level !== 'number' && typeof record.msg !== 'string')) {
    return `${paint(clock(options.now ?? new Date()), tint)} ${name} ${line}`;
  }
  const time =
    typeof record.time === 'number' || typeof record.time === 'string' ? new Date(record.time) : null;
  const when = clock(time && !Number.isNaN(time.getTime()) ? time : (options.now ?? new Date()));
  const level = LEVELS[record.level as number] ?? String(record.level ?? 'INFO').toUpperCase();
  const levelText = options.color === undefined ? level : paint(level, LEVEL_COLORS[level]);
  const parts = [paint(when, tint), name, levelText];
  if (typeof record.msg === 'string' && record.msg) parts.push(record.msg);
  const trailer: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (OMIT.has(key) || value === undefined) continue;
    if (SECRETS.has(key)) {
      parts.push(`${key}=***`);
    } else if ((key === 'err' || key === 'error') && isError(value)) {
      parts.push(`${key}=${renderValue(value.message ?? '')}`);
      if (value.stack)
        trailer.push(
          ...value.stack
            .split('\n')
            .slice(1)
            .map((l) => `    ${l.trim()}`),
        );
    } else {
      parts.push(`${key}=${renderValue(value)}`);
    }
  }
  return [parts.join(' '), ...trailer].join('\n');
}

/** identity logs the generated first admin once; the launcher shows it in a box instead of the stream. */
export function parseFirstAdmin(line: string): AdminCredentials | null {
  const record = parseJson(line);
  if (record?.msg !== 'first admin created' || typeof record.password !== 'string') return null;
  return {
    username: String(record.username ?? 'admin'),
    email: String(record.email ?? ''),
    password: record.password,
  };
}

/** A framed block; `color` (an ANSI code) makes it stand out on a terminal. */
export function adminBanner(admin: AdminCredentials, color?: string): string {
  const body = [
    'First admin account created. Save these now; they are shown only once:',
    '',
    `  username  ${admin.username}`,
    `  email     ${admin.email}`,
    `  password  ${admin.password}`,
  ];
  const width = Math.max(...body.map((l) => l.length));
  return [
    `╔${'═'.repeat(width + 2)}╗`,
    ...body.map((l) => `║ ${l.padEnd(width)} ║`),
    `╚${'═'.repeat(width + 2)}╝`,
  ]
    .map((l) => (color ? `\x1b[${color}m${l}\x1b[0m` : l))
    .join('\n');
}
