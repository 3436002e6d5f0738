/**
 * The real Pulumi engine runs a trivial dynamic resource through its whole
 * life: preview, up, update, refresh, destroy. Its "cloud" is a JSON file, so
 * refresh has something outside Pulumi to read.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";
import { TestStack } from "./helpers/stack";
import { resourceNamed } from "./helpers/state";
import { step } from "./helpers/steps";

const program = (greeting: string) => `
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";

interface Inputs { greeting: string; file: string }

const provider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: Inputs) {
        fs.writeFileSync(inputs.file, JSON.stringify({ message: inputs.greeting + ", world" }));
        return { id: "greeting-1", outs: { ...inputs, message: inputs.greeting + ", world" } };
    },
    async update(_id: string, _olds: Inputs, news: Inputs) {
        fs.writeFileSync(news.file, JSON.stringify({ message: news.greeting + ", world" }));
        return { outs: { ...news, message: news.greeting + ", world" } };
    },
    async read(id: string, props: Inputs & { message: string }) {
        const { message } = JSON.parse(fs.readFileSync(props.file, "utf8"));
        return { id, props: { ...props, message } };
    },
    async delete(_id: string, props: Inputs) {
        fs.rmSync(props.file, { force: true });
    },
};

class Greeting extends pulumi.dynamic.Resource {
    declare readonly message: pulumi.Output<string>;
    constructor(name: string, args: { greeting: string; file: string }) {
        super(provider, name, { ...args, message: undefined }, undefined, "smoke", "Greeting");
    }
}

const g = new Greeting("hello", { greeting: ${JSON.stringify(greeting)}, file: ${JSON.stringify("WORLD_FILE")} });
export const message = g.message;
`;

/** Time for the whole scenario: six CLI runs, each starting Node programs on a possibly loaded machine. */
const SCENARIO_TIMEOUT_MS = 300_000;

it(
    "the real Pulumi engine runs a dynamic resource through preview, create, update, refresh and destroy",
    { timeout: SCENARIO_TIMEOUT_MS },
    async () => {
        const stack = await TestStack.create({ program: "" });
        try {
            const worldFile = path.join(stack.dir, "world.json");
            const source = (greeting: string) => program(greeting).replace('"WORLD_FILE"', JSON.stringify(worldFile));
            stack.writeProgram(source("Hello"));

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
                stack.writeProgram(source("Goodbye"));
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
