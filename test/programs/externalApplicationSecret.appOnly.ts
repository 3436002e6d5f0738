/** externalApplicationSecret.test.ts: the application alone, its managed secret removed from the program. */
import { ExternalApplication } from "pulumi-uipath-keys";

new ExternalApplication("app", { name: "ci-runner", applicationScopes: ["OR.Jobs.Read"], firstSecret: true });
