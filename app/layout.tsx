import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { NavHeader } from "@/components/nav-header";
import { StorageBanner } from "@/components/storage-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: "tracemark",
  description: "Keep every coding-agent interaction and label which ones went well.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the server's CSP allows only scripts carrying that response's nonce,
  // and Next can put the nonce on its scripts only when it renders the page for the request.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <NavHeader />
        <StorageBanner />
        {children}
      </body>
    </html>
  );
}
