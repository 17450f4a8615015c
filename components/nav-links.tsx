"use client";
// The main nav's links, with the current section marked (aria-current) for people and screen readers.
// No prefetching (here, in the Overview's links and the session toolbar): every page is rendered per request by
// the one local server, so prefetches of the other sections competed with the page's own first requests
// (the Overview's answer came 0.6 s later behind four of them) and bought little on loopback.
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Sessions" },
  { href: "/overview", label: "Overview" },
  { href: "/export", label: "Export" },
  { href: "/reasons", label: "Reasons" },
  { href: "/connect", label: "Connect" },
] as const;

/** A session's own page belongs to the Sessions section. */
const isCurrent = (href: string, pathname: string): boolean =>
  href === "/"
    ? pathname === "/" || pathname.startsWith("/sessions/")
    : pathname === href || pathname.startsWith(`${href}/`);

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-4">
      {LINKS.map((link) => {
        const current = isCurrent(link.href, pathname);
        return (
          <li key={link.href}>
            <Link
              prefetch={false}
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={
                current
                  ? "font-semibold text-zinc-900 underline decoration-2 underline-offset-4 dark:text-zinc-100"
                  : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              }
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
