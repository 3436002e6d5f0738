import type * as pulumi from "@pulumi/pulumi";

/**
 * Connection settings for one resource, overriding the stack config
 * (`uipath:*`) and the `UIPATH_*` environment variables: every setting of
 * README's Configuration table except the per-machine `UIPATH_HTTP_TIMEOUT_MS`.
 * Use it to manage several organizations from one stack. The whole object is
 * stored encrypted.
 */
export interface ConnectionArgs {
    /** Default `https://cloud.uipath.com`. */
    baseUrl?: pulumi.Input<string>;
    /** Host of the legacy user-key exchange; default `https://account.uipath.com` on Automation Cloud, else `baseUrl`. */
    accountUrl?: pulumi.Input<string>;
    /** Document Understanding host where `verify` checks its key; default `https://du.uipath.com` on Automation Cloud, else `baseUrl`. */
    duUrl?: pulumi.Input<string>;
    /** Computer Vision server where `verify` checks its key; default `https://cv.uipath.com` on Automation Cloud, else `baseUrl`. */
    cvUrl?: pulumi.Input<string>;
    /** The organization's logical name. */
    organization?: pulumi.Input<string>;
    /** An external application's client id (recommended). */
    clientId?: pulumi.Input<string>;
    /** That application's client secret. */
    clientSecret?: pulumi.Input<string>;
    /**
     * A client assertion: a JWT from an external identity provider that one of the application's
     * federated credentials accepts, instead of a client secret. Expires quickly: prefer
     * {@link clientAssertionFile} or {@link oidcAudience}.
     */
    clientAssertion?: pulumi.Input<string>;
    /** A file holding the client assertion, read at each token request (platforms refresh such files). */
    clientAssertionFile?: pulumi.Input<string>;
    /**
     * In a GitHub Actions job with `permissions: id-token: write`: the audience to ask GitHub's ID
     * token for (`ACTIONS_ID_TOKEN_REQUEST_URL`/`_TOKEN`), used as the client assertion and fetched
     * again when it nears expiry. It must equal the federated credential's `audience`.
     */
    oidcAudience?: pulumi.Input<string>;
    /** An access token or personal access token, instead of client credentials. */
    accessToken?: pulumi.Input<string>;
    /** Space-separated scopes to request with client credentials (default: the application's). */
    scopes?: pulumi.Input<string>;
    /**
     * `true` to allow a plain `http://` URL above on another machine (refused by default: the credentials
     * would travel in clear; `localhost` and `127.x` are always allowed). Default: `uipath:allowInsecureHttp`.
     */
    allowInsecureHttp?: pulumi.Input<boolean>;
}
