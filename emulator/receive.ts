/**
 * Receiving a request body, from the moment the request arrives.
 *
 * Why at arrival rather than at the body step: a request is accepted once its last byte is in.
 * If the client then goes away (a killed process, a timeout) while a fault delays the answer, the
 * body is already here and the pipeline goes on, as a real service finishes work it has accepted.
 * Node destroys a request whose client has gone, discarding whatever body nobody had read yet.
 *
 * Why a body over the limit is drained rather than cut off: if the server closed the connection
 * with the client still sending, the client would see a broken pipe, or a reset that discards
 * the 413 before it reads it. Reading the rest to the end (discarding it) lets the 413 arrive on
 * a connection the client has finished writing to. The drain has its own bound, so a client
 * cannot keep the emulator reading forever; past it the connection is closed after the 413.
 */
import type { IncomingMessage } from "node:http";

export type Received =
    /** The whole body, within the limit. */
    | { kind: "complete"; bytes: Buffer }
    /** Over the limit; the rest was read and discarded up to the drain bound (`drained` false past it). */
    | { kind: "tooLarge"; drained: boolean }
    /** The client went away before its body ended: the request was never complete. */
    | { kind: "clientGone" };

export interface ReceiveOptions {
    /** Largest body kept. */
    maxBytes: number;
    /** Largest body read at all (the rest of an oversized one is discarded up to here). */
    maxDrainBytes: number;
}

/** Starts reading `req` at once; resolves when the body has ended, overflowed the drain bound or been abandoned. */
export function receive(req: IncomingMessage, options: ReceiveOptions): Promise<Received> {
    const declared = Number(req.headers["content-length"] ?? NaN);
    // Announced beyond what we would ever read: answer at once (reading it is what the bound prevents).
    if (Number.isFinite(declared) && declared > options.maxDrainBytes)
        return Promise.resolve({ kind: "tooLarge", drained: false });
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (outcome: Received): void => {
            req.off("data", onData);
            req.off("end", onEnd);
            req.off("close", onGone);
            req.off("error", onGone);
            resolve(outcome);
        };
        const onData = (chunk: Buffer): void => {
            size += chunk.length;
            if (size <= options.maxBytes) chunks.push(chunk);
            else if (size > options.maxDrainBytes) {
                req.pause();
                finish({ kind: "tooLarge", drained: false });
            }
        };
        const onEnd = (): void =>
            finish(
                size > options.maxBytes
                    ? { kind: "tooLarge", drained: true }
                    : { kind: "complete", bytes: Buffer.concat(chunks) },
            );
        // "close" before "end" (or an "error"): the client hung up mid-body.
        const onGone = (): void => finish({ kind: "clientGone" });
        req.on("data", onData);
        req.on("end", onEnd);
        req.on("close", onGone);
        req.on("error", onGone);
    });
}
