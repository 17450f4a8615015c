// The header on every page: plain links, so every section is reachable without JavaScript.
import Link from "next/link";

const LINKS = [
  { href: "/", label: "Sessions" },
  { href: "/overview", label: "Overview" },
  { href: "/export", label: "Export" },
  { href: "/reasons", label: "Reasons" },
  { href: "/connect", label: "Connect" },
] as const;

export function NavHeader() {
  return (
    <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-2 text-sm">
        <Link href="/" className="font-semibold tracking-tight">
          tracemark
        </Link>
        <ul className="flex gap-4">
          {LINKS.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
