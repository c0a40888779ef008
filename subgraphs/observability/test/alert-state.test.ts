import { describe, expect, it } from 'vitest';
import { OK_CLOCK, type RuleClock, step, type Timing } from '../src/modules/alert/alert-state.js';

/** A fake clock: each `at(s)` is `s` seconds after the start. */
const T0 = Date.parse('2026-12-03T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);

/** Runs evaluations (second, holds) through the machine; the states after each and what happened. */
function run(timing: Timing, ticks: [number, boolean][]) {
  let clock: RuleClock = OK_CLOCK;
  return ticks.map(([s, holds]) => {
    const [next, t] = step(clock, holds, at(s), timing);
    clock = next;
    const what = Object.entries(t)
      .filter(([, v]) => v)
      .map(([k]) => k);
    return `${s}:${next.state}${what.length ? `(${what.join('+')})` : ''}`;
  });
}

describe('alert state machine', () => {
  it('goes OK → PENDING → FIRING only after forSeconds of holding', () => {
    expect(
      run({ forSeconds: 60, resolveAfterSeconds: 30 }, [
        [0, false],
        [15, true],
        [30, true],
        [74, true],
        [75, true],
        [90, true],
      ]),
    ).toEqual(['0:OK', '15:PENDING(opened)', '30:PENDING', '74:PENDING', '75:FIRING(fired)', '90:FIRING']);
  });

  it('drops a PENDING whose condition clears, and starts the wait again next time', () => {
    expect(
      run({ forSeconds: 60, resolveAfterSeconds: 0 }, [
        [0, true],
        [45, false],
        [50, true],
        [100, true],
        [110, true],
      ]),
    ).toEqual([
      '0:PENDING(opened)',
      '45:OK(dropped)',
      '50:PENDING(opened)',
      '100:PENDING',
      '110:FIRING(fired)',
    ]);
  });

  it('fires at once with forSeconds 0', () => {
    expect(run({ forSeconds: 0, resolveAfterSeconds: 0 }, [[0, true]])).toEqual(['0:FIRING(opened+fired)']);
  });

  it('resolves only after the condition has been clear resolveAfterSeconds (no flapping)', () => {
    expect(
      run({ forSeconds: 0, resolveAfterSeconds: 60 }, [
        [0, true],
        [15, false],
        [30, true], // back before the hysteresis ran out: still the same firing alert
        [45, false],
        [90, false],
        [104, false],
        [105, false],
        [120, false],
      ]),
    ).toEqual([
      '0:FIRING(opened+fired)',
      '15:FIRING',
      '30:FIRING',
      '45:FIRING',
      '90:FIRING',
      '104:FIRING',
      '105:OK(resolved)',
      '120:OK',
    ]);
  });

  it('resolves at the first clear evaluation with resolveAfterSeconds 0', () => {
    expect(
      run({ forSeconds: 0, resolveAfterSeconds: 0 }, [
        [0, true],
        [15, false],
        [30, true],
      ]),
    ).toEqual(['0:FIRING(opened+fired)', '15:OK(resolved)', '30:FIRING(opened+fired)']);
  });

  it('keeps the time the condition began holding across the episode', () => {
    const timing = { forSeconds: 30, resolveAfterSeconds: 30 };
    const [pending] = step(OK_CLOCK, true, at(0), timing);
    const [firing] = step(pending, true, at(30), timing);
    const [clearing] = step(firing, false, at(45), timing);
    expect(firing.holdingSince).toEqual(at(0));
    expect(clearing).toEqual({ state: 'FIRING', holdingSince: at(0), clearSince: at(45) });
    const [back] = step(clearing, true, at(50), timing);
    expect(back.clearSince).toBeNull();
  });
});
