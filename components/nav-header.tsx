// The header on every page: plain links, so every section is reachable without JavaScript.
import Link from "next/link";
import { NavLinks } from "./nav-links";

export function NavHeader() {
  return (
    <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 text-sm"
      >
        <Link prefetch={false} href="/" className="font-semibold tracking-tight">
          tracemark
        </Link>
        <NavLinks />
      </nav>
    </header>
  );
}
