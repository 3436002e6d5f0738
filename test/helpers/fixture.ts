/**
 * An emulator on a free port plus a throwaway stack configured to use it
 * with the demo external application: what most integration tests start from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { Api, DEMO } from "../emulator/helpers";
import { TestStack, type TestStackOptions } from "./stack";

export { DEMO };

export interface Fixture {
    emulator: Emulator;
    api: Api;
    stack: TestStack;
    dispose(): Promise<void>;
}

/** Stack config that points the provider at the emulator with the demo app's credentials. */
export function emulatorConfig(url: string): NonNullable<TestStackOptions["config"]> {
    return {
        "uipath:baseUrl": url,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        "uipath:clientSecret": { secret: DEMO.clientSecret },
    };
}

export async function withKeysStack(
    program: string,
    options: { emulator?: EmulatorOptions; config?: TestStackOptions["config"]; env?: Record<string, string> } = {},
): Promise<Fixture> {
    const emulator = await startEmulator(options.emulator);
    let stack: TestStack;
    try {
        stack = await TestStack.create({
            program,
            config: { ...emulatorConfig(emulator.url), ...options.config },
            env: { UIPATH_HTTP_TIMEOUT_MS: "5000", ...options.env },
        });
    } catch (err) {
        // A server left listening would keep the test process alive.
        await emulator.close();
        throw err;
    }
    return {
        emulator,
        api: new Api(emulator.url),
        stack,
        async dispose() {
            try {
                await stack.dispose();
            } finally {
                await emulator.close();
            }
        },
    };
}

/**
 * A dependent that consumes a key, like a CI secret store: a dynamic resource
 * that writes the value it receives to a file. Paste into a test program.
 */
export const consumerSource = `
import * as fs from "fs";
const secretStore: pulumi.dynamic.ResourceProvider = {
    async create(inputs: { file: string; value: string }) {
        fs.writeFileSync(inputs.file, inputs.value);
        return { id: inputs.file, outs: { file: inputs.file, value: inputs.value } };
    },
    async update(_id: string, _olds: unknown, news: { file: string; value: string }) {
        fs.writeFileSync(news.file, news.value);
        return { outs: { file: news.file, value: news.value } };
    },
    async delete(_id: string, props: { file: string }) {
        fs.rmSync(props.file, { force: true });
    },
};
class SecretStoreEntry extends pulumi.dynamic.Resource {
    constructor(name: string, args: { file: string; value: pulumi.Input<string> }) {
        super(secretStore, name, args, { additionalSecretOutputs: ["value"] }, "test", "SecretStoreEntry");
    }
}
`;

/** Reads what the consumer stored, or undefined. */
export function readStored(stack: TestStack, file: string): string | undefined {
    const full = path.join(stack.dir, file);
    return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
}
