/** goneTenant.test.ts: a key of the tenant the test deletes (Doomed) and a product key, both revoked on delete. */
import { DocumentUnderstandingApiKey, OrchestratorApiAccess } from "pulumi-uipath-keys";

new OrchestratorApiAccess("doomed", { tenant: "Doomed", revokeOnDelete: true });
new DocumentUnderstandingApiKey("du", { revokeOnDelete: true });
