/**
 * Refresh and destroy do not run the program, so the engine configures the
 * provider with the stack config saved in state by the last `up`, not the
 * current one. After the credentials Pulumi authenticates with are rotated
 * and the config updated, they still use the old secret and are refused.
 * The provider cannot see the current config then; it says which command
 * uses it.
 */
import type { ConnectionInput } from "./connection";
import type { ProviderContext } from "../context";
import { AuthenticationError, factsOf, messageWithoutTraceId } from "../reporting/errors";

/** The commands that ran with the saved config, and the flag that makes them use the current one. */
export type SavedConfigCommand = "refresh" | "destroy";

/**
 * Runs a refresh's read or a destroy's delete; a rejection of credentials
 * that came from the stack config gets the exact command that retries with
 * the current config.
 */
export async function hintingAtSavedConfig<T>(
    context: Pick<ProviderContext, "connection">,
    command: SavedConfigCommand,
    connection: unknown,
    run: () => Promise<T>,
): Promise<T> {
    try {
        return await run();
    } catch (err) {
        if (!(err instanceof AuthenticationError)) throw err;
        let key: string;
        try {
            const resolved = context.connection(connection as ConnectionInput | undefined);
            if (resolved.credentialSource !== "stackConfig") throw err;
            key = { accessToken: "uipath:accessToken", clientCredentials: "uipath:clientSecret" }[
                resolved.auth.kind as "accessToken" | "clientCredentials"
            ];
            if (resolved.auth.kind === "clientAssertion") key = "the client assertion setting";
        } catch {
            throw err;
        }
        throw new AuthenticationError(
            `${messageWithoutTraceId(err).replace(/[.\s]+$/, "")}. If ${key} was changed since the last \`pulumi up\`: ${command} uses the stack config saved by that up; run \`pulumi ${command} --run-program\` to use the current one`,
            { cause: err, ...factsOf(err) },
        );
    }
}
