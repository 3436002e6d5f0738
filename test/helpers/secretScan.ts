/**
 * The secret scan every real-engine test gets: the text a test saw through its stack (each
 * CLI command's output, each `stack export`) must hold none of the secrets the emulator has
 * ever held or issued (client assertions included: every JWT a test issuer minted and every
 * assertion a client sent, valid or not, is in the emulator's ledger). Failures name the command
 * and the kind of secret, never its value.
 */
import type { IssuedSecret } from "../../emulator";
import type { TranscriptEntry } from "./stack";

/** One secret found where it must not be. */
export interface Leak {
    /** Which command showed it, e.g. "#4 pulumi up --yes ...". */
    where: string;
    /** What the secret is, e.g. "the user key of demo-org/DefaultTenant/orchestrator". */
    what: string;
}

export function findLeaks(transcript: readonly TranscriptEntry[], secrets: readonly IssuedSecret[]): Leak[] {
    const leaks: Leak[] = [];
    for (const entry of transcript) {
        for (const secret of secrets)
            if (entry.text.includes(secret.value)) leaks.push({ where: entry.label, what: secret.what });
    }
    return leaks;
}

export class SecretLeakError extends Error {
    constructor(readonly leaks: readonly Leak[]) {
        super(
            `secret(s) in plaintext:\n${leaks.map((l) => `- ${l.what} appeared in the output of ${l.where}`).join("\n")}`,
        );
        this.name = "SecretLeakError";
    }
}

/** Throws {@link SecretLeakError} listing every leak found. */
export function assertNoLeaks(transcript: readonly TranscriptEntry[], secrets: readonly IssuedSecret[]): void {
    const leaks = findLeaks(transcript, secrets);
    if (leaks.length > 0) throw new SecretLeakError(leaks);
}
