// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and a data bundle it loads from its own folder;
  // pino and pg are Node-only. Keep all of them out of the server bundles.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pg", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { authInterrupts: true },
};

module.exports = nextConfig;
