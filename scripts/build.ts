import { build } from "./lib/build";
import { StartupError } from "./lib/startup-error";

try {
  build();
} catch (error) {
  console.error(`[switchyard] ${error instanceof StartupError ? error.message : String(error)}`);
  process.exit(1);
}
