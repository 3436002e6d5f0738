/**
 * One entry of a rotating resource's `rotationHistory` output. Both sides know the shape: the
 * provider writes it, the program reads it. It names keys by fingerprint and secrets by id, never
 * by value.
 */

/**
 * What caused a rotation: `trigger` (a changed `rotationTrigger`, a changed expiry setting of a
 * secret, or a replacement the engine decided), `age` (`rotateAfter`), `expiry` (a secret expired
 * or within `renewBefore`), `drift` (a key regenerated outside Pulumi, recorded when noticed),
 * `emergency`, `deletedOutside` (the secret was deleted outside Pulumi).
 */
export type RotationCause = "trigger" | "age" | "expiry" | "drift" | "emergency" | "deletedOutside";

export interface RotationHistoryEntry {
    /** When the rotation was made or noticed (ISO 8601, the provider's clock). */
    at: string;
    cause: RotationCause;
    /** The key fingerprint (keys) or secret id (secrets) held before. */
    from: string | number;
    /** The key fingerprint or secret id held after. */
    to: string | number;
    /** What stopped working in that run: fingerprints or secret ids (empty when nothing did). */
    retired: (string | number)[];
}
