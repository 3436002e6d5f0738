/** errors.test.ts: a key asked for with the token of a user who is not an Organization Administrator. */
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

new DocumentUnderstandingApiKey("du", {
    connection: { organization: "demo-org", accessToken: process.env.VIEWER_PAT },
});
