/** interruption.test.ts: a Computer Vision key rotated by `test:rotationTrigger`. */
import * as pulumi from "@pulumi/pulumi";
import { ComputerVisionApiKey } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
const cv = new ComputerVisionApiKey("cv", { rotationTrigger: cfg.require("rotationTrigger") });
export const cvKey = cv.apiKey;
