/** `npm run toolchain`: finds or builds the Pulumi toolchain and says which one is used. */
import { ensureToolchain } from "./toolchain";

ensureToolchain().then(
    (t) => process.stderr.write(`[toolchain] using ${t.binDir} (${t.source})\n`),
    (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    },
);
