import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native addons must stay outside the bundles (better-sqlite3 is on Next's own list).
  serverExternalPackages: ["@mongodb-js/zstd", "@grpc/grpc-js"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc; `npm start` should not fail or slow down on it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default nextConfig;
