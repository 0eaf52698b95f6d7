/**
 * Vitest global set-up: the production bundles (scripts/bundle.mjs) are current before tests run
 * the CLI as users run it (node dist/cli.mjs).
 */
// @ts-expect-error a plain ES module without type declarations
import { bundle } from "../bundle.mjs";

export default async function setup(): Promise<void> {
  await (bundle as (o: { ifStale: boolean }) => Promise<boolean>)({ ifStale: true });
}
