/**
 * `ExternalApplication`: an OAuth external application of the organization (Admin > External
 * applications), the credential UiPath recommends over API keys. Runs in the user's program.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connectionArgs";
import { UiPathResource } from "./uiPathResource";

/** Arguments of {@link ExternalApplication}. */
export interface ExternalApplicationArgs {
    /** The application's name, as shown in the portal. Changes in place. */
    name: pulumi.Input<string>;
    /**
     * Confidential (default true): it gets client secrets and may use application scopes
     * (client-credentials flow). Non-confidential apps have user scopes only. Changing it
     * replaces the application (UiPath cannot change it): a new client id.
     */
    confidential?: pulumi.Input<boolean>;
    /** Redirect URI for the authorization-code flow (user scopes). Changes in place. */
    redirectUri?: pulumi.Input<string>;
    /**
     * Scopes granted to the application itself (client credentials), e.g. `OR.Jobs.Read`.
     * Checked against the organization's catalog at preview. Change in place.
     */
    applicationScopes?: pulumi.Input<pulumi.Input<string>[]>;
    /** Scopes the application may use on behalf of a signed-in user. Checked like {@link applicationScopes}. */
    userScopes?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Keep the secret UiPath creates with a confidential application (default true; outputs
     * {@link ExternalApplication.secret}). Set false when {@link ExternalApplicationSecret}
     * manages every secret: the provider deletes it right after creating the application.
     */
    firstSecret?: pulumi.Input<boolean>;
    /** Connection settings for this resource only; stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}

const outputs = ["clientId", "organization", "tokenUrl", "secret", "secretId"] as const;

/** An external application. Refresh detects scopes edited and the application deleted in the portal. */
export class ExternalApplication extends UiPathResource {
    /** The application (client) id. */
    declare readonly clientId: pulumi.Output<string>;
    /** The organization's logical name. */
    declare readonly organization: pulumi.Output<string>;
    /** The organization's token endpoint for the client-credentials flow (`{baseUrl}/{organization}/identity_/connect/token`). */
    declare readonly tokenUrl: pulumi.Output<string>;
    /** The secret created with a confidential application (secret), unless `firstSecret: false`. */
    declare readonly secret: pulumi.Output<string | undefined>;
    /** That secret's id. */
    declare readonly secretId: pulumi.Output<number | undefined>;
    /** The application's name. */
    declare readonly name: pulumi.Output<string>;
    /** The application scopes granted (as last applied or refreshed). */
    declare readonly applicationScopes: pulumi.Output<string[] | undefined>;
    /** The user scopes granted (as last applied or refreshed). */
    declare readonly userScopes: pulumi.Output<string[] | undefined>;

    constructor(name: string, args: ExternalApplicationArgs, opts?: pulumi.CustomResourceOptions) {
        super({ kind: "ExternalApplication", outputs }, name, { ...args }, opts);
    }
}
