import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/accounts?segment=smb", "/accounts?segment=smb"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["/signin", "/"],
    ["/api/admin/users", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/ /evil.example", "/ /evil.example".replace(" ", "%20")],
    ["/%2F/evil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/%E0%A4%A", "/"],
    ["/accounts/ACME%20MX", "/accounts/ACME%20MX"],
    ["/decisions/abc#why", "/decisions/abc#why"],
    ["/..//evil.example", "/"],
    ["/./\\evil.example", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
