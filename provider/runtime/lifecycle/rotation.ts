/**
 * When a key is due for rotation, in the spirit of terraform-provider-time's
 * `time_rotating`: a changed `rotationTrigger`, or `rotateAfter` elapsed since
 * the key was last rotated. Decided in `diff`, because `read` runs only on
 * refresh.
 */
import { z } from "zod";

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The longest `rotateAfter`: ten years. Longer is a typo, and past about
 * 270,000 years a due date is no longer a date at all.
 */
export const maxRotateAfter = "3650d";

/** "90d", "12h", "1h30m", "2w": one or more number-unit pairs, up to {@link maxRotateAfter}. */
export const durationSchema = z
    .string()
    .regex(/^(\d+[smhdw])+$/, "expected a period such as 90d, 12h, 1h30m or 2w (units s, m, h, d, w)")
    .refine((v) => parseDurationMs(v) > 0, "expected a period longer than zero")
    .refine(
        (v) => parseDurationMs(v) <= parseDurationMs(maxRotateAfter),
        `expected at most ${maxRotateAfter} (ten years)`,
    );

export function parseDurationMs(text: string): number {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g))
        total += Number(amount) * (units[unit as string] ?? 0);
    return total;
}

export interface RotationState {
    rotationTrigger?: string;
    rotateAfter?: string;
    /** ISO time the current key was created or adopted by this resource. */
    rotatedAt?: string;
}

/** Why a rotation is due, or undefined. Names the input that asks for it (it becomes the diff's `replaces`). */
export function rotationDue(
    olds: RotationState,
    news: RotationState,
    now: number,
): "rotationTrigger" | "rotateAfter" | undefined {
    if ((olds.rotationTrigger ?? "") !== (news.rotationTrigger ?? "")) return "rotationTrigger";
    if (news.rotateAfter && olds.rotatedAt) {
        const dueAt = Date.parse(olds.rotatedAt) + parseDurationMs(news.rotateAfter);
        if (now >= dueAt) return "rotateAfter";
    }
    return undefined;
}

/** When the current key becomes due under `rotateAfter` (an output, so users see it). */
export function rotationDueAt(rotatedAt: string, rotateAfter: string | undefined): string | undefined {
    return rotateAfter ? new Date(Date.parse(rotatedAt) + parseDurationMs(rotateAfter)).toISOString() : undefined;
}
