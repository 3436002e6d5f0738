/**
 * rotationSchedule.test.ts: two product keys paired in one rotation group with a nightly window,
 * and an external application's secret without one; `test:trigger` rotates the Document
 * Understanding key and the secret.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    ComputerVisionApiKey,
    DocumentUnderstandingApiKey,
    ExternalApplication,
    ExternalApplicationSecret,
} from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const trigger = config.get("trigger") ?? "a";
// 02:00 to 04:00 UTC every day.
const rotationWindow = { cron: "0 2 * * *", duration: "2h" };

const du = new DocumentUnderstandingApiKey("du", {
    rotateAfter: "30d",
    rotationTrigger: trigger,
    rotationWindow,
    rotationGroup: "pair",
});
const cv = new ComputerVisionApiKey("cv", { rotateAfter: "30d", rotationWindow, rotationGroup: "pair" });
const app = new ExternalApplication("app", {
    name: "ci-runner",
    applicationScopes: ["OR.Jobs.Read"],
    firstSecret: false,
});
const secret = new ExternalApplicationSecret("secret", {
    clientId: app.clientId,
    rotateAfter: "30d",
    rotationTrigger: trigger,
});

export const duFingerprint = du.keyFingerprint;
export const cvFingerprint = cv.keyFingerprint;
export const duHistory = du.rotationHistory;
export const cvHistory = cv.rotationHistory;
export const secretId = secret.secretId;
export const secretHistory = secret.rotationHistory;
