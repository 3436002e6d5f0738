/**
 * test/package/consumerTypes.test.ts: uses every public name, so that each declaration file behind
 * them is checked, here against the source and there against the packed tarball. Never run.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    ComputerVisionApiKey,
    DocumentUnderstandingApiKey,
    OrchestratorApiAccess,
    OrchestratorAsset,
    UiPathError,
    type ConnectionArgs,
    type OrchestratorApiAccessArgs,
    type ProductApiKeyArgs,
} from "pulumi-uipath-keys";

const config = new pulumi.Config();
const connection: ConnectionArgs = {
    organization: "other-org",
    clientId: "id",
    clientSecret: config.requireSecret("otherSecret"),
};
const args: OrchestratorApiAccessArgs = { tenant: "DefaultTenant", rotationTrigger: "2027-Q1", verify: true };
const productArgs: ProductApiKeyArgs = { rotateAfter: "90d", connection };

const access = new OrchestratorApiAccess("orchestrator", args, { protect: false });
const du = new DocumentUnderstandingApiKey("du", productArgs);
const cv = new ComputerVisionApiKey("cv", {}, { dependsOn: [du] });
const asset = new OrchestratorAsset("du-asset", {
    tenant: "DefaultTenant",
    folder: "Shared",
    name: "DuKey",
    valueType: "Secret",
    value: du.apiKey,
});
export const assetFingerprint: pulumi.Output<string> = asset.valueFingerprint;

const key: pulumi.Output<string> = access.userKey;
const fingerprints: pulumi.Output<string>[] = [access.keyFingerprint, du.keyFingerprint, cv.keyFingerprint];
export const dueAt = du.rotationDueAt;
export const all = pulumi.all([key, ...fingerprints, access.tenantName, cv.apiKey]).apply((values) => values.length);
export const isUiPathError = (err: unknown): boolean => err instanceof UiPathError && typeof err.code === "string";
