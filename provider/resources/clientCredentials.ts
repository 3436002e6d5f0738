/**
 * What a consumer of an external application needs for the client-credentials flow, from an
 * application and one of its secrets. Runs in the user's program.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ExternalApplication } from "./externalApplication";
import type { ExternalApplicationSecret } from "./externalApplicationSecret";

/** Client-credentials settings; the whole object is a secret output. */
export interface ClientCredentials {
    /** `{baseUrl}/{organization}/identity_/connect/token`. */
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    /** The application scopes, space-separated, as the token request's `scope`. */
    scopes: string;
}

/**
 * `{tokenUrl, clientId, clientSecret, scopes}` for a consumer (a CI secret store, a vault
 * entry). Follows rotations: when `secret` rotates, dependents of the result get the new one
 * in the same run. Pass no secret to use the application's first secret.
 */
export function clientCredentials(
    app: ExternalApplication,
    secret?: ExternalApplicationSecret,
): pulumi.Output<ClientCredentials> {
    const clientSecret = secret ? secret.secret : app.secret.apply((s) => s ?? "");
    return pulumi.secret(
        pulumi
            .all([app.tokenUrl, app.clientId, clientSecret, app.applicationScopes])
            .apply(([tokenUrl, clientId, value, scopes]) => ({
                tokenUrl,
                clientId,
                clientSecret: value,
                scopes: (scopes ?? []).join(" "),
            })),
    );
}
