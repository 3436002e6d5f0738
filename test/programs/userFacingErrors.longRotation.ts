/** userFacingErrors.test.ts: a rotation period of 270,000 years. */
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

new DocumentUnderstandingApiKey("forever", { rotateAfter: "99999999999d" });
