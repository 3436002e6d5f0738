/** errors.test.ts: three inputs the provider refuses before any API call. */
import { OrchestratorApiAccess } from "pulumi-uipath-keys";

const a = new OrchestratorApiAccess("orchestrator", {
    tenant: "not a tenant!",
    rotateAfter: "soon",
    // @ts-expect-error -- a string where a boolean belongs, as a JavaScript program could pass it; the provider must refuse it.
    revokeOnDelete: "yes",
});
export const key = a.userKey;
