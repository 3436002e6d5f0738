/** policyPack.test.ts: a stack that keeps every rule of the policy pack. */
import {
    ExternalApplication,
    ExternalApplicationSecret,
    OrchestratorApiAccess,
    OrchestratorAsset,
} from "pulumi-uipath-keys";

const access = new OrchestratorApiAccess("api-access", { tenant: "DefaultTenant", rotateAfter: "30d", verify: true });
const app = new ExternalApplication("ci-app", {
    name: "ci-runner",
    applicationScopes: ["OR.Jobs.Read"],
    firstSecret: false,
});
new ExternalApplicationSecret("ci-secret", { clientId: app.clientId, rotateAfter: "30d", verify: true });
new OrchestratorAsset("user-key-asset", {
    tenant: "DefaultTenant",
    folder: "Shared",
    name: "UserKey",
    valueType: "Secret",
    value: access.userKey,
});
// A secret output (what a consumer stack reads through a StackReference).
export const userKey = access.userKey;
