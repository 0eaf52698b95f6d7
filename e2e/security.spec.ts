import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("pages carry a nonce-based CSP their own scripts satisfy, and the security headers; APIs too, with a request id in errors", async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/signin");
  const h = res!.headers();
  const csp = h["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Not served over TLS here: no HSTS.
  expect(h["strict-transport-security"]).toBeUndefined();
  // Every script on the page carries this response's nonce; the next response gets another.
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  const again = (await request.get("/signin")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  // The page works under its policy: sign in, open a console page, nothing refused.
  await signIn(page, USERS.REVOPS);
  await page.goto("/decisions");
  await expect(page.getByTestId("decision-rows")).toBeVisible();
  expect(violations).toEqual([]);

  // APIs: the same headers, a policy that allows nothing, and the request id in the error body.
  const api = await request.post("/api/v1/route", {
    data: { record: { id: "x", type: "lead", fields: {} } },
    headers: { "x-request-id": "e2e-sec-1" },
  });
  expect(api.status()).toBe(401);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(((await api.json()) as { error: { requestId: string } }).error.requestId).toBe("e2e-sec-1");
  const health = await request.get("/api/health");
  expect(health.headers()["x-frame-options"]).toBe("DENY");
});

test("after sign-in, a callbackUrl to another site lands on the console's home", async ({ page }) => {
  for (const evil of ["//evil.example/x", "/%09/evil.example", "https://evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
    await page.getByLabel("Work email").fill(USERS.FIELD);
    await page.getByLabel("Password").fill("switchyard-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(page.url()).toMatch(/^http:\/\/localhost:\d+\/$/);
  }
});

test("hostile text a rep types is shown as text, never run: a dispute with markup", async ({ browser }) => {
  const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> "quoted" & done`;
  const field = await browser.newPage();
  await signIn(field, USERS.FIELD);
  // One open dispute per decision and filer: an earlier test may have filed on the first one.
  await field.goto("/my-assignments");
  const links = await field
    .getByTestId("my-assignments")
    .locator('a[href^="/decisions/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const text = field.getByLabel("What happened");
  for (const href of links.slice(-5)) {
    await field.goto(href);
    if (await text.count()) break;
  }
  await expect(text).toBeVisible();
  await field.getByLabel("Dispute category").selectOption("other");
  await text.fill(hostile);
  await field.getByRole("button", { name: "File dispute" }).click();
  await expect(field.getByRole("status")).toContainText("Dispute filed");

  const revops = await browser.newPage();
  let dialogs = 0;
  revops.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await signIn(revops, USERS.REVOPS);
  await revops.goto("/disputes?status=open");
  await revops.getByTestId("disputes-table").getByRole("link").first().click();
  await expect(revops.getByText(hostile, { exact: false }).first()).toBeVisible();
  expect(await revops.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  expect(await revops.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("a server action sent from another site is refused: a key is made only from the console's own origin", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, USERS.ADMIN);
  await admin.goto("/admin/api-keys");
  const name = `Origin check ${Date.now()}`;
  await admin.getByLabel("Key name").fill(name);
  const sent = admin.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await admin.getByRole("button", { name: "Create key" }).click();
  const action = await sent;
  await expect(admin.getByTestId("new-api-key")).toHaveText(/^sy_/);
  // The same request, with the signed-in admin's cookies, sent again: from another site, then from the console.
  const replay = (origin: string) =>
    admin.request.fetch(action.url(), { method: "POST", headers: { ...action.headers(), origin }, data: action.postDataBuffer()! });
  const foreign = await replay("https://evil.example");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  const own = await replay(new URL(action.url()).origin);
  expect(own.status()).toBe(200);
  await admin.reload();
  // The one from the form and the one sent from the console's origin; none from the other site.
  await expect(admin.getByText(name, { exact: true })).toHaveCount(2);
});
