/** userFacingErrors.test.ts: a misspelled input. */
import { ComputerVisionApiKey } from "pulumi-uipath-keys";

// @ts-expect-error -- misspelled on purpose (rotationTrigger): preview must name it and the spelling it expected.
new ComputerVisionApiKey("typo", { rotationTriger: "2027" });
