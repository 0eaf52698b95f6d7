/** The routing engine's public API. Pure: no framework, database, I/O, clock or env. */
export * from "./policy-schema";
export * from "./types";
export { validatePolicy, zodProblems } from "./validate-policy";
export { parsePolicyText, parseYaml, policyToYaml } from "./policy-yaml";
export { compilePolicy, compileValidated, policyHash, PolicyError, type CompiledPolicy } from "./compile";
export { evaluate, evaluateMany, outcomeSignature } from "./evaluate";
export { buildAccountIndex, matchRecord, matchingOptionsFor, normalizeDomain, normalizeName, type AccountIndex } from "./matching";
export { describeDecision, describeEvidence } from "./explain";
export { whyNotMe, type WhyNotCandidate, type WhyNotResult } from "./why-not";
export {
  runSuite,
  runCase,
  testSuiteSchema,
  testCaseSchema,
  formatDiff,
  type TestSuite,
  type TestCase,
  type SuiteResult,
} from "./test-suite";
export { impactDiff, type ImpactReport, type ImpactItem } from "./impact";
export { lintPolicy } from "./lint";
export { formatProblem, type Problem } from "./problems";
export { unavailableReason } from "./availability";
