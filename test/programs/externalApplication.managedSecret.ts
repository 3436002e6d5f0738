/** externalApplication.test.ts: an application without its first secret, and a secret managed beside it. */
import { ExternalApplication, ExternalApplicationSecret } from "pulumi-uipath-keys";

const app = new ExternalApplication("app", { name: "ci", applicationScopes: ["OR.Jobs.Read"], firstSecret: false });
const s = new ExternalApplicationSecret("s", { clientId: app.clientId });
export const clientId = app.clientId;
export const secret = app.secret;
export const tokenUrl = app.tokenUrl;
export const managed = s.secret;
