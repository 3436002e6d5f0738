/**
 * The real Pulumi engine runs a trivial dynamic resource through its whole
 * life: preview, up, update, refresh, destroy. Its "cloud" is a JSON file, so
 * refresh has something outside Pulumi to read.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";
import { programSource } from "./helpers/programs";
import { TestStack } from "./helpers/stack";
import { resourceNamed } from "./helpers/state";
import { step } from "./helpers/steps";

/** A trivial dynamic resource; its greeting and file come from `test:` config. */
const program = programSource("engine-smoke");

/** Time for the whole scenario: six CLI runs, each starting Node programs on a possibly loaded machine. */
const SCENARIO_TIMEOUT_MS = 300_000;

it(
    "the real Pulumi engine runs a dynamic resource through preview, create, update, refresh and destroy",
    { timeout: SCENARIO_TIMEOUT_MS },
    async () => {
        const stack = await TestStack.create({ program, config: { "test:greeting": "Hello" } });
        try {
            const worldFile = path.join(stack.dir, "world.json");
            await stack.setConfig({ "test:file": worldFile });

            await step("reports the CLI version it runs", async () => {
                const { stdout } = await stack.pulumi(["version"]);
                assert.match(stdout.trim(), /^v3\.\d+\.\d+/);
            });

            await step("previews a create without running the provider", async () => {
                const { output } = await stack.preview();
                assert.match(output, /\+ pulumi-nodejs:dynamic\/smoke:Greeting: \(create\)/);
                assert.match(output, /\+ 2 to create/);
                assert.equal(fs.existsSync(worldFile), false, "preview must not call create");
            });

            await step("creates the resource on up and records it in state", async () => {
                await stack.up();
                assert.deepEqual(await stack.outputs(), { message: "Hello, world" });
                const { resources } = await stack.exportState();
                const greeting = resourceNamed(resources, "hello");
                assert.equal(greeting.type, "pulumi-nodejs:dynamic/smoke:Greeting");
                assert.equal(greeting.id, "greeting-1");
                assert.equal(greeting.outputs?.message, "Hello, world");
                assert.equal(
                    typeof greeting.inputs?.__provider,
                    "string",
                    "the serialized provider is stored with the inputs",
                );
                assert.deepEqual(JSON.parse(fs.readFileSync(worldFile, "utf8")), { message: "Hello, world" });
            });

            await step("updates in place when an input changes", async () => {
                await stack.setConfig({ "test:greeting": "Goodbye" });
                const { output } = await stack.up();
                assert.match(output, /~ 1 updated|1 updated/);
                assert.deepEqual(await stack.outputs(), { message: "Goodbye, world" });
                const { resources } = await stack.exportState();
                assert.equal(
                    resourceNamed(resources, "hello").id,
                    "greeting-1",
                    "same id: an update, not a replacement",
                );
            });

            await step("refresh reads the change made outside Pulumi into state", async () => {
                fs.writeFileSync(worldFile, JSON.stringify({ message: "changed by hand" }));
                await stack.refresh();
                const { resources } = await stack.exportState();
                assert.equal(resourceNamed(resources, "hello").outputs?.message, "changed by hand");
            });

            await step("destroy deletes the resource and empties the state", async () => {
                await stack.destroy();
                assert.equal(fs.existsSync(worldFile), false);
                const { resources } = await stack.exportState();
                assert.equal(resources.length, 0);
            });
        } finally {
            await stack.dispose();
        }
    },
);
