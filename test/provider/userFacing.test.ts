/**
 * Failures reach the user as one line, once: what Pulumi's dynamic-provider host does with
 * a thrown error (prints `${e}: ${e.stack}` for check/diff/read/delete, answers with
 * `e.message`) is replayed here on what the runtime throws.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AuthenticationError, InternalError, KeyVerificationError } from "../../provider/runtime/reporting/errors";
import { installHostPrintFilter, oneLineError, userFacing } from "../../provider/runtime/reporting/userFacing";

/** What the host prints to stderr for a failed check, diff, read or delete. */
const hostPrint = (e: Error): string => `${String(e)}: ${e.stack}`;

describe("one-line failures", () => {
    it("reduce our errors' stack to their one line and keep the cause", () => {
        const cause = new Error("socket hang up");
        const err = oneLineError(new AuthenticationError("the credentials were rejected", { cause }));
        assert.ok(err instanceof AuthenticationError);
        assert.equal(err.stack, "AuthenticationError: the credentials were rejected");
        assert.equal(err.cause, cause);
        assert.doesNotMatch(hostPrint(err), /\n|\s+at\s|\//);
    });

    it("turn any other error into a one-line InternalError with the original as cause", () => {
        const bug = new RangeError("Invalid time value");
        const err = oneLineError(bug);
        assert.ok(err instanceof InternalError);
        assert.equal(err.message, "Invalid time value");
        assert.equal(err.stack, "InternalError: Invalid time value");
        assert.equal(err.cause, bug);
        assert.equal(oneLineError("a string").message, "a string");
        assert.equal(oneLineError(new Error("first\n   second\nthird")).message, "first second third");
    });

    it("keep an initialization failure's id and properties, which the host reads", () => {
        const failure = new KeyVerificationError("verify: did not work", {
            id: "org/du",
            properties: { keyFingerprint: "ab" },
        });
        const err = oneLineError(failure);
        assert.equal(err, failure);
        assert.equal((err as KeyVerificationError).id, "org/du");
    });

    it("print nothing more for an operation the host reports itself, and let every other print through", async () => {
        const printed: string[] = [];
        const original = console.error;
        // The filter forwards to the console.error it found: here, this capture (this file's process only).
        console.error = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
        installHostPrintFilter();
        try {
            for (const operation of ["check", "diff", "read", "delete", "create"] as const) {
                const err = await userFacing(operation, () =>
                    Promise.reject(new RangeError(`${operation} failed`)),
                ).catch((e: Error) => e);
                assert.ok(err instanceof InternalError);
                console.error(hostPrint(err));
                console.error(hostPrint(err)); // a second, identical print is not ours: it passes
                console.error("an unrelated message");
            }
        } finally {
            const filter = console.error;
            console.error = original;
            assert.notEqual(filter, original);
        }
        const line = (op: string) => `InternalError: ${op} failed: InternalError: ${op} failed`;
        assert.deepEqual(printed, [
            ...["check", "diff", "read", "delete"].flatMap((op) => [line(op), "an unrelated message"]),
            // The host never prints create's errors, so none is expected and none is dropped.
            line("create"),
            line("create"),
            "an unrelated message",
        ]);
    });

    it("pass results through unchanged", async () => {
        assert.equal(await userFacing("create", () => Promise.resolve(42)), 42);
    });
});
