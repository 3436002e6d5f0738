/**
 * productApiKeys.test.ts: a key of the stack's organization and one of the emulator's second
 * organization (retired-org), reached through `test:secondBaseUrl` and `test:secondClientSecret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const main = new DocumentUnderstandingApiKey("main-org", {});
const second = new DocumentUnderstandingApiKey("second-org", {
    connection: {
        baseUrl: config.require("secondBaseUrl"),
        organization: "retired-org",
        clientId: "retired-client",
        clientSecret: config.requireSecret("secondClientSecret"),
    },
});
export const mainKey = main.apiKey;
export const secondKey = second.apiKey;
