/**
 * externalApplicationSecretInterrupted.test.ts: an application, a managed secret rotated by
 * `test:rotationTrigger`, and a consumer of the secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication, ExternalApplicationSecret } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const cfg = new pulumi.Config("test");
const app = new ExternalApplication("app", { name: "ci", applicationScopes: ["OR.Jobs.Read"], firstSecret: false });
const secret = new ExternalApplicationSecret("secret", {
    clientId: app.clientId,
    rotationTrigger: cfg.require("rotationTrigger"),
});
new SecretStoreEntry("consumer", { file: "secret.txt", value: secret.secret });
export const clientId = app.clientId;
export const secretId = secret.secretId;
export const secretValue = secret.secret;
