/**
 * How a failure reaches the user: as one line, once. Pulumi's dynamic-provider
 * host (`@pulumi/pulumi/cmd/dynamic-provider`) answers the engine with
 * `err.message`, which the CLI shows; for check, diff, read and delete it
 * also prints `${err}: ${err.stack}` to its stderr, which the CLI shows
 * again, with every `at ...` line and the paths of this machine. So every
 * error leaving the runtime is first made one-line here (its `stack` is just
 * `name: message`, the original error kept as `cause`), and the host's extra
 * print of an error we made is dropped: the engine's own line says it.
 */
import { InternalError, UiPathError } from "./errors";

/** The operations the host reports twice (it prints the stack, then returns the error). */
export type PrintedOperation = "configure" | "check" | "diff" | "read" | "delete";
export type Operation = PrintedOperation | "create" | "update";

const printedBy: ReadonlySet<Operation> = new Set<PrintedOperation>(["configure", "check", "diff", "read", "delete"]);

/** How messages name the settings: as the dynamic path's stack config (`uipath:<name>`) unless the process says otherwise. */
let inTerms: (text: string) => string = (text) => text;

/**
 * Names the settings in every message and notice of this process the way its user sets them:
 * the provider plugin's process names them `uipath-keys:<name>` (`plugin/configure.ts`,
 * `inPluginTerms`). Applied where a message is made one line, so the host's print of it (which
 * the filter below expects) says the same.
 */
export function nameSettingsWith(terms: (text: string) => string): void {
    inTerms = terms;
}

/** A text (a message, a notice) with the settings named as this process's user sets them. */
export function inSettingTerms(text: string): string {
    return inTerms(text);
}

/** Collapses a message to one line: the engine shows it as is, and a second line reads as a stack. */
function singleLine(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * The error to hand the host: one of ours with its stack reduced to its first
 * line; anything else (a bug, an error of a library) becomes an
 * {@link InternalError} with the same one-line message and the original as
 * `cause`. Errors carrying an initialization failure (`id`, as
 * `KeyVerificationError`) keep their identity: the host reads those fields.
 */
export function oneLineError(err: unknown): Error {
    const error =
        err instanceof UiPathError
            ? err
            : new InternalError(
                  singleLine(err instanceof Error ? err.message : String(err)) ||
                      "the provider failed without a message",
                  { cause: err },
              );
    const message = inTerms(error.message.includes("\n") ? singleLine(error.message) : error.message);
    if (message !== error.message) error.message = message;
    Object.defineProperty(error, "stack", {
        value: `${error.name}: ${error.message}`,
        configurable: true,
        writable: true,
    });
    return error;
}

/** What the host prints for an error (`${e}: ${e.stack}`), kept until the host prints it. */
const pendingPrints = new Set<string>();
/** Never more than this many remembered: a print that never comes must not grow the set. */
const MAX_PENDING = 64;
let filterInstalled = false;

/**
 * Drops the host's stderr print of errors this runtime raised. Only an exact
 * match of a print we are expecting is dropped; everything else (other
 * dynamic providers in the same process, Pulumi's own messages) passes.
 * Installed by `configure()`, which only the host calls, so tests and other
 * importers keep their console.
 */
export function installHostPrintFilter(): void {
    if (filterInstalled) return;
    filterInstalled = true;
    const original = console.error.bind(console);
    console.error = (...args: unknown[]): void => {
        if (args.length === 1 && typeof args[0] === "string" && pendingPrints.delete(args[0])) return;
        original(...args);
    };
}

/** Runs one operation; whatever it throws leaves as a one-line error the user sees once. */
export async function userFacing<T>(operation: Operation, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (err) {
        const error = oneLineError(err);
        if (filterInstalled && printedBy.has(operation)) {
            if (pendingPrints.size >= MAX_PENDING) pendingPrints.delete(pendingPrints.values().next().value as string);
            pendingPrints.add(`${String(error)}: ${error.stack}`);
        }
        throw error;
    }
}
