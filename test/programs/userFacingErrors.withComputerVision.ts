/** userFacingErrors.test.ts: the Document Understanding key updated (verify: false) and a Computer Vision key created. */
import { ComputerVisionApiKey, DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

const du = new DocumentUnderstandingApiKey("du", { revokeOnDelete: true, verify: false });
export const key = du.apiKey;
new ComputerVisionApiKey("cv", {});
