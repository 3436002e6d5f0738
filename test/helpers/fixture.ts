/**
 * An emulator on a free port plus a throwaway stack configured to use it with the demo
 * external application: what every key test starts from. Each test builds its own with
 * {@link withKeysStack} and gets, on the way out, a secret scan of everything the stack showed,
 * a removed folder and a closed emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions, type IssuedSecret } from "../../emulator";
import { Api, DEMO } from "../emulator/helpers";
import { assertNoLeaks } from "./secretScan";
import { TestStack, type TestStackOptions } from "./stack";

export { DEMO };

/**
 * Per-request timeout the provider gets in tests (its default is 30 s): short enough that an
 * emulator that stopped answering fails the step quickly, long enough for a loaded machine.
 */
export const PROVIDER_HTTP_TIMEOUT_MS = "5000";

export interface Fixture {
    emulator: Emulator;
    api: Api;
    stack: TestStack;
    /** Also scan for a secret the test made up itself (a wrong client secret it configured, say). */
    addSecret(value: string, what: string): void;
    /** Every secret scanned for at the end: the emulator's, then the test's own. */
    secrets(): IssuedSecret[];
}

export interface KeysStackOptions {
    emulator?: EmulatorOptions;
    config?: TestStackOptions["config"];
    /** Keys of {@link emulatorConfig} to leave out (a stack that signs in another way leaves out `uipath:clientSecret`). */
    omitConfig?: string[];
    env?: Record<string, string>;
}

/** Stack config that points the provider at the emulator with the demo app's credentials. */
export function emulatorConfig(url: string): NonNullable<TestStackOptions["config"]> {
    return {
        "uipath:baseUrl": url,
        // The product hosts have defaults only on Automation Cloud and Public Sector; the emulator serves them at its root.
        "uipath:duUrl": url,
        "uipath:cvUrl": url,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        "uipath:clientSecret": { secret: DEMO.clientSecret },
    };
}

/**
 * Runs `test` against a fresh emulator and stack, then scans every command's output and every
 * `stack export` for secrets (failing with where each appeared), removes the stack's folder and
 * closes the emulator (what the stack still holds goes with it: see {@link TestStack.dispose}). A failure of `test` itself wins over a leak found afterwards.
 */
export async function withKeysStack(
    program: string,
    options: KeysStackOptions,
    test: (f: Fixture) => Promise<void>,
): Promise<void>;
export async function withKeysStack(program: string, test: (f: Fixture) => Promise<void>): Promise<void>;
export async function withKeysStack(
    program: string,
    optionsOrTest: KeysStackOptions | ((f: Fixture) => Promise<void>),
    maybeTest?: (f: Fixture) => Promise<void>,
): Promise<void> {
    const options = typeof optionsOrTest === "function" ? {} : optionsOrTest;
    const test = typeof optionsOrTest === "function" ? optionsOrTest : maybeTest!;
    const emulator = await startEmulator(options.emulator);
    let stack: TestStack;
    try {
        stack = await TestStack.create({
            program,
            config: Object.fromEntries(
                Object.entries({ ...emulatorConfig(emulator.url), ...options.config }).filter(
                    ([key]) => !options.omitConfig?.includes(key),
                ),
            ),
            env: { UIPATH_HTTP_TIMEOUT_MS: PROVIDER_HTTP_TIMEOUT_MS, ...options.env },
        });
    } catch (err) {
        // A server left listening would keep the test process alive.
        await emulator.close();
        throw err;
    }
    const own = new Map<string, string>();
    const f: Fixture = {
        emulator,
        api: new Api(emulator.url),
        stack,
        addSecret: (value, what) => void own.set(value, what),
        secrets: () => [...emulator.secretsEverIssued(), ...[...own].map(([value, what]) => ({ value, what }))],
    };
    let failed = true;
    try {
        await test(f);
        failed = false;
    } finally {
        try {
            if (!failed) assertNoLeaks(stack.transcript(), f.secrets());
        } finally {
            await stack.dispose();
            await emulator.close();
        }
    }
}

/** Reads what the consumer (test/programs/consumer.ts) stored, or undefined. */
export function readStored(stack: TestStack, file: string): string | undefined {
    const full = path.join(stack.dir, file);
    return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
}
