/**
 * federatedCredential.test.ts, stack two (a CI job's): signs in with nothing but a client assertion
 * and rotates the service application's secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplicationSecret } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");

const secret = new ExternalApplicationSecret("service-secret", {
    clientId: config.require("serviceClientId"),
    rotationTrigger: config.require("trigger"),
});

export const secretId = secret.secretId;
