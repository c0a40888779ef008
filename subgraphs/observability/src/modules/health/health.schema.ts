import { z } from 'zod';
import { HISTORY_POINTS } from './health-memory.js';

const LAST = { error: `must be 1 to ${HISTORY_POINTS}` };

/** `history(last:)`: how many of the probes kept at hand to serve. */
export const historyLast = z.number().int(LAST).min(1, LAST).max(HISTORY_POINTS, LAST);
