/**
 * rotateCommand.test.ts: a user key due after 30 days, consumed by a secret store entry, beside
 * an application's secret that expires after 60 days with no renewBefore (nothing rotates it
 * before it expires).
 */
import { ExternalApplication, ExternalApplicationSecret, OrchestratorApiAccess } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const access = new OrchestratorApiAccess("orchestrator", { tenant: "DefaultTenant", rotateAfter: "30d" });
new SecretStoreEntry("ci-user-key", { file: "stored-user-key", value: access.userKey });
const app = new ExternalApplication("ci-app", { name: "ci-runner", applicationScopes: ["OR.Jobs.Read"] });
new ExternalApplicationSecret("ci-secret", { clientId: app.clientId, expiresAfter: "60d" });

export const keyFingerprint = access.keyFingerprint;
