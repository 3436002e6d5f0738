/** errors.test.ts: a misspelled input, which the provider names with the spelling it expected. */
import { OrchestratorApiAccess } from "pulumi-uipath-keys";

const a = new OrchestratorApiAccess("orchestrator", {
    tenant: "DefaultTenant",
    // @ts-expect-error -- misspelled on purpose (rotationTrigger): the provider must name it.
    rotationTriger: "x",
});
export const key = a.userKey;
