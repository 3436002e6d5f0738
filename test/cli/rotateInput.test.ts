/**
 * `pulumi-uipath-keys rotate` refuses bad input in one line naming the flag, with exit code 2,
 * before anything runs (no Pulumi CLI, no webhook call); and what it reads from state.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { rotateCommand } from "../../cli/rotate/command";
import { NOTICE_PREFIX } from "../../cli/rotate/kinds";
import { dependentsOf, dueWithin, expiringUncovered, type StateResource } from "../../cli/rotate/stateFacts";
import { NOTICE_PREFIX as PROVIDER_NOTICE_PREFIX } from "../../provider/runtime/context";
import { runProcess } from "../../scripts/process";
import { repoRoot } from "../../scripts/toolchain";

describe("rotate refuses bad input before anything runs", () => {
    let project: string;
    let receiverCalls = 0;
    let receiver: http.Server;
    let receiverUrl: string;
    before(async () => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "rotate-input-"));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
        receiver = http.createServer((_req, res) => {
            receiverCalls++;
            res.writeHead(204).end();
        });
        await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
        receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    });
    after(async () => {
        fs.rmSync(project, { recursive: true, force: true });
        await new Promise((resolve) => receiver.close(resolve));
    });

    /** Runs the command in this process with a Pulumi CLI that does not exist: reaching it would fail differently. */
    const refuse = async (args: string[]): Promise<string> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await rotateCommand(
            [...args, "--notify", receiverUrl],
            { PATH: "/nonexistent" },
            { out: (l) => out.push(l), err: (l) => err.push(l) },
        );
        assert.equal(code, 2, err.join("\n"));
        assert.deepEqual(out, [], "nothing ran");
        assert.equal(err.length, 1, "one line");
        return err[0]!;
    };

    for (const [what, args, line] of [
        ["an unknown flag", ["--stack", "s", "--horizn", "7d"], /^\[rotate\] --horizn: unknown option/],
        [
            "a bad duration",
            ["--stack", "s", "--horizon", "7 days"],
            /^\[rotate\] --horizon: '7 days': expected a period/,
        ],
        [
            "a zero duration",
            ["--stack", "s", "--horizon", "0d"],
            /^\[rotate\] --horizon: '0d': expected a period longer/,
        ],
        ["no stack", [], /^\[rotate\] --stack: name at least one stack/],
        ["a flag without its value", ["--stack"], /^\[rotate\] --stack: expected a value/],
        [
            "a folder without Pulumi.yaml",
            ["--stack", "s", "--cwd", os.tmpdir()],
            /^\[rotate\] --cwd: .* is not a Pulumi project folder/,
        ],
    ] as const) {
        it(`refuses ${what}`, async () => {
            assert.match(await refuse(["--cwd", project, ...args]), line);
            assert.equal(receiverCalls, 0);
        });
    }

    it("refuses a URL that is not http(s), without repeating it", async () => {
        for (const url of ["not a url", "ftp://hooks.example/x?token=abc"]) {
            const out: string[] = [];
            const err: string[] = [];
            const code = await rotateCommand(
                ["--stack", "s", "--cwd", project, "--notify", url],
                {},
                { out: (l) => out.push(l), err: (l) => err.push(l) },
            );
            assert.equal(code, 2);
            assert.deepEqual(err, ["[rotate] --notify: expected an http:// or https:// URL"]);
        }
    });

    it("from the command line: one line on stderr, exit 2", async () => {
        const result = await runProcess(
            process.execPath,
            [
                "--import",
                "tsx",
                path.join(repoRoot, "cli", "main.ts"),
                "rotate",
                "--stack",
                "s",
                "--cwd",
                project,
                "--dry-run=yes",
            ],
            { cwd: repoRoot, allowFailure: true },
        );
        assert.equal(result.code, 2, result.output);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^\[rotate\] --dry-run: takes no value/);
        assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    });
});

describe("what rotate reads from state", () => {
    const T = Date.parse("2027-01-01T00:00:00.000Z");
    const at = (days: number) => new Date(T + days * 86_400_000).toISOString();
    const key = "urn:pulumi:s::p::pulumi-nodejs:dynamic/uipath:OrchestratorApiAccess::orchestrator";
    const resources: StateResource[] = [
        { urn: key, type: "pulumi-nodejs:dynamic/uipath:OrchestratorApiAccess", outputs: { rotationDueAt: at(10) } },
        {
            urn: "urn:pulumi:s::p::x:index:Store::holds-key",
            type: "x:index:Store",
            dependencies: [key],
            propertyDependencies: { value: [key], name: [] },
        },
        { urn: "urn:pulumi:s::p::x:index:Store::waits-only", type: "x:index:Store", dependencies: [key] },
        {
            urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/uipath:ExternalApplicationSecret::renewed",
            type: "pulumi-nodejs:dynamic/uipath:ExternalApplicationSecret",
            outputs: { expiresAt: at(20), rotationDueAt: at(13) },
        },
        {
            urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/uipath:ExternalApplicationSecret::not-renewed",
            type: "pulumi-nodejs:dynamic/uipath:ExternalApplicationSecret",
            outputs: { expiresAt: at(25), rotationDueAt: at(25) },
        },
    ];

    it("a dependent holds the key only through an input that takes one of its values", () => {
        assert.deepEqual(dependentsOf(resources, key), [
            { resource: "holds-key", type: "x:index:Store", inputs: ["value"] },
        ]);
    });

    it("due within the horizon, soonest first; beyond it left out", () => {
        assert.deepEqual(
            dueWithin(resources, T + 20 * 86_400_000).map((d) => [d.resource, d.dueAt]),
            [
                ["orchestrator", at(10)],
                ["renewed", at(13)],
            ],
        );
    });

    it("a secret expiring with no rotation due before its expiry is uncovered", () => {
        assert.deepEqual(expiringUncovered(resources, T + 30 * 86_400_000), [
            { resource: "not-renewed", kind: "ExternalApplicationSecret", expiresAt: at(25), nextRotationAt: at(25) },
        ]);
        assert.deepEqual(expiringUncovered(resources, T + 24 * 86_400_000), [], "beyond the horizon");
    });

    it("reads the provider's notices by the provider's prefix", () => {
        assert.equal(NOTICE_PREFIX, PROVIDER_NOTICE_PREFIX);
    });
});
