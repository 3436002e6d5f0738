/**
 * The `rotationHistory` output of every rotating resource: the last `historyLength` rotations,
 * oldest first. An entry is added in the same `create`, `update` or `read` whose outputs record
 * the rotation, so it is saved exactly when the rotation is: a run killed before saving loses the
 * rotation's state and its entry together, and the rerun that settles the rotation adds one.
 */
import { z } from "zod";
import type { RotationHistoryEntry } from "../../shared/rotationHistory";

export type { RotationCause, RotationHistoryEntry } from "../../shared/rotationHistory";

export const DEFAULT_HISTORY_LENGTH = 10;
/** The most entries kept: each is about 150 bytes of state, written on every change of the resource. */
export const MAX_HISTORY_LENGTH = 50;

export const historyLengthSchema = z
    .number()
    .int("expected a whole number of entries")
    .min(0, "expected 0 or more entries")
    .max(MAX_HISTORY_LENGTH, `expected at most ${MAX_HISTORY_LENGTH} entries`);

/** The history with `entry` added last, cut to the last `length` entries (default {@link DEFAULT_HISTORY_LENGTH}). */
export function withEntry(
    history: readonly RotationHistoryEntry[] | undefined,
    entry: RotationHistoryEntry,
    length: number | undefined,
): RotationHistoryEntry[] {
    return trimmed([...(history ?? []), entry], length);
}

/** The last `length` entries (a shorter `historyLength` applies at the next write). */
export function trimmed(
    history: readonly RotationHistoryEntry[] | undefined,
    length: number | undefined,
): RotationHistoryEntry[] {
    const keep = length ?? DEFAULT_HISTORY_LENGTH;
    const all = history ?? [];
    return keep === 0 ? [] : all.slice(-keep);
}
