/** userFacingErrors.test.ts: one Document Understanding key; `test:revokeOnDelete` and `test:verify` from stack config. */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
const du = new DocumentUnderstandingApiKey("du", {
    revokeOnDelete: cfg.getBoolean("revokeOnDelete"),
    verify: cfg.getBoolean("verify"),
});
export const key = du.apiKey;
