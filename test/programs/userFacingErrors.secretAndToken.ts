/** userFacingErrors.test.ts: a connection with both a client secret and an access token (made up). */
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

new DocumentUnderstandingApiKey("both", {
    connection: {
        organization: "demo-org",
        clientId: "app",
        clientSecret: "made-up-secret",
        accessToken: "made-up-token",
    },
});
