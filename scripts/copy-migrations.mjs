// The compiled store reads its SQL migrations beside itself; tsc does not copy them.
import { cpSync } from "node:fs";

cpSync("src/store/migrations", "dist/store/migrations", { recursive: true });
