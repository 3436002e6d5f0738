/**
 * A provider process of its own (one run) for tests that call a kind's provider directly against
 * the emulator: the stack config names demo-org and its app, notices go where the test says.
 */
import { ProviderContext, type ProviderContextOptions } from "../../provider/runtime/context";
import { DEMO } from "../emulator/helpers";

export function demoContext(
    url: string,
    options: { notices?: string[] } & Omit<ProviderContextOptions, "stackConfig" | "env" | "notice"> = {},
): ProviderContext {
    const config: Record<string, string> = {
        "uipath:baseUrl": url,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        "uipath:clientSecret": DEMO.clientSecret,
    };
    const { notices, ...rest } = options;
    return new ProviderContext({
        client: { retryBaseMs: 1 },
        ...rest,
        stackConfig: { get: (k) => config[k] },
        env: {},
        notice: (line) => void notices?.push(line),
    });
}
