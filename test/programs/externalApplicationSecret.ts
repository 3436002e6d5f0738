/**
 * externalApplicationSecret.test.ts and forcedReplace.test.ts: an application, a managed secret,
 * and a consumer of the client credentials. The test varies through stack config: `test:firstSecret` (default false),
 * and the secret's `test:rotationTrigger`, `test:expiresAfter`, `test:renewBefore`, `test:overlap`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication, ExternalApplicationSecret, clientCredentials } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const cfg = new pulumi.Config("test");
const app = new ExternalApplication("app", {
    name: "ci-runner",
    applicationScopes: ["OR.Jobs.Read"],
    firstSecret: cfg.getBoolean("firstSecret") ?? false,
});
const secret = new ExternalApplicationSecret("secret", {
    clientId: app.clientId,
    rotationTrigger: cfg.get("rotationTrigger"),
    expiresAfter: cfg.get("expiresAfter"),
    renewBefore: cfg.get("renewBefore"),
    overlap: cfg.get("overlap"),
});
new SecretStoreEntry("consumer", {
    file: "creds.json",
    value: clientCredentials(app, secret).apply((c) => JSON.stringify(c)),
});
export const clientId = app.clientId;
export const secretValue = secret.secret;
export const secretId = secret.secretId;
export const previousSecretId = secret.previousSecretId;
export const expiresAt = secret.expiresAt;
export const rotationDueAt = secret.rotationDueAt;
