import { describe, expect, it } from 'vitest';
import { inAppFrames, normalizeMessage, signature } from '../src/modules/error/fingerprint.js';

const stack = (message: string, frames: string[]) =>
  `Error: ${message}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
const TASK_FRAMES = [
  'TaskService.start (/srv/app/subgraphs/tasks/dist/modules/task/task.service.js:120:11)',
  'async TaskResolver.createTask (/srv/app/subgraphs/tasks/dist/modules/task/task.resolver.js:40:5)',
  'dispatch (/srv/app/node_modules/type-graphql/build/cjs/resolvers/helpers.js:82:12)',
  'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  'Object.handler (/srv/app/subgraphs/tasks/dist/server.js:33:9)',
];

describe('error fingerprints', () => {
  it('replaces ids, times, addresses and numbers in messages', () => {
    expect(
      normalizeMessage(
        'Task 3f2b1c9e-8a7d-4e6f-9b0a-1c2d3e4f5a6b timed out after 3000 ms at 2026-11-27T10:00:01.123Z from 10.0.0.7:5432 (user bob@example.com, hash 9f86d081884c7d65)',
      ),
    ).toBe('Task <uuid> timed out after <n> ms at <time> from <ip> (user <email>, hash <hex>)');
    expect(normalizeMessage('relation "users" does not exist')).toBe('relation "users" does not exist');
  });

  it('keeps only in-app frames, without line numbers, the same for src and dist', () => {
    expect(inAppFrames(stack('x', TASK_FRAMES))).toEqual([
      'TaskService.start@modules/task/task.service',
      'TaskResolver.createTask@modules/task/task.resolver',
      'Object.handler@server',
    ]);
    const fromSource = stack('x', [
      'TaskService.start (file:///work/subgraphs/tasks/src/modules/task/task.service.ts:98:3)',
    ]);
    expect(inAppFrames(fromSource)).toEqual(['TaskService.start@modules/task/task.service']);
  });

  it('groups one bug however its values vary, and tells different bugs apart', () => {
    const a = signature({
      type: 'TimeoutError',
      message: 'Task 11 timed out after 3000 ms',
      stack: stack('m', TASK_FRAMES),
    });
    const moved = TASK_FRAMES.map((f) => f.replace(/:\d+:\d+\)/, ':999:1)'));
    const b = signature({
      type: 'TimeoutError',
      message: 'Task 12 timed out after 5000 ms',
      stack: stack('m', moved),
    });
    expect(b.fingerprint).toBe(a.fingerprint);

    const otherType = signature({
      type: 'RangeError',
      message: 'Task 11 timed out after 3000 ms',
      stack: stack('m', TASK_FRAMES),
    });
    const otherMessage = signature({
      type: 'TimeoutError',
      message: 'Task 11 was cancelled',
      stack: stack('m', TASK_FRAMES),
    });
    const otherSite = signature({
      type: 'TimeoutError',
      message: 'Task 11 timed out after 3000 ms',
      stack: stack('m', ['FileService.read (/srv/app/subgraphs/files/dist/file.service.js:1:1)']),
    });
    expect(new Set([a, otherType, otherMessage, otherSite].map((s) => s.fingerprint)).size).toBe(4);
  });

  it('reads the type from the stack when the line has none', () => {
    expect(signature({ stack: 'TypeError: x is not a function\n    at f (/a/b/c.js:1:1)' })).toMatchObject({
      type: 'TypeError',
      message: 'x is not a function',
      frames: ['f@b/c'],
    });
  });
});
