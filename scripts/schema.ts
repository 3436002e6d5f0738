/** `npm run schema`: writes the provider plugin's package schema to schema.json (see schema/generate.ts). */
import * as fs from "node:fs";
import * as path from "node:path";
import { schemaText } from "./schema/generate";

const target = path.join(__dirname, "..", "schema.json");
fs.writeFileSync(target, schemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
