import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connectionArgs";
import type { RotationArgs } from "./rotationArgs";

/**
 * The arguments every key resource takes (declared once; the provider's
 * schema is checked against them at compile time).
 */
export interface KeyArgs extends RotationArgs {
    /** Any string; changing it rotates the key on the next `up`. Feed it from a date or `random.RandomId` keepers. */
    rotationTrigger?: pulumi.Input<string>;
    /** Rotate when this period has passed since the last rotation, e.g. `90d`, `12h`, `1h30m`, `2w`. */
    rotateAfter?: pulumi.Input<string>;
    /** Regenerate the key when the resource is deleted (default false: the key belongs to the organization). Never touches a newer key. */
    revokeOnDelete?: pulumi.Input<boolean>;
    /** Try the key after each fetch or rotation (a failing key is still recorded in state). */
    verify?: pulumi.Input<boolean>;
    /** Connection settings for this resource only (to manage several organizations); stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}
