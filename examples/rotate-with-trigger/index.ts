/**
 * Rotation on request: the user key is regenerated when the `rotation` config
 * value changes, and only then. `pulumi preview` shows the replacement before
 * anything happens; `pulumi up` regenerates once.
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";

const config = new pulumi.Config();

const access = new OrchestratorApiAccess("orchestrator", {
    tenant: config.get("tenant") ?? "DefaultTenant",
    // Any string: a date, a quarter, a ticket number. Changing it asks for a new key.
    rotationTrigger: config.require("rotation"),
});

/** Changes when the key changes; safe to print (16 hex digits of the key's SHA-256). */
export const keyFingerprint = access.keyFingerprint;
export const rotatedAt = access.rotatedAt;
