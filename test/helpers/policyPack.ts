/**
 * The shipped policy pack (`policy-pack/`) next to a test stack, as a user's project has it under
 * `node_modules/pulumi-uipath-keys/policy-pack`: its files copied, its dependencies (this
 * package among them) resolved through the stack's linked node_modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/toolchain";
import type { TestStack } from "./stack";

/** Copies the pack into the stack's folder; returns the path `--policy-pack` takes (its analyzer script). */
export function installPolicyPack(stack: TestStack): string {
    const dir = path.join(stack.dir, "policy-pack");
    fs.cpSync(path.join(repoRoot, "policy-pack"), dir, { recursive: true });
    fs.symlinkSync(path.join(stack.dir, "node_modules"), path.join(dir, "node_modules"));
    return path.join(dir, "analyzer");
}

/** Writes a `--policy-pack-config` file into the stack's folder; returns its path. */
export function writePolicyConfig(stack: TestStack, name: string, config: Record<string, unknown>): string {
    const file = path.join(stack.dir, `${name}.policy-config.json`);
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
}
