/**
 * Which stack outputs are secrets. The engine sends them to the policy pack marked as secrets
 * (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go at v3.274.1: `AnalyzeStack` filters
 * properties with `KeepSecrets: true`), but @pulumi/policy 1.21.0 unwraps them before a stack
 * policy sees them (server.js, `makeAnalyzeStackRpcFun`: `deserializeProperties(..., false)`).
 * So this module wraps that function (a module export, looked up at each call) to keep each
 * result's raw form, marks included, next to the object it returns; a policy reaches that
 * object behind the SDK's proxy with the SDK's own `__getSpecialProxyTarget` key (proxy.js).
 * When either step is missing (another SDK version), {@link rawProperties} answers undefined and
 * the caller must treat secretness as unknown.
 */
import { createRequire } from "node:module";

type Deserialize = (struct: { toJavaScript(): unknown }, proxySecrets: boolean) => object;

const rawOf = new WeakMap<object, unknown>();
const proxyTargetKey = "__getSpecialProxyTarget";

function installHook(): boolean {
    try {
        const module = createRequire(__filename)("@pulumi/policy/deserialize") as {
            deserializeProperties?: Deserialize;
        };
        const original = module.deserializeProperties;
        if (typeof original !== "function") return false;
        const wrapped: Deserialize = (struct, proxySecrets) => {
            const props = original(struct, proxySecrets);
            rawOf.set(props, struct.toJavaScript());
            return props;
        };
        module.deserializeProperties = wrapped;
        return true;
    } catch {
        return false;
    }
}

const hooked = installHook();

/** The properties as the engine sent them, secrets still marked; undefined when that is not known. */
export function rawProperties(props: Record<string, unknown>): unknown {
    if (!hooked) return undefined;
    const target: unknown = props[proxyTargetKey];
    return typeof target === "object" && target !== null ? rawOf.get(target) : rawOf.get(props);
}
