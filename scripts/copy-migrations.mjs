// The compiled store reads its SQL migrations beside itself; tsc does not copy them.
import { cpSync } from "node:fs";

cpSync("src/store/migrations", process.argv[2] ?? "dist/store/migrations", { recursive: true });
