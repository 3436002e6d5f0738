/** productApiKeys.test.ts: a verified Document Understanding key rotated every 30 days, and a Computer Vision key. */
import { ComputerVisionApiKey, DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

const du = new DocumentUnderstandingApiKey("du", { rotateAfter: "30d", verify: true });
const cv = new ComputerVisionApiKey("cv", {});
export const duKey = du.apiKey;
export const duDueAt = du.rotationDueAt;
export const cvKey = cv.apiKey;
