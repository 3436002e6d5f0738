/**
 * `OrchestratorApiAccess`: the API access details of one tenant's
 * Orchestrator service (user key, account logical name, tenant name, client
 * id). Rotating it is the admin page's "Revoke access": a new user key, and
 * every earlier one stops working.
 *
 * UiPath has retired user-key authentication for Orchestrator on newer
 * organizations; there the provider fails with a clear error that points to
 * external applications.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ConnectionArgs } from "./connectionArgs";
import { getApiAccess, revokeApiAccess, verifyUserKey, type ApiAccess } from "../runtime/endpoints";
import { commonInputsShape, type CommonInputs, type KeyKind, type KeyMaterial } from "../runtime/keyResource";
import { serializableProvider } from "../shared/loader";
import { logicalNameSchema } from "../runtime/validation";

export const orchestratorApiAccessInputs = z
    .object({
        tenant: logicalNameSchema("tenant", "as shown in its URL"),
        service: logicalNameSchema("service", "as shown in its URL").optional(),
        ...commonInputsShape,
    })
    .strict();

type Inputs = z.infer<typeof orchestratorApiAccessInputs> & CommonInputs;

const material = (access: ApiAccess): KeyMaterial => ({
    key: access.userKey,
    extra: { accountLogicalName: access.accountLogicalName, tenantName: access.tenantName, clientId: access.clientId },
});

const service = (inputs: Inputs) => inputs.service ?? "orchestrator";

export const orchestratorApiAccessKind: KeyKind<Inputs> = {
    keyOutput: "userKey",
    inputSchema: orchestratorApiAccessInputs,
    identityInputs: ["tenant", "service"],
    id: (organization, inputs) => `${organization}/${inputs.tenant}/${service(inputs)}`,
    fetch: async (client, inputs) => material(await getApiAccess(client, inputs.tenant, service(inputs))),
    regenerate: async (client, inputs) => material(await revokeApiAccess(client, inputs.tenant, service(inputs))),
    verify: (client, _inputs, m) =>
        verifyUserKey(client, {
            userKey: m.key,
            accountLogicalName: m.extra.accountLogicalName ?? "",
            tenantName: m.extra.tenantName ?? "",
            clientId: m.extra.clientId ?? "",
        }),
};

/** Arguments of {@link OrchestratorApiAccess}. */
export interface OrchestratorApiAccessArgs {
    /** The tenant's logical name, as in `https://cloud.uipath.com/<org>/<tenant>`. */
    tenant: pulumi.Input<string>;
    /** The tenant service; defaults to `orchestrator`. */
    service?: pulumi.Input<string>;
    /** Any string; changing it rotates the key (revokes access) on the next `up`. Feed it from a date or `random.RandomId` keepers. */
    rotationTrigger?: pulumi.Input<string>;
    /** Rotate when this period has passed since the last rotation, e.g. `90d`, `12h`, `1h30m`. */
    rotateAfter?: pulumi.Input<string>;
    /** Revoke access when the resource is deleted (default false: the key belongs to the organization). Never revokes a newer key. */
    revokeOnDelete?: pulumi.Input<boolean>;
    /** Exchange the key for a token and call Orchestrator with it after each fetch or rotation. */
    verify?: pulumi.Input<boolean>;
    /** Connection settings for this resource only (to manage several organizations); stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}

/**
 * The Orchestrator API access of one tenant service. Create adopts the current
 * user key; it is regenerated only when {@link OrchestratorApiAccessArgs.rotationTrigger}
 * changes or {@link OrchestratorApiAccessArgs.rotateAfter} has passed.
 */
export class OrchestratorApiAccess extends pulumi.dynamic.Resource {
    /** The user key (secret). */
    declare readonly userKey: pulumi.Output<string>;
    declare readonly accountLogicalName: pulumi.Output<string>;
    declare readonly tenantName: pulumi.Output<string>;
    declare readonly clientId: pulumi.Output<string>;
    declare readonly organization: pulumi.Output<string>;
    /** A short hash of the key: changes when the key does, without revealing it. */
    declare readonly keyFingerprint: pulumi.Output<string>;
    /** When this resource last fetched a new key (ISO 8601). */
    declare readonly rotatedAt: pulumi.Output<string>;
    /** When `rotateAfter` makes the key due (ISO 8601), if set. */
    declare readonly rotationDueAt: pulumi.Output<string | undefined>;

    constructor(name: string, args: OrchestratorApiAccessArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            serializableProvider("OrchestratorApiAccess"),
            name,
            {
                ...args,
                connection: args.connection === undefined ? undefined : pulumi.secret(args.connection),
                userKey: undefined,
                accountLogicalName: undefined,
                tenantName: undefined,
                clientId: undefined,
                organization: undefined,
                keyFingerprint: undefined,
                rotatedAt: undefined,
                rotationDueAt: undefined,
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["userKey", "connection"] }),
            "uipath",
            "OrchestratorApiAccess",
        );
    }
}
