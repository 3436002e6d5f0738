/**
 * Peak resident memory of the dynamic-provider processes of one CLI run. The
 * engine starts them (`pulumi-resource-pulumi-nodejs`, which execs
 * `node …/@pulumi/pulumi/cmd/dynamic-provider`) below the CLI, itself below
 * this process; they are found in /proc while the run lasts, and each one's
 * VmHWM (the kernel's high-water mark of its RSS, proc(5)) read at every poll:
 * the mark keeps the peak between polls, so only growth in a process's last
 * poll interval can be missed.
 */
import * as fs from "node:fs";
import { descendants } from "../test/helpers/processTree";

/** VmHWM of a /proc/<pid>/status text, in KiB; undefined when absent (a kernel thread, no /proc). */
export function parseVmHwmKb(status: string): number | undefined {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) : undefined;
}

/** A process's command line (NUL-separated in /proc) is a dynamic provider's. */
export const isDynamicProvider = (cmdline: string): boolean => cmdline.includes("dynamic-provider");

export interface RssPeak {
    /** Largest VmHWM of one provider process, KiB (NaN when none was seen). */
    peakKb: number;
    /** Provider processes seen. */
    processes: number;
}

/** Polls until stopped; `stop()` gives the peak. */
export class ProviderRssSampler {
    private readonly peaks = new Map<number, number>();
    private readonly timer: NodeJS.Timeout;

    constructor(
        private readonly root: number = process.pid,
        intervalMs = 200,
    ) {
        this.timer = setInterval(() => this.poll(), intervalMs);
    }

    stop(): RssPeak {
        clearInterval(this.timer);
        this.poll();
        const values = [...this.peaks.values()];
        return { peakKb: values.length === 0 ? NaN : Math.max(...values), processes: values.length };
    }

    private poll(): void {
        for (const p of descendants(this.root).filter((d) => isDynamicProvider(d.cmdline))) {
            let kb: number | undefined;
            try {
                kb = parseVmHwmKb(fs.readFileSync(`/proc/${p.pid}/status`, "utf8"));
            } catch {
                continue; // exited while we looked
            }
            if (kb !== undefined) this.peaks.set(p.pid, Math.max(kb, this.peaks.get(p.pid) ?? 0));
        }
    }
}
