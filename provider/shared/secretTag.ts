/**
 * The tag an `ExternalApplicationSecret` writes into the description of the
 * secrets it generates, from the parts of its URN, so a rerun after a crash
 * finds them. The program-side class computes it from the program's project,
 * stack and resource name; the provider plugin, which has no class, from the
 * URN `check` receives. Same parts, same tag: either path finds the other's secrets.
 */
import { createHash } from "node:crypto";

export function secretTagFor(project: string, stack: string, name: string): string {
    return createHash("sha256").update(`${project}/${stack}/${name}`).digest("hex").slice(0, 16);
}
