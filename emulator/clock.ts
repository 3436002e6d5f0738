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

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
    private current: number;

    /** @param start epoch ms or a Date; defaults to the real time at construction. */
    constructor(start: number | Date = Date.now()) {
        this.current = typeof start === "number" ? start : start.getTime();
    }

    now(): number {
        return this.current;
    }

    /** Moves time forward (a negative value moves it back, which tests rarely want). */
    advance(ms: number): void {
        this.current += ms;
    }

    /** Jumps to an absolute time. */
    set(ms: number): void {
        this.current = ms;
    }
}

/** Narrowing helper for the admin route that advances time. */
export function isManualClock(clock: Clock): clock is ManualClock {
    return clock instanceof ManualClock;
}
