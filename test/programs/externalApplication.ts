/**
 * externalApplication.test.ts: one external application. Its name, scopes (JSON lists) and
 * firstSecret come from stack config: `test:name`, `test:applicationScopes`, `test:userScopes`,
 * `test:firstSecret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
const app = new ExternalApplication("app", {
    name: cfg.require("name"),
    applicationScopes: cfg.getObject<string[]>("applicationScopes"),
    userScopes: cfg.getObject<string[]>("userScopes"),
    firstSecret: cfg.getBoolean("firstSecret"),
});
export const clientId = app.clientId;
export const secret = app.secret;
export const tokenUrl = app.tokenUrl;
