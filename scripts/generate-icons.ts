/**
 * The console's icons in public/, drawn from public/icon.svg (the logo tile): PNGs for the web
 * app manifest and Apple devices, a maskable PNG (full-bleed, glyph inside the safe zone) and
 * favicon.ico (16 and 32 px PNGs in an ICO container). Rasterised by Debian's Chromium through
 * Playwright, so no image library is needed. Run after changing the SVG:
 *   npx tsx scripts/generate-icons.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const dir = path.resolve("public");
const svg = readFileSync(path.join(dir, "icon.svg"), "utf8");
// Maskable: the tile's colour to the edges, the glyph at 70 % in the middle (the safe zone is 80 %).
const maskable = svg
  .replace(/<rect[^>]*\/>/, '<rect width="32" height="32" fill="#2753e0"/>')
  .replace("<path", '<g transform="translate(4.8 4.8) scale(.7)"><path')
  .replace("</svg>", "</g></svg>");

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage();
  const render = async (source: string, size: number) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${source.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  for (const [file, size] of [
    ["apple-touch-icon.png", 180],
    ["icon-192.png", 192],
    ["icon-512.png", 512],
  ] as const)
    writeFileSync(path.join(dir, file), await render(svg, size));
  writeFileSync(path.join(dir, "icon-maskable-512.png"), await render(maskable, 512));
  writeFileSync(
    path.join(dir, "favicon.ico"),
    ico([
      [16, await render(svg, 16)],
      [32, await render(svg, 32)],
    ]),
  );
  await browser.close();
}

/** An ICO file holding PNG images (supported by every current browser). */
function ico(images: Array<[number, Buffer]>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
