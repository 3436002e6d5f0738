/**
 * `uipath-rotation-max-age`: every key and client secret rotates at least every `maxAge`. A key
 * rotates by `rotateAfter`; a secret by `rotateAfter`, or by expiring (`expiresAfter`), renewed
 * `renewBefore` ahead (read from `provider/resources/keyArgs.ts` and
 * `externalApplicationSecret.ts`). `rotationTrigger` alone does not count: nothing makes it change.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { parseDurationMs } from "../runtime/lifecycle/rotation";
import { periodProperty, readConfig } from "./config";
import { kindOf, rotatingKinds } from "./resourceKinds";

const name = "uipath-rotation-max-age";
const period = z.string().regex(/^(\d+[smhdw])+$/, "expected a period such as 90d, 12h, 1h30m or 2w");
const settings = z.object({ maxAge: period }).strict();

/** How often a resource rotates at the longest, and the inputs that say so; undefined when nothing makes it rotate. */
function rotationPeriod(props: Record<string, unknown>): { ms: number; because: string } | undefined {
    const text = (key: string): string | undefined => (typeof props[key] === "string" ? props[key] : undefined);
    const candidates: { ms: number; because: string }[] = [];
    const rotateAfter = text("rotateAfter");
    if (rotateAfter) candidates.push({ ms: parseDurationMs(rotateAfter), because: `rotateAfter ${rotateAfter}` });
    const expiresAfter = text("expiresAfter");
    if (expiresAfter) {
        const renewBefore = text("renewBefore");
        candidates.push(
            renewBefore
                ? {
                      ms: parseDurationMs(expiresAfter) - parseDurationMs(renewBefore),
                      because: `expiresAfter ${expiresAfter} less renewBefore ${renewBefore}`,
                  }
                : { ms: parseDurationMs(expiresAfter), because: `expiresAfter ${expiresAfter}` },
        );
    }
    return candidates.sort((a, b) => a.ms - b.ms)[0];
}

/** See the module comment. Setting: `maxAge` (default `90d`). */
export const rotationMaxAge: ResourceValidationPolicy = {
    name,
    description: "Every UiPath key and client secret rotates at least every maxAge.",
    remediationSteps:
        "Set rotateAfter (keys and secrets), or expiresAfter with renewBefore (secrets), to at most maxAge.",
    configSchema: { properties: { maxAge: periodProperty("90d") } },
    validateResource: (args, reportViolation) => {
        const kind = kindOf(args.type);
        if (!kind || !rotatingKinds.includes(kind)) return;
        const { maxAge } = readConfig(name, settings, args.getConfig());
        const rotation = rotationPeriod(args.props);
        if (!rotation) {
            reportViolation(`${kind} '${args.name}' never rotates on its own: set rotateAfter to at most ${maxAge}.`);
        } else if (rotation.ms > parseDurationMs(maxAge)) {
            reportViolation(
                `${kind} '${args.name}' rotates only every ${rotation.because}, longer than the maximum age ${maxAge}.`,
            );
        }
    },
};
