import { build } from "./build-fingerprint";
import { StartupError } from "./startup-error";

try {
  build();
} catch (error) {
  console.error(`[switchyard] ${error instanceof StartupError ? error.message : String(error)}`);
  process.exit(1);
}
