/**
 * Secret marks on the wire between the engine and the plugin. The plugin's
 * `Configure` answers `acceptSecrets: true` (`@pulumi/pulumi/provider/server.js`),
 * so the engine sends secret values wrapped as
 * `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`
 * and keeps a value secret in state only when the plugin returns it wrapped the
 * same way (the signature constants: `specialSigKey` and `specialSecretSig` in
 * `@pulumi/pulumi/runtime/rpc.js`, 3.248.0). The runtime sees plain values; this
 * module takes the marks off on the way in and puts them back on the way out.
 */
import type { PropertyBag } from "../shared/loader";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Wraps a value as a secret for the engine. */
export function secret(value: unknown): unknown {
    return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

function unwrap(value: unknown): { value: unknown; secret: boolean } {
    if (isSecret(value)) return { value: unwrap(value.value).value, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(unwrap);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, unwrap(v)] as const);
        return {
            value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])),
            secret: entries.some(([, v]) => v.secret),
        };
    }
    return { value, secret: false };
}

/** The properties without secret marks, and the names of those that held a secret anywhere inside. */
export function withoutSecretMarks(props: PropertyBag | undefined): { plain: PropertyBag; secretNames: Set<string> } {
    const plain: PropertyBag = {};
    const secretNames = new Set<string>();
    for (const [name, raw] of Object.entries(props ?? {})) {
        const { value, secret: held } = unwrap(raw);
        plain[name] = value;
        if (held) secretNames.add(name);
    }
    return { plain, secretNames };
}

/** The properties with each named one (when present) marked secret as a whole. */
export function withSecretMarks(props: PropertyBag, names: Iterable<string>): PropertyBag {
    const marked: PropertyBag = { ...props };
    for (const name of names) if (marked[name] !== undefined) marked[name] = secret(marked[name]);
    return marked;
}
