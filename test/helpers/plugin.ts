/**
 * What the provider plugin's engine tests share: a stack whose `uipath-keys` plugin is this
 * checkout's (`bin/pulumi-resource-uipath-keys`, running `dist/`: build first), found through
 * Pulumi.yaml `plugins.providers` as README's "Other languages" tells users, and the plugin's
 * config pointing at the emulator under `uipath-keys:` (no `uipath:` config at all).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/toolchain";
import { DEMO, emulatorConfig } from "./fixture";
import type { TestStack, TestStackOptions } from "./stack";

/** The folder holding the plugin's executable. */
export const pluginDir = path.join(repoRoot, "bin");

/** Adds the plugin to the stack's project (Pulumi.yaml `plugins: providers:`). */
export function usePluginFromCheckout(stack: TestStack): void {
    const file = path.join(stack.dir, "Pulumi.yaml");
    fs.appendFileSync(file, `plugins:\n  providers:\n    - name: uipath-keys\n      path: ${pluginDir}\n`);
}

/** The emulator's connection as the plugin's config: `uipath-keys:<key>`, the same keys as `uipath:`. */
export function pluginConfig(url: string): NonNullable<TestStackOptions["config"]> {
    return Object.fromEntries(
        Object.entries(emulatorConfig(url)).map(([key, value]) => [key.replace(/^uipath:/, "uipath-keys:"), value]),
    );
}

/** Every `uipath:` key {@link emulatorConfig} sets, for `withKeysStack`'s `omitConfig`. */
export const dynamicConfigKeys = Object.keys(emulatorConfig("http://unused")).filter((k) => k.startsWith("uipath:"));

export { DEMO };
