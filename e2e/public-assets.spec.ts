import { expect, test } from "@playwright/test";

// public/: icons (light and dark), the web app manifest and robots.txt, referenced from the root
// layout's metadata and served to anyone (the sign-in page needs them before a session exists).
test("the console's icons, manifest and robots.txt are linked from every page and served", async ({ page, request }) => {
  await page.goto("/signin");
  const head = page.locator("head");
  await expect(head.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(head.locator('link[rel="icon"][href="/icon.svg"]')).toHaveAttribute("media", "(prefers-color-scheme: light)");
  await expect(head.locator('link[rel="icon"][href="/icon-dark.svg"]')).toHaveAttribute("media", "(prefers-color-scheme: dark)");
  await expect(head.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
  await expect(head.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const m = (await manifest.json()) as { name: string; start_url: string; icons: Array<{ src: string; type: string; purpose: string }> };
  expect(m).toMatchObject({ name: "Switchyard", start_url: "/" });
  expect(m.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const src of [...m.icons.map((i) => i.src), "/favicon.ico", "/icon-dark.svg", "/apple-touch-icon.png"]) {
    const res = await request.get(src);
    expect(res.status(), src).toBe(200);
    expect(res.headers()["content-type"], src).toMatch(/^image\//);
  }
});
