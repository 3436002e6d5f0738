/**
 * The one source of "now" for the emulator. Token expiry, secret expiry, rate-limit windows,
 * audit timestamps and creation times all read {@link Clock.now}, so tests can move time with a
 * {@link ManualClock} instead of sleeping.
 */
export interface Clock {
    /** Milliseconds since the Unix epoch. */
    now(): number;
}

/** Wall-clock time. */
export const systemClock: Clock = { now: () => Date.now() };

/** The furthest a Date reaches either side of the epoch (ECMAScript): beyond it every timestamp throws. */
export const MAX_TIME_MS = 8.64e15;

/**
 * A clock that only moves when told to. It refuses a time no Date can represent (RangeError,
 * nothing changed): one such time would make every later timestamp, and so every request, fail.
 */
export class ManualClock implements Clock {
    private current: number;

    /** @param start epoch ms or a Date; defaults to the real time at construction. */
    constructor(start: number | Date = Date.now()) {
        this.current = checkedTime(typeof start === "number" ? start : start.getTime());
    }

    now(): number {
        return this.current;
    }

    /** Moves time forward (a negative value moves it back, which tests rarely want). */
    advance(ms: number): void {
        this.current = checkedTime(this.current + ms);
    }

    /** Jumps to an absolute time. */
    set(ms: number): void {
        this.current = checkedTime(ms);
    }
}

function checkedTime(ms: number): number {
    if (!Number.isFinite(ms) || Math.abs(ms) > MAX_TIME_MS)
        throw new RangeError(`${ms} ms since the epoch is outside the range of a Date`);
    return ms;
}

/** Narrowing helper for the admin route that advances time. */
export function isManualClock(clock: Clock): clock is ManualClock {
    return clock instanceof ManualClock;
}
