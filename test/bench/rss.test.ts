/** The bench's reading of provider memory from /proc: VmHWM parsing, which processes count, a live sample. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { isDynamicProvider, parseVmHwmKb, ProviderRssSampler } from "../../bench/rss";

const STATUS = `Name:\tnode
VmPeak:\t 1153400 kB
VmSize:\t 1087864 kB
VmHWM:\t  151232 kB
VmRSS:\t  148096 kB
Threads:\t11
`;

describe("bench provider RSS", () => {
    it("reads VmHWM (the peak RSS) in KiB, not VmRSS or VmPeak", () => {
        assert.equal(parseVmHwmKb(STATUS), 151232);
        assert.equal(parseVmHwmKb("Name:\tkthreadd\nState:\tS (sleeping)\n"), undefined);
    });

    it("counts the dynamic-provider processes only", () => {
        assert.ok(isDynamicProvider("node\0/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider\0--logtostderr\0"));
        assert.ok(!isDynamicProvider("/x/pulumi-language-nodejs\0localhost:1234\0"));
        assert.ok(!isDynamicProvider("node\0/x/node_modules/@pulumi/pulumi/cmd/run\0"));
    });

    it(
        "finds a provider process below this one and keeps its peak",
        { skip: process.platform !== "linux" },
        async () => {
            // A node child whose command line names dynamic-provider, holding ~64 MiB for a moment.
            const child = spawn(
                process.execPath,
                [
                    "-e",
                    "const b = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => b.length, 1500)",
                    "dynamic-provider",
                ],
                { stdio: "ignore" },
            );
            const sampler = new ProviderRssSampler(process.pid, 50);
            await new Promise((resolve) => child.on("exit", resolve));
            const peak = sampler.stop();
            assert.equal(peak.processes, 1);
            assert.ok(peak.peakKb > 64 * 1024, `peak ${peak.peakKb} KiB`);
        },
    );
});
