/**
 * A Go program (test/programs-go) on the Go SDK generated from schema.json, through the real
 * engine, the Go language host built from Go modules (scripts/toolchain) and the provider
 * plugin: create, rotate by trigger, refresh with drift and destroy a key, an application with
 * its secret and an asset. `npm run toolchain` builds the program before the tests, so the
 * host's build at each `up` comes from the Go build cache; here that build is only looked up.
 */
import { it } from "node:test";
import { ensureGoProgram, testGoPrograms } from "../scripts/goSdk";
import { goProjectFile, runLifecycle } from "./helpers/otherLanguages";
import { SCENARIO_TIMEOUT_MS } from "./helpers/steps";

const programDir = testGoPrograms[0]!;

it(
    "a Go program creates, rotates, refreshes with drift and destroys a key, an application with its secret and an asset",
    { timeout: SCENARIO_TIMEOUT_MS },
    async () => {
        await ensureGoProgram(programDir);
        await runLifecycle((stackDir) => goProjectFile(stackDir, programDir));
    },
);
