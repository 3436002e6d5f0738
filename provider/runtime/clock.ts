/**
 * The provider's one source of "now": rotation due dates and `rotatedAt`
 * read it. The provider runs in a process the engine starts, so tests control
 * it through the environment: `UIPATH_KEYS_NOW` (an ISO date or epoch ms)
 * fixes the time. Not meant for production use.
 */
export interface Clock {
    /** Milliseconds since the Unix epoch. */
    now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const fixedTimeEnv = "UIPATH_KEYS_NOW";

/** The system clock, or a fixed time when {@link fixedTimeEnv} is set. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
    const fixed = env[fixedTimeEnv];
    if (!fixed) return systemClock;
    const ms = /^\d+$/.test(fixed) ? Number(fixed) : Date.parse(fixed);
    if (Number.isNaN(ms)) throw new Error(`${fixedTimeEnv} must be an ISO date or epoch milliseconds, got '${fixed}'`);
    return { now: () => ms };
}
