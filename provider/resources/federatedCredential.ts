/**
 * `FederatedCredential`: lets an external application sign in with a JWT from an external identity
 * provider (GitHub Actions, Entra ID, AWS, Google Cloud) instead of a client secret ("External
 * client — Federated credentials", Automation Cloud API guide). Runs in the user's program.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connectionArgs";
import { UiPathResource } from "./uiPathResource";

/** Arguments of {@link FederatedCredential}. */
export interface FederatedCredentialArgs {
    /** The external application (its client id, e.g. `ExternalApplication.clientId`). Changing it replaces the credential. */
    clientId: pulumi.Input<string>;
    /** The credential's name (shown in errors when an assertion does not match). Changes in place. */
    name: pulumi.Input<string>;
    /** Changes in place. */
    description?: pulumi.Input<string>;
    /**
     * The identity provider's HTTPS issuer, matched exactly against the JWT's `iss`, e.g.
     * `https://token.actions.githubusercontent.com`. UiPath checks its JWKS endpoint is reachable.
     */
    issuer: pulumi.Input<string>;
    /** One audience, which must be in the JWT's `aud` (UiPath takes one per credential). */
    audience: pulumi.Input<string>;
    /** Matched exactly against the JWT's `sub`, e.g. `repo:acme/infra:ref:refs/heads/main`. No wildcards. */
    subject: pulumi.Input<string>;
    /** Connection settings for this resource only; stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}

const outputs = ["credentialId", "organization"] as const;

/** A federated credential of an external application. Refresh says, in one line, what was changed outside Pulumi. */
export class FederatedCredential extends UiPathResource {
    /** The credential's id at UiPath. */
    declare readonly credentialId: pulumi.Output<string>;
    /** The organization's logical name. */
    declare readonly organization: pulumi.Output<string>;
    declare readonly clientId: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly issuer: pulumi.Output<string>;
    declare readonly audience: pulumi.Output<string>;
    declare readonly subject: pulumi.Output<string>;

    constructor(name: string, args: FederatedCredentialArgs, opts?: pulumi.CustomResourceOptions) {
        super({ kind: "FederatedCredential", outputs }, name, { ...args }, opts);
    }
}
