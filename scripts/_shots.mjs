import { chromium } from "playwright-core";
const base = "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
async function as(email) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto(base + "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("switchyard-demo");
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  return page;
}
const shots = JSON.parse(process.argv[2]);
for (const [email, list] of Object.entries(shots)) {
  const page = await as(email);
  for (const [name, path, action] of list) {
    await page.goto(base + path);
    if (action === "firstDecision") { await page.locator("[data-testid=decision-rows] a, [data-testid=my-assignments] a").first().click(); await page.waitForURL(/decisions\//); }
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
    console.log(name, page.url());
  }
}
await browser.close();
