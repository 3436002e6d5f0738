/** drift.test.ts: an API access key consumed by a secret store entry. */
import { OrchestratorApiAccess } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const access = new OrchestratorApiAccess("orchestrator", { tenant: "DefaultTenant", revokeOnDelete: true });
new SecretStoreEntry("ci-secret", { file: "stored-user-key", value: access.userKey });
export const userKey = access.userKey;
export const rotatedAt = access.rotatedAt;
export const keyFingerprint = access.keyFingerprint;
