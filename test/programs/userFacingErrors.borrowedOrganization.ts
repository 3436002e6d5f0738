/** userFacingErrors.test.ts: another organization named without credentials of its own. */
import { ComputerVisionApiKey } from "pulumi-uipath-keys";

new ComputerVisionApiKey("borrowing", { connection: { organization: "someone-elses-org" } });
