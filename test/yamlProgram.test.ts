/**
 * A YAML program (test/programs-yaml/Pulumi.yaml) through the real engine, the YAML language
 * host built from Go modules (scripts/toolchain) and the provider plugin: create, rotate by
 * trigger, refresh with drift and destroy a key, an application with its secret and an asset.
 */
import { it } from "node:test";
import * as fs from "node:fs";
import { runLifecycle, yamlProgramFile } from "./helpers/otherLanguages";
import { SCENARIO_TIMEOUT_MS } from "./helpers/steps";

it(
    "a YAML program creates, rotates, refreshes with drift and destroys a key, an application with its secret and an asset",
    { timeout: SCENARIO_TIMEOUT_MS },
    () => runLifecycle(() => fs.readFileSync(yamlProgramFile, "utf8")),
);
