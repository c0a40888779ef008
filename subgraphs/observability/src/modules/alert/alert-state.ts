import type { AlertState } from './alert.enums.js';

/** A rule's clock between evaluations. */
export interface RuleClock {
  state: AlertState;
  /** Since when the condition has held (PENDING, FIRING). */
  holdingSince: Date | null;
  /** Since when it has been clear while FIRING. */
  clearSince: Date | null;
}

export interface Timing {
  forSeconds: number;
  resolveAfterSeconds: number;
}

/**
 * What an evaluation did to the rule's alert: `opened` a PENDING one, `fired` (from PENDING, or at
 * once when `forSeconds` is 0: `opened` and `fired` together), `resolved` a FIRING one, or `dropped` a
 * PENDING one whose condition cleared before it fired (no notification: it never fired).
 */
export interface Transition {
  opened: boolean;
  fired: boolean;
  resolved: boolean;
  dropped: boolean;
}

export const OK_CLOCK: RuleClock = { state: 'OK', holdingSince: null, clearSince: null };

const NONE: Transition = { opened: false, fired: false, resolved: false, dropped: false };
const elapsed = (since: Date, now: Date) => (now.getTime() - since.getTime()) / 1000;

/**
 * One evaluation: OK → PENDING when the condition holds; PENDING → FIRING once it has held
 * `forSeconds`; FIRING → OK (the alert RESOLVED) only after it has been clear `resolveAfterSeconds`
 * (hysteresis: a value hovering at the threshold does not flap); PENDING that clears → OK quietly.
 */
export function step(clock: RuleClock, holds: boolean, now: Date, t: Timing): [RuleClock, Transition] {
  switch (clock.state) {
    case 'OK': {
      if (!holds) return [clock, NONE];
      if (t.forSeconds <= 0)
        return [
          { state: 'FIRING', holdingSince: now, clearSince: null },
          { ...NONE, opened: true, fired: true },
        ];
      return [
        { state: 'PENDING', holdingSince: now, clearSince: null },
        { ...NONE, opened: true },
      ];
    }
    case 'PENDING': {
      if (!holds) return [OK_CLOCK, { ...NONE, dropped: true }];
      const since = clock.holdingSince ?? now;
      if (elapsed(since, now) >= t.forSeconds)
        return [
          { state: 'FIRING', holdingSince: since, clearSince: null },
          { ...NONE, fired: true },
        ];
      return [{ ...clock, holdingSince: since }, NONE];
    }
    case 'FIRING': {
      if (holds) return [{ ...clock, clearSince: null }, NONE];
      const clear = clock.clearSince ?? now;
      if (elapsed(clear, now) >= t.resolveAfterSeconds) return [OK_CLOCK, { ...NONE, resolved: true }];
      return [{ ...clock, clearSince: clear }, NONE];
    }
  }
}
