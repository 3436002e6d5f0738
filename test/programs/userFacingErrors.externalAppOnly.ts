/** userFacingErrors.test.ts: a program holding only an external application and its secret. */
import { ExternalApplication, ExternalApplicationSecret } from "pulumi-uipath-keys";

const app = new ExternalApplication("app", { name: "ci", applicationScopes: ["OR.Jobs.Read"], firstSecret: false });
new ExternalApplicationSecret("app-secret", { clientId: app.clientId });
