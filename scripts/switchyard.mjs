#!/usr/bin/env node
// The `switchyard` command: runs the TypeScript CLI through tsx (a dependency).
import { register } from "tsx/esm/api";

register();
await import("./cli/switchyard.ts");
