/**
 * policyPack.test.ts: a stack that breaks every rule of the policy pack at once, each on a
 * resource of its own, next to a secret whose rotation keeps the rules.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    DocumentUnderstandingApiKey,
    ExternalApplication,
    ExternalApplicationSecret,
    OrchestratorApiAccess,
    OrchestratorAsset,
} from "pulumi-uipath-keys";

// No rotateAfter, verify off.
const access = new OrchestratorApiAccess("api-access", { tenant: "DefaultTenant" });
// Rotates, but less often than the default maximum age (90d).
const duKey = new DocumentUnderstandingApiKey("du-key", { rotateAfter: "180d", verify: true });
// OR.Assets is outside the allow-list the test configures.
const app = new ExternalApplication("ci-app", {
    name: "ci-runner",
    applicationScopes: ["OR.Jobs.Read", "OR.Assets"],
    firstSecret: false,
});
// Renewed 10 days before it expires after 60: rotates every 50 days (keeps the maximum age).
new ExternalApplicationSecret("ci-secret", { clientId: app.clientId, expiresAfter: "60d", renewBefore: "10d" });
// A key in a Text asset.
new OrchestratorAsset("du-key-asset", {
    tenant: "DefaultTenant",
    folder: "Shared",
    name: "DuKey",
    valueType: "Text",
    value: duKey.apiKey,
});
// A key exported in plain text; the other exported as the secret it is.
export const leakedUserKey = pulumi.unsecret(access.userKey);
export const duApiKey = duKey.apiKey;
