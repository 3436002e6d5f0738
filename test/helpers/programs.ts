/**
 * Test programs live as files in test/programs, inside `npm run typecheck`. A test names one;
 * values it varies come from stack config under `test:` (read with `new pulumi.Config("test")`).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const programsDir = path.join(__dirname, "..", "programs");

/** The TypeScript source of test/programs/<name>.ts. */
export function programSource(name: string): string {
    return fs.readFileSync(path.join(programsDir, `${name}.ts`), "utf8");
}
