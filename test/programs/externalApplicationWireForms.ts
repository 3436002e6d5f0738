/**
 * externalApplicationWireForms.test.ts: an application with both scope lists and a managed
 * secret rotated by `test:rotationTrigger`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication, ExternalApplicationSecret } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
const app = new ExternalApplication("app", {
    name: "wire-forms",
    redirectUri: "https://app.example.com/callback",
    applicationScopes: ["OR.Jobs.Read", "PM.OAuthApp.Read"],
    userScopes: ["OR.Jobs.Read", "OR.Users.Read"],
    firstSecret: false,
});
const secret = new ExternalApplicationSecret("secret", {
    clientId: app.clientId,
    rotationTrigger: cfg.require("rotationTrigger"),
});
export const clientId = app.clientId;
export const secretValue = secret.secret;
export const secretId = secret.secretId;
