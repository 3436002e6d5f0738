/** productApiKeys.test.ts: a Computer Vision key revoked on delete, rotated by `test:rotationTrigger`. */
import * as pulumi from "@pulumi/pulumi";
import { ComputerVisionApiKey } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
const cv = new ComputerVisionApiKey("cv", { rotationTrigger: cfg.require("rotationTrigger"), revokeOnDelete: true });
export const cvKey = cv.apiKey;
