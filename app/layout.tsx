import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NavHeader } from "@/components/nav-header";
import "./globals.css";

export const metadata: Metadata = {
  title: "tracemark",
  description: "Keep every coding-agent interaction and label which ones went well.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <NavHeader />
        {children}
      </body>
    </html>
  );
}
