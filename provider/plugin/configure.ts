/**
 * The plugin's config: the engine's `Configure` call carries the provider's
 * config (`uipath-keys:<key>` in the stack config, or a provider resource's
 * arguments), but the server of `@pulumi/pulumi/provider` (3.248.0,
 * `provider/server.js`, `Server.configure`) answers it without passing it on:
 * its `Provider` interface has no `configure`. So the plugin reads the request
 * itself, on its way to that server: {@link captureConfigure} wraps the
 * server's `configure` handler when the server registers it with gRPC, hands
 * the settings to the runtime as the dynamic path's `uipath:` stack config
 * (same names, same checks), and refuses a credential set without `--secret`.
 *
 * The request's `variables` hold every value as text, keyed
 * `uipath-keys:config:<key>`; its `args` hold the same values with the
 * engine's secret marks (`pkg/resource/plugin/provider_plugin.go`,
 * `provider.Configure`, pulumi v3.274.1: `variables[pkg+":config:"+k]`, and
 * `args` marshalled with `KeepSecrets: true`).
 */
import { createRequire } from "node:module";
import type * as pulumi from "@pulumi/pulumi";
import { credentialSettingNames, plaintextCredentialsRefusal } from "../shared/credentialConfig";
import type { ProviderRuntime } from "../shared/loader";
import { withoutSecretMarks } from "./secrets";
import { packageName } from "./tokens";

/** What the plugin reads of a `ConfigureRequest` (`@pulumi/pulumi/proto/provider_pb`). */
interface ConfigureRequest {
    getVariablesMap(): { forEach(visit: (value: string, key: string) => void): void };
    getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Callback = (err: Error | null | undefined, value?: unknown) => void;
type Handler = (call: { request: ConfigureRequest }, callback: Callback) => void;

/** The runtime's view of config: `uipath:<key>` as the dynamic path names it. */
export type RuntimeConfig = { get(key: string): string | undefined };

/**
 * The settings of one `Configure` request, as the runtime reads them. Throws the
 * one-line refusal when a credential came without the engine's secret mark.
 */
export function runtimeConfig(request: ConfigureRequest): RuntimeConfig {
    const values = new Map<string, string>();
    const prefix = `${packageName}:config:`;
    request.getVariablesMap().forEach((value, key) => {
        if (key.startsWith(prefix)) values.set(key.slice(prefix.length), value);
    });
    const { secretNames } = withoutSecretMarks(request.getArgs()?.toJavaScript());
    const plaintext = credentialSettingNames.filter((name) => values.has(name) && !secretNames.has(name));
    if (plaintext.length > 0) throw new Error(plaintextCredentialsRefusal(plaintext.map((n) => `${packageName}:${n}`)));
    return { get: (key) => (key.startsWith("uipath:") ? values.get(key.slice("uipath:".length)) : undefined) };
}

/**
 * Wraps the `configure` handler of the provider server `main` is about to start, once,
 * so that each `Configure` request configures `runtime` first. Call before `main`.
 */
export function captureConfigure(runtime: ProviderRuntime): void {
    // The gRPC module @pulumi/pulumi itself loads (its own dependency, wherever npm placed it).
    const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = fromPulumi("@grpc/grpc-js") as {
        Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
    };
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (this: unknown, service, implementation) {
        const original = implementation.configure as Handler | undefined;
        if (original) {
            implementation.configure = (call: { request: ConfigureRequest }, callback: Callback) => {
                let config: RuntimeConfig;
                try {
                    config = runtimeConfig(call.request);
                } catch (err) {
                    callback(err as Error);
                    return;
                }
                // The runtime reads only `get` of the config it is handed.
                runtime.configure({ config } as unknown as pulumi.dynamic.ConfigureRequest).then(
                    () => original(call, callback),
                    (err: unknown) => callback(err as Error),
                );
            };
        }
        addService.call(this, service, implementation);
    };
}
