/**
 * `npm run toolchain`: finds or builds the Pulumi toolchain and says which one is used, then
 * builds the Go programs the tests run (with the Go SDK generated from schema.json).
 */
import { ensureGoProgram, testGoPrograms } from "./goSdk";
import { ensureToolchain } from "./toolchain";

async function main(): Promise<void> {
    const t = await ensureToolchain();
    process.stderr.write(`[toolchain] using ${t.binDir}${t.hostDirs.map((d) => ` + ${d}`).join("")} (${t.source})\n`);
    for (const program of testGoPrograms) await ensureGoProgram(program);
}

main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
