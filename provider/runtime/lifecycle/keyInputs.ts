/**
 * The inputs and outputs every key resource shares, declared once. Each kind
 * spreads {@link keyInputsShape} into its own schema; the program-side
 * `KeyArgs` is checked against it at compile time (see `argsMatch.ts`).
 */
import { z } from "zod";
import { connectionSchema } from "../inputs/connection";
import { durationSchema } from "./rotation";
import { historyLengthSchema, type RotationHistoryEntry } from "./rotationHistory";
import { rotationWindowShape } from "./rotationWindow";

export const keyInputsShape = {
    rotationTrigger: z.string().optional(),
    rotateAfter: durationSchema.optional(),
    revokeOnDelete: z.boolean().optional(),
    verify: z.boolean().optional(),
    connection: connectionSchema.optional(),
    historyLength: historyLengthSchema.optional(),
    ...rotationWindowShape,
};

/** The common inputs as the provider sees them (values known, Pulumi wrappers gone). */
export type KeyInputs = z.infer<z.ZodObject<typeof keyInputsShape>>;

/** Outputs every key resource has, besides its key, its kind's facts and the inputs echoed back. */
export type KeyOutputs = {
    organization: string;
    /** First 16 hex digits of the key's SHA-256: shows a key change in diffs without showing the key. */
    keyFingerprint: string;
    /**
     * The fingerprint of the key the last `up` handed to dependents. A refresh
     * that finds a key regenerated outside Pulumi changes only `keyFingerprint`;
     * the difference is the drift that refresh reports and the next `up` applies.
     */
    appliedKeyFingerprint: string;
    rotatedAt: string;
    rotationDueAt?: string;
    /** The last `historyLength` rotations, oldest first (absent in state written before it existed). */
    rotationHistory?: RotationHistoryEntry[];
};

/** A resource's state: its inputs, the common outputs, its key output and facts (named by the kind). */
export type KeyState<I extends KeyInputs> = I & KeyOutputs & { [output: string]: unknown };

/** Outputs that echo optional inputs: an update recomputes them rather than keeping old values. */
export const echoedInputs = [
    "rotationTrigger",
    "rotateAfter",
    "revokeOnDelete",
    "verify",
    "connection",
    "historyLength",
    "rotationWindow",
    "rotationGroup",
    "rotationGroupSlot",
] as const satisfies readonly (keyof KeyInputs)[];
