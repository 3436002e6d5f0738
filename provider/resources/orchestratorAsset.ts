/**
 * `OrchestratorAsset`: an Orchestrator asset (Text, Secret, Credential,
 * Integer or Bool) in one folder of one tenant. Robots read assets with Get
 * Asset / Get Credential, so feeding one from a key output delivers a rotated
 * key to them in the same `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connectionArgs";
import { UiPathResource } from "./uiPathResource";

/** Value types of {@link OrchestratorAsset}. `Secret` needs a current Orchestrator (Automation Cloud, 2025 or later). */
export type OrchestratorAssetValueType = "Text" | "Secret" | "Credential" | "Integer" | "Bool";

/** Arguments of {@link OrchestratorAsset}. */
export interface OrchestratorAssetArgs {
    /** The tenant's logical name, as in `https://cloud.uipath.com/<org>/<tenant>`. Changing it replaces the asset. */
    tenant: pulumi.Input<string>;
    /** The folder's fully qualified name, e.g. `Shared` or `Shared/Finance`. Changing it replaces the asset. */
    folder: pulumi.Input<string>;
    /** The asset's name (1 to 256 characters; unique per folder, case-insensitively). Changing it replaces the asset. */
    name: pulumi.Input<string>;
    /** At most 250 characters. */
    description?: pulumi.Input<string>;
    /** Changing it replaces the asset. */
    valueType: pulumi.Input<OrchestratorAssetValueType>;
    /**
     * The value, for every type but Credential: a string (Text, Secret), a whole
     * number (Integer) or a boolean (Bool). Stored encrypted in state.
     */
    value?: pulumi.Input<string | number | boolean>;
    /** Credential only: the username (Orchestrator returns it on reads). */
    username?: pulumi.Input<string>;
    /** Credential only: the password. Stored encrypted in state. */
    password?: pulumi.Input<string>;
    /**
     * Manage an asset of this name that already exists in the folder (its value is
     * overwritten, and `destroy` deletes it). Default false: such an asset is an error.
     */
    adoptExisting?: pulumi.Input<boolean>;
    /** Connection settings for this resource only (to manage several organizations); stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}

/** Outputs the provider fills in; named for the engine so that it exposes them. */
const outputNames = [
    "assetId",
    "assetKey",
    "folderId",
    "organization",
    "fingerprintSalt",
    "valueFingerprint",
    "lastModificationTime",
] as const;

/**
 * An Orchestrator asset. Create, update in place, delete; `refresh` reports a
 * value changed in Orchestrator as a change of {@link valueFingerprint}
 * (never the value), and the next `up` writes the declared value back.
 */
export class OrchestratorAsset extends UiPathResource {
    /** Orchestrator's id of the asset. */
    declare readonly assetId: pulumi.Output<number>;
    /** Orchestrator's unique key (uuid) of the asset. */
    declare readonly assetKey: pulumi.Output<string>;
    /** The id of {@link OrchestratorAssetArgs.folder} (what `X-UIPATH-OrganizationUnitId` takes). */
    declare readonly folderId: pulumi.Output<number>;
    /** The organization's logical name. */
    declare readonly organization: pulumi.Output<string>;
    /** The random key of this resource's {@link valueFingerprint} (not a secret), made when the asset is created. */
    declare readonly fingerprintSalt: pulumi.Output<string>;
    /**
     * Text, Integer, Bool: 16 hex digits of the HMAC-SHA256 of the value Orchestrator
     * holds, keyed by {@link fingerprintSalt} (whoever holds the state can still test
     * guesses of a low-entropy value: put secrets in Secret assets). Secret, Credential:
     * never a digest, only `secret: as last written by Pulumi`. Either way a sentence
     * starting with `unknown:` when the value was changed where it cannot be read
     * (Orchestrator never returns a Secret's value or a Credential's password).
     */
    declare readonly valueFingerprint: pulumi.Output<string>;
    /** Orchestrator's `LastModificationTime` (or creation time) as last observed (ISO 8601). */
    declare readonly lastModificationTime: pulumi.Output<string>;

    constructor(name: string, args: OrchestratorAssetArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            { kind: "OrchestratorAsset", outputs: outputNames },
            name,
            {
                ...args,
                // Encrypted in state whatever the caller passed; echoed (value of a Secret, password) only as secret outputs.
                value: args.value === undefined ? undefined : pulumi.secret(args.value),
                password: args.password === undefined ? undefined : pulumi.secret(args.password),
            },
            opts,
        );
    }
}
