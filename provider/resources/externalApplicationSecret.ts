/**
 * `ExternalApplicationSecret`: a client secret of an external application that rotates in two
 * phases. Runs in the user's program.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connectionArgs";
import { UiPathResource } from "./uiPathResource";
import type { RotationArgs } from "./rotationArgs";
import { rotationGroupSlot } from "./rotationGroups";
import type { RotationHistoryEntry } from "../shared/rotationHistory";
import { secretTagFor } from "../shared/secretTag";

/** Arguments of {@link ExternalApplicationSecret}. Durations read like `90d`, `12h`, `1h30m`, `2w`. */
export interface ExternalApplicationSecretArgs extends RotationArgs {
    /** The application's client id, e.g. `app.clientId`. Changing it replaces the resource. */
    clientId: pulumi.Input<string>;
    /** Description of the secrets it generates (the provider appends its ownership tag). */
    description?: pulumi.Input<string>;
    /** Every secret expires at this ISO 8601 time. Exclusive with {@link expiresAfter}. */
    expiresAt?: pulumi.Input<string>;
    /** Each secret expires this long after it is generated. */
    expiresAfter?: pulumi.Input<string>;
    /** Any string; changing it rotates the secret on the next `up`. */
    rotationTrigger?: pulumi.Input<string>;
    /** Rotate when this period has passed since the last rotation. */
    rotateAfter?: pulumi.Input<string>;
    /** Rotate when the secret is within this period of its expiry (needs {@link expiresAfter}). */
    renewBefore?: pulumi.Input<string>;
    /**
     * After a rotation the previous secret stays valid until the next rotation; with `overlap`,
     * it is deleted by the first `up` once this period has passed. A rotation that would retire
     * it sooner (without `overlap`: the same UTC day) is refused at preview, unless `emergency`.
     */
    overlap?: pulumi.Input<string>;
    /**
     * Get a token with each new secret before handing it out or retiring anything, retrying for
     * UiPath's propagation delay up to {@link verifyTimeout}. A secret that gets none is deleted
     * and the run fails; the secrets held before stay as they were.
     */
    verify?: pulumi.Input<boolean>;
    /** How long `verify` keeps trying a new secret (default `2m`, at most `15m`). */
    verifyTimeout?: pulumi.Input<string>;
    /**
     * For a leaked secret: the rotation of this run (change `rotationTrigger` with it) retires every
     * older secret at once, with no grace, and skips the overlap guard. Refused when nothing rotates;
     * remove it after the emergency rotation.
     */
    emergency?: pulumi.Input<boolean>;
    /** Connection settings for this resource only; stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}

const outputs = [
    "expiresAt",
    "organization",
    "secret",
    "secretId",
    "rotatedAt",
    "previousSecretId",
    "previousSecretRetiresAt",
    "rotationDueAt",
    "secretExists",
    "expiryRule",
    "rotationHistory",
] as const;

/**
 * A client secret that rotates without breaking its consumers: a rotation generates a new
 * secret and hands it to dependents in the same run, while the secret they held stays valid
 * until the following rotation (or `overlap`). Deleting the resource deletes every secret it
 * generated and no other.
 */
export class ExternalApplicationSecret extends UiPathResource {
    /** The current secret (secret). */
    declare readonly secret: pulumi.Output<string>;
    /** Its id. */
    declare readonly secretId: pulumi.Output<number>;
    /** When the current secret expires (ISO 8601), if it does. */
    declare readonly expiresAt: pulumi.Output<string | undefined>;
    /** When the current secret was generated. */
    declare readonly rotatedAt: pulumi.Output<string>;
    /** The secret before the current one, still valid; undefined once retired. */
    declare readonly previousSecretId: pulumi.Output<number | undefined>;
    /** When the previous secret is deleted at the latest (`overlap` or the next scheduled rotation). */
    declare readonly previousSecretRetiresAt: pulumi.Output<string | undefined>;
    /** When `rotateAfter` or `renewBefore` next makes a rotation due. */
    declare readonly rotationDueAt: pulumi.Output<string | undefined>;
    /** False after a refresh found the current secret deleted outside Pulumi (the next `up` rotates). */
    declare readonly secretExists: pulumi.Output<boolean>;
    /**
     * The last `historyLength` rotations, oldest first: when, why, the secret id before and
     * after, and the ids deleted by that rotation. Never a secret.
     */
    declare readonly rotationHistory: pulumi.Output<RotationHistoryEntry[]>;
    /** The organization's logical name. */
    declare readonly organization: pulumi.Output<string>;

    constructor(name: string, args: ExternalApplicationSecretArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            // `expiresAt` is an input and an output: the input keeps its value.
            { kind: "ExternalApplicationSecret", outputs },
            name,
            {
                ...args,
                rotationGroupSlot: rotationGroupSlot(args.rotationGroup, `ExternalApplicationSecret/${name}`),
                // Tags the secrets this resource generates; from the URN's parts, so a rerun after a crash finds them.
                secretTag: secretTagFor(pulumi.getProject(), pulumi.getStack(), name),
            },
            opts,
        );
    }
}
