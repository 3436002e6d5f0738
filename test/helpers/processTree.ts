/**
 * Processes a CLI run started, found through /proc: a test that kills `pulumi` alone (as a crash
 * would) leaves its plugins running, each in a process group of its own, so they are found while
 * the CLI still lives and ended when the test is done.
 */
import * as fs from "node:fs";

/** A process as seen once: its pid and command line, so a pid reused later is left alone. */
export interface SeenProcess {
    pid: number;
    cmdline: string;
}

function cmdlineOf(pid: number): string | undefined {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
        return undefined;
    }
}

/** The descendants of `pid`, from /proc (none where there is no /proc). */
export function descendants(pid: number): SeenProcess[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.existsSync("/proc") ? fs.readdirSync("/proc") : []) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            // Field 4 of /proc/<pid>/stat is the parent pid; the command name before it is in parentheses.
            const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
            children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
        } catch {
            // exited while we looked
        }
    }
    const found: SeenProcess[] = [];
    const walk = (p: number): void => {
        for (const child of children.get(p) ?? []) {
            const cmdline = cmdlineOf(child);
            if (cmdline !== undefined) found.push({ pid: child, cmdline });
            walk(child);
        }
    };
    walk(pid);
    return found;
}

/** SIGKILLs each process that still runs the same command line it ran when seen. */
export function killSeen(processes: readonly SeenProcess[]): void {
    for (const p of processes) {
        if (cmdlineOf(p.pid) !== p.cmdline) continue;
        try {
            process.kill(p.pid, "SIGKILL");
        } catch {
            // exited meanwhile
        }
    }
}
