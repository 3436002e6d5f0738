/**
 * duplicateKeys.test.ts: one resource per key, each rotated by its own trigger
 * (`test:duTrigger`, `test:orchestratorTrigger`); `test:duplicate` adds a second resource for
 * one of the keys, with a rotation asked for.
 */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey, OrchestratorApiAccess } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
new DocumentUnderstandingApiKey("du-main", { rotationTrigger: cfg.require("duTrigger") });
new OrchestratorApiAccess("orch-main", {
    tenant: "DefaultTenant",
    rotationTrigger: cfg.require("orchestratorTrigger"),
});

switch (cfg.get("duplicate")) {
    case "documentUnderstanding":
        // A second Document Understanding key for the organization.
        new DocumentUnderstandingApiKey("du-copy", { rotationTrigger: "b" });
        break;
    case "tenantInAnotherCase":
        // The same tenant and service, in another case.
        new OrchestratorApiAccess("orch-copy", {
            tenant: "defaulttenant",
            service: "Orchestrator",
            rotationTrigger: "b",
        });
        break;
}
