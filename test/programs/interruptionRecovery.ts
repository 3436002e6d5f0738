/** interruptionRecovery.test.ts: a Computer Vision key rotated by `test:rotationTrigger`, consumed by a secret store entry. */
import * as pulumi from "@pulumi/pulumi";
import { ComputerVisionApiKey } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const cfg = new pulumi.Config("test");
const cv = new ComputerVisionApiKey("cv", { rotationTrigger: cfg.require("rotationTrigger") });
new SecretStoreEntry("ci-secret", { file: "stored-cv-key", value: cv.apiKey });
export const cvKey = cv.apiKey;
