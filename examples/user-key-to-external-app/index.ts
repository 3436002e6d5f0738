/**
 * From an Orchestrator user key to an external application, in three
 * `pulumi up`s driven by the `phase` setting (see README.md): the consumer
 * always holds working credentials, and the user key is revoked at the end.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    clientCredentials,
    ExternalApplication,
    ExternalApplicationSecret,
    OrchestratorApiAccess,
} from "pulumi-uipath-keys";
import { SecretSink } from "./secretSink";

const phases = ["user-key", "both", "external-app"] as const;
type Phase = (typeof phases)[number];

const config = new pulumi.Config();
const phase = (config.get("phase") ?? "user-key") as Phase;
if (!phases.includes(phase)) throw new Error(`phase: expected one of ${phases.join(", ")}, got '${phase}'`);

// Before: the user key. In phase `both`, revokeOnDelete is recorded in state, so that
// removing the resource in phase `external-app` regenerates (revokes) the key.
const userKey =
    phase === "external-app"
        ? undefined
        : new OrchestratorApiAccess("orchestrator", {
              tenant: config.get("tenant") ?? "DefaultTenant",
              revokeOnDelete: phase === "both",
          });

// After: an application with the Orchestrator scopes the consumer needs, and a secret that rotates without downtime.
const app =
    phase === "user-key"
        ? undefined
        : new ExternalApplication("orchestrator-client", {
              name: "Orchestrator client",
              applicationScopes: ["OR.Jobs", "OR.Queues.Read"],
              firstSecret: false,
          });
const secret =
    app && new ExternalApplicationSecret("orchestrator-client-secret", { clientId: app.clientId, rotateAfter: "90d" });

const settings: pulumi.Output<string> =
    app && secret
        ? clientCredentials(app, secret).apply((c) => JSON.stringify({ auth: "clientCredentials", ...c }))
        : pulumi
              .all([userKey!.userKey, userKey!.accountLogicalName, userKey!.tenantName, userKey!.clientId])
              .apply(([key, account, tenant, clientId]) =>
                  JSON.stringify({ auth: "userKey", userKey: key, account, tenant, clientId }),
              );
const consumer = new SecretSink("orchestrator-consumer", settings);

export const consumerAuth = app ? "clientCredentials" : "userKey";
export const consumerReceived = consumer.receivedFingerprint;
export const userKeyFingerprint = userKey?.keyFingerprint;
export const applicationClientId = app?.clientId;
