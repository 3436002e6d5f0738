/** Rewrites the generated route table of emulator/README.md from the routes' fidelity records. */
import fs from "node:fs";
import path from "node:path";
import { withFidelityTable } from "../emulator/fidelityTable";

const file = path.join(__dirname, "..", "emulator", "README.md");
const before = fs.readFileSync(file, "utf8");
const after = withFidelityTable(before);
if (after !== before) fs.writeFileSync(file, after);
console.log(
    after === before
        ? "emulator/README.md: route table already up to date"
        : "emulator/README.md: route table rewritten",
);
