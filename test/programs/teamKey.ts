/**
 * team.test.ts: the organization's Computer Vision key, managed by one stack that several runners
 * share. `test:trigger` and `test:rotateAfter` are what the runners change.
 */
import * as pulumi from "@pulumi/pulumi";
import { ComputerVisionApiKey } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const cv = new ComputerVisionApiKey("cv", {
    rotationTrigger: config.get("trigger"),
    rotateAfter: config.get("rotateAfter"),
});
export const cvKey = cv.apiKey;
