/** fast-check generators of leads and account contexts for the fixture policy, shared by the engine's property tests. */
import fc from "fast-check";
import type { RecordContext } from "./types";

export const validLead = fc.record({
  segment: fc.constantFrom("enterprise", "mid_market", "smb"),
  region: fc.constantFrom("NA", "EMEA"),
  employees: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  title: fc.option(fc.constantFrom("VP Sales", "Engineer", "Head of Ops", "chief of staff"), { nil: undefined }),
  email_domain: fc.option(fc.constantFrom("bigco.com", "x.io", "megacorp.io", "gmail.com"), { nil: undefined }),
  tags: fc.option(fc.array(fc.constantFrom("student", "vip", "trial"), { maxLength: 2 }), { nil: undefined }),
  budget: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  min_budget: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
});
export const context = fc.option(
  fc.record({
    account: fc.record({
      id: fc.constant("A1"),
      customer_status: fc.constantFrom("prospect", "customer"),
      owner_id: fc.option(fc.constantFrom("owner1", "owner2", "ann"), { nil: undefined }),
      in_procurement: fc.boolean(),
    }),
  }),
  { nil: null },
) as fc.Arbitrary<RecordContext | null>;
