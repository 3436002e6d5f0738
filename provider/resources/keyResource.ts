/**
 * The base of every key resource in the user's program: the outputs all of
 * them have, and the guard against two resources managing one key.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKindName } from "../shared/kinds";
import type { KeyArgs } from "./keyArgs";
import { sameKeyInput } from "../shared/sameKey";
import { organizationOf, uniqueKeyGuard, type IdentityPart } from "./keyIdentity";
import { UiPathResource } from "./uiPathResource";
import { rotationGroupSlot } from "./rotationGroups";
import type { RotationHistoryEntry } from "../shared/rotationHistory";

/** What a kind adds to {@link KeyResource}'s constructor. */
export interface KeyResourceSpec {
    kind: ResourceKindName;
    /** The output holding the key; it is kept secret. */
    keyOutput: string;
    /** The kind's other outputs (non-secret facts). */
    otherOutputs?: readonly string[];
    /** What names the key within its organization (tenant, service); none for an organization's only key of its kind. */
    identity?: IdentityPart[];
}

/** Base of {@link OrchestratorApiAccess} and the product API keys. */
export abstract class KeyResource extends UiPathResource {
    /** The organization's logical name the key belongs to. */
    declare readonly organization: pulumi.Output<string>;
    /** A short hash of the key (16 hex digits of its SHA-256): changes when the key does, without revealing it. */
    declare readonly keyFingerprint: pulumi.Output<string>;
    /**
     * The fingerprint of the key the last `up` handed to dependents. After a
     * refresh finds a key regenerated outside Pulumi it differs from
     * {@link keyFingerprint} until the next `up` applies the new key.
     */
    declare readonly appliedKeyFingerprint: pulumi.Output<string>;
    /** When this resource last fetched a new key (ISO 8601). */
    declare readonly rotatedAt: pulumi.Output<string>;
    /** When `rotateAfter` makes the key due (ISO 8601), if set. */
    declare readonly rotationDueAt: pulumi.Output<string | undefined>;
    /**
     * The last `historyLength` rotations, oldest first: when, why, from and to which key
     * fingerprint, and which fingerprint stopped working. Never a key.
     */
    declare readonly rotationHistory: pulumi.Output<RotationHistoryEntry[]>;

    protected constructor(spec: KeyResourceSpec, name: string, args: KeyArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            {
                kind: spec.kind,
                outputs: [
                    spec.keyOutput,
                    ...(spec.otherOutputs ?? []),
                    "organization",
                    "keyFingerprint",
                    "appliedKeyFingerprint",
                    "rotatedAt",
                    "rotationDueAt",
                    "rotationHistory",
                ],
            },
            name,
            {
                ...args,
                rotationGroupSlot: rotationGroupSlot(args.rotationGroup, `${spec.kind}/${name}`),
                // Holds a message only when another resource manages the same key (see keyIdentity.ts).
                [sameKeyInput]: uniqueKeyGuard(spec.kind, name, [
                    ["organization", organizationOf(args.connection)],
                    ...(spec.identity ?? []),
                ]),
            },
            opts,
        );
    }
}
