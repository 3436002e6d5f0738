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
import type { KeyArgs } from "./keyArgs";
import { KeyResource } from "./keyResource";

/** Arguments of {@link OrchestratorApiAccess}. */
export interface OrchestratorApiAccessArgs extends KeyArgs {
    /** The tenant's logical name, as in `https://cloud.uipath.com/<org>/<tenant>`. */
    tenant: pulumi.Input<string>;
    /** The tenant service; defaults to `orchestrator`. */
    service?: pulumi.Input<string>;
}

/**
 * The Orchestrator API access of one tenant service. Create adopts the current
 * user key; it is regenerated only when {@link KeyArgs.rotationTrigger}
 * changes or {@link KeyArgs.rotateAfter} has passed.
 */
export class OrchestratorApiAccess extends KeyResource {
    /** The user key (secret). */
    declare readonly userKey: pulumi.Output<string>;
    /** The account (organization) logical name to use with the user key, as UiPath reports it. */
    declare readonly accountLogicalName: pulumi.Output<string>;
    /** The tenant's name to send as `X-UIPATH-TenantName`, as UiPath reports it. */
    declare readonly tenantName: pulumi.Output<string>;
    /** The client id to exchange the user key for a token with. */
    declare readonly clientId: pulumi.Output<string>;

    constructor(name: string, args: OrchestratorApiAccessArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            {
                kind: "OrchestratorApiAccess",
                keyOutput: "userKey",
                otherOutputs: ["accountLogicalName", "tenantName", "clientId"],
                identity: [
                    ["tenant", args.tenant],
                    ["service", pulumi.output(args.service).apply((s) => s ?? "orchestrator")],
                ],
            },
            name,
            args,
            opts,
        );
    }
}
