/**
 * federatedCredential.test.ts, stack one (an administrator's): a rotator application that signs in
 * without a secret through a federated credential, and the service application whose secrets it rotates.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication, FederatedCredential } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");

const rotator = new ExternalApplication("rotator", {
    name: "ci-rotator",
    applicationScopes: ["PM.OAuthApp"],
    firstSecret: false,
});
const service = new ExternalApplication("service", {
    name: "service-app",
    applicationScopes: ["OR.Assets"],
    firstSecret: false,
});
const github = new FederatedCredential("github-main", {
    clientId: rotator.clientId,
    name: config.get("credentialName") ?? "github-main",
    issuer: config.require("issuer"),
    audience: config.require("audience"),
    subject: config.require("subject"),
});

export const rotatorClientId = rotator.clientId;
export const serviceClientId = service.clientId;
export const credentialId = github.credentialId;
