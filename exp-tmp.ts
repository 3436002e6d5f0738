import { TestStack } from "./test/helpers/stack";
import { startEmulator } from "./emulator";
import { emulatorConfig } from "./test/helpers/fixture";
import { programSource } from "./test/helpers/programs";
(async () => {
  const em = await startEmulator({});
  const stack = await TestStack.create({ program: programSource("drift"), config: emulatorConfig(em.url) });
  await stack.pulumi(["up", "--yes", "--skip-preview"]);
  for (let i = 0; i < 2; i++) {
    const t = process.hrtime.bigint();
    await stack.pulumi(["preview"]);
    console.log("preview ms", Number(process.hrtime.bigint() - t) / 1e6);
  }
  await stack.pulumi(["destroy", "--yes"]);
  await em.close();
})();
