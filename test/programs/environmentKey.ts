/**
 * teamStackReference.test.ts: one stack per environment, each owning the Orchestrator user key of
 * its environment's tenant (`test:tenant`); `test:trigger` rotates it.
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const access = new OrchestratorApiAccess("orchestrator", {
    tenant: config.require("tenant"),
    rotationTrigger: config.get("trigger"),
});
export const userKey = access.userKey;
export const keyFingerprint = access.keyFingerprint;
