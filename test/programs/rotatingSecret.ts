/**
 * externalApplicationSecretVerify.test.ts and externalApplicationSecretGuards.test.ts: an app,
 * its rotating secret and a consumer holding the app's credentials. Stack config `test:trigger`,
 * `test:overlap`, `test:verify`, `test:verifyTimeout`, `test:emergency` set the secret's inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication, ExternalApplicationSecret, clientCredentials } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const config = new pulumi.Config("test");
const app = new ExternalApplication("app", {
    name: "ci-runner",
    applicationScopes: ["OR.Jobs.Read"],
    firstSecret: false,
});
const secret = new ExternalApplicationSecret("secret", {
    clientId: app.clientId,
    rotationTrigger: config.get("trigger") ?? "r0",
    overlap: config.get("overlap"),
    verify: config.getBoolean("verify"),
    verifyTimeout: config.get("verifyTimeout"),
    emergency: config.getBoolean("emergency"),
});
new SecretStoreEntry("consumer", {
    file: "creds.json",
    value: clientCredentials(app, secret).apply((c) => JSON.stringify(c)),
});
export const clientId = app.clientId;
export const secretValue = secret.secret;
export const secretId = secret.secretId;
export const previousSecretId = secret.previousSecretId;
export const rotationHistory = secret.rotationHistory;
