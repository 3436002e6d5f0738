/** userFacingErrors.test.ts: a connection's own allowInsecureHttp: true for plain http to a host name. */
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

new DocumentUnderstandingApiKey("insecure", {
    connection: {
        baseUrl: "http://uipath.example.com",
        organization: "demo-org",
        accessToken: "made-up-token",
        allowInsecureHttp: true,
    },
});
