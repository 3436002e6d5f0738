/**
 * The published type declarations, as a user's compiler sees them: a fresh
 * project with the packed tarball, `@pulumi/pulumi` and `@types/node`,
 * type-checked without skipLibCheck under today's `pulumi new typescript`
 * tsconfig and under the older commonjs/node one most existing repos have.
 * The examples are checked in the same programs, against the tarball.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { runProcess } from "../../scripts/process";
import { repoRoot } from "../../scripts/toolchain";
import { programSource } from "../helpers/programs";
import { consumerProject, packedInstall } from "./packed";

const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");

/** `pulumi new typescript` today (pulumi/templates, typescript/tsconfig.json). */
const currentTemplate = {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "nodenext",
    moduleResolution: "nodenext",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: false,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
};
/** The template before 2026, still in most Pulumi TypeScript repositories. */
const legacyTemplate = { ...currentTemplate, module: "commonjs", moduleResolution: "node" };

/** Uses every public name, so each declaration file behind them is checked (only type-checked, never run). */
const consumerProgram = programSource("consumerTypes");

/** Every example's TypeScript files, copied into the consumer project. */
function copyExamples(into: string): string[] {
    const files: string[] = [];
    const examples = path.join(repoRoot, "examples");
    for (const name of fs.readdirSync(examples)) {
        const dir = path.join(examples, name);
        // The demo is run from this repository by `npm run demo`, not from the tarball.
        if (name === "demo" || !fs.existsSync(path.join(dir, "Pulumi.yaml"))) continue;
        fs.cpSync(dir, path.join(into, "examples", name), {
            recursive: true,
            filter: (src) => !src.includes("node_modules"),
        });
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts")))
            files.push(path.join("examples", name, file));
    }
    return files;
}

async function typecheck(
    dir: string,
    name: string,
    compilerOptions: object,
    files: string[],
): Promise<{ ok: boolean; output: string }> {
    fs.writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files }, null, 2));
    const result = await runProcess(process.execPath, [tsc, "-p", `tsconfig.${name}.json`, "--noEmit", "--listFiles"], {
        cwd: dir,
        allowFailure: true,
    });
    return { ok: result.code === 0, output: result.output };
}

describe("published types in a consumer project", { timeout: 600_000 }, () => {
    for (const [name, options] of [
        ["current pulumi new (nodenext)", currentTemplate],
        ["legacy commonjs/node", legacyTemplate],
    ] as const) {
        it(`type-check without skipLibCheck under the ${name} tsconfig and load neither got nor zod`, async () => {
            const install = await packedInstall();
            const dir = consumerProject(install, "uipath-keys-consumer");
            try {
                fs.writeFileSync(
                    path.join(dir, "package.json"),
                    JSON.stringify({ name: "consumer", private: true, main: "index.ts" }),
                );
                fs.writeFileSync(path.join(dir, "index.ts"), consumerProgram);
                const files = ["index.ts", ...copyExamples(dir)];
                const result = await typecheck(dir, name.split(" ")[0]!, options, files);
                const errors = result.output.split("\n").filter((line) => /error TS\d+/.test(line));
                assert.ok(result.ok, `tsc failed:\n${errors.join("\n") || result.output}`);
                // --listFiles names every file in the program: the package's public types reach no got or zod.
                const loaded = result.output.split("\n").filter((line) => line.includes("/node_modules/"));
                assert.ok(
                    loaded.some((f) => f.includes("/node_modules/pulumi-uipath-keys/dist/index.d.ts")),
                    "the package's types were not loaded",
                );
                assert.deepEqual(
                    loaded.filter((f) => /\/node_modules\/(got|zod|@sindresorhus)\//.test(f)),
                    [],
                    "got or zod types are reachable from the package entry",
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    }
});
