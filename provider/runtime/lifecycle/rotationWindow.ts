/**
 * When a rotation that is due by age or expiry may run: inside a `rotationWindow` (a cron in UTC
 * and a duration: the window opens at each firing and stays open that long), and, for a member of
 * a `rotationGroup`, only on the group's day for that member. Rotations asked for by a person (a
 * changed `rotationTrigger`, `emergency`) or forced by the service (a secret deleted or expired)
 * never wait.
 *
 * Groups: the program assigns each member of a group a distinct slot `k` of `n` (see
 * `resources/rotationGroups.ts`); member `k` may rotate by age only on UTC days whose number since
 * 1970-01-01 is `k` modulo `n` (with a window: the day the window opened). Two members of one
 * group are therefore never both allowed in one run, whatever their due dates, and each waits at
 * most `n - 1` days (or until its day's next window) past its due date. The provider sees one
 * resource at a time, so this is decided from each resource's own inputs alone.
 */
import { z } from "zod";
import { CronError, nextFiring, parseCron, type Cron } from "./cron";
import { durationSchema, parseDurationMs } from "./rotation";
import { holdsUnknown, type CheckFailure } from "../inputs/validation";

const DAY_MS = 86_400_000;
/** The shortest window: the cron's own resolution. */
const MIN_WINDOW_MS = 60_000;

export const rotationWindowSchema = z
    .object({
        cron: z.string().superRefine((text, ctx) => {
            try {
                parseCron(text);
            } catch (err) {
                if (!(err instanceof CronError)) throw err;
                ctx.addIssue({ code: "custom", message: `${err.message} (5 fields, UTC, e.g. "0 2 * * 1-5")` });
            }
        }),
        duration: durationSchema.refine(
            (v) => parseDurationMs(v) >= MIN_WINDOW_MS,
            "expected at least 1m: a window shorter than a minute may never be seen open",
        ),
    })
    .strict();

export type RotationWindow = z.infer<typeof rotationWindowSchema>;

/** This resource's place in its group, computed by the program from every member's name. */
export const rotationGroupSlotSchema = z
    .object({ index: z.number().int().min(0), size: z.number().int().min(1) })
    .strict()
    .refine((s) => s.index < s.size, "expected index below size");

/** The inputs that hold a due rotation back. */
export interface WindowInputs {
    rotationWindow?: RotationWindow;
    rotationGroup?: string;
    rotationGroupSlot?: { index: number; size: number };
}

/** The inputs every rotating resource adds for windows and groups. */
export const rotationWindowShape = {
    rotationWindow: rotationWindowSchema.optional(),
    rotationGroup: z.string().min(1, "expected the group's name").optional(),
    rotationGroupSlot: rotationGroupSlotSchema.optional(),
};

/** Why the inputs hold a due rotation back, with when it may run next; undefined when it may run now. */
export interface Wait {
    /** ISO time of the next moment the rotation may run (a window opening, or the group day's start). */
    until?: string;
    /** "the window opening at …" or "this resource's group day …", for the notice. */
    what: string;
}

const dayOf = (t: number) => Math.floor(t / DAY_MS);
const iso = (t: number) => new Date(t).toISOString();
const LOOKAHEAD_DAYS = 2 * 366;

/** Whether the group lets this member rotate on the day containing `t`. */
function groupAllows(slot: WindowInputs["rotationGroupSlot"], t: number): boolean {
    return slot === undefined || dayOf(t) % slot.size === slot.index;
}

/** The firing of `cron` whose window holds `now`, the earliest if several overlap; undefined when none is open. */
function openingHolding(cron: Cron, durationMs: number, now: number): number | undefined {
    const first = nextFiring(cron, now - durationMs + 1);
    return first !== undefined && first <= now ? first : undefined;
}

/** The next window opening at or after `from` whose day the group allows, within about two years. */
function nextAllowedOpening(cron: Cron, slot: WindowInputs["rotationGroupSlot"], from: number): number | undefined {
    let cursor = from;
    for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
        const opening = nextFiring(cron, cursor);
        if (opening === undefined) return undefined;
        if (groupAllows(slot, opening)) return opening;
        cursor = (dayOf(opening) + 1) * DAY_MS;
    }
    return undefined;
}

/** Decides whether a rotation due by age or expiry runs at `now`, or waits (and until when). */
export function rotationWait(inputs: WindowInputs, now: number): Wait | undefined {
    const slot = inputs.rotationGroup === undefined ? undefined : inputs.rotationGroupSlot;
    const group =
        slot && slot.size > 1
            ? ` (rotationGroup '${inputs.rotationGroup}': member ${slot.index + 1} of ${slot.size})`
            : "";
    // A window computed from outputs not known yet in preview: the update decides with its value.
    if (holdsUnknown(inputs.rotationWindow)) return undefined;
    if (inputs.rotationWindow) {
        const cron = parseCron(inputs.rotationWindow.cron);
        const opening = openingHolding(cron, parseDurationMs(inputs.rotationWindow.duration), now);
        if (opening !== undefined && groupAllows(slot, opening)) return undefined;
        const next = nextAllowedOpening(cron, slot, now + 1);
        return {
            until: next === undefined ? undefined : iso(next),
            what: `${next === undefined ? "a window opening (none within two years)" : `the window opening at ${iso(next)}`}${group}`,
        };
    }
    if (!slot || groupAllows(slot, now)) return undefined;
    const today = dayOf(now);
    const nextDay = today + ((slot.index - (today % slot.size) + slot.size) % slot.size);
    return {
        until: iso(nextDay * DAY_MS),
        what: `this resource's group day starting ${iso(nextDay * DAY_MS)}${group}`,
    };
}

/**
 * Window and group settings that parse but can never let a rotation run, attached to the input
 * to change: a group member whose day no window opening ever falls on (a weekly window and a
 * group of 7), or a group slot without a group.
 */
export function windowFailures(inputs: WindowInputs, now: number): CheckFailure[] {
    const slot = inputs.rotationGroupSlot;
    if (inputs.rotationWindow === undefined || slot === undefined || inputs.rotationGroup === undefined) return [];
    let cron: Cron;
    try {
        cron = parseCron(inputs.rotationWindow.cron);
    } catch {
        return [];
    }
    if (nextAllowedOpening(cron, slot, now) !== undefined) return [];
    return [
        {
            property: "rotationGroup",
            reason: `member ${slot.index + 1} of ${slot.size} of rotationGroup '${inputs.rotationGroup}' may rotate only on UTC days numbered ${slot.index} modulo ${slot.size}, and rotationWindow '${inputs.rotationWindow.cron}' opens on none of them within two years: use a window that opens on more days, or a smaller group`,
        },
    ];
}
