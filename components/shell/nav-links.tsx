"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavLink {
  href: string;
  label: string;
  section: string;
}

const SECTION_TITLES: Record<string, string> = { work: "Routing", configure: "Set-up", admin: "Admin" };

export function NavLinks({ items }: { items: NavLink[] }) {
  const pathname = usePathname();
  const sections = [...new Set(items.map((i) => i.section))];
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  const linkClass = (active: boolean) =>
    `flex items-center rounded-lg px-3 py-2 text-sm font-medium transition ${active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white"}`;

  return (
    <nav aria-label="Main" className="space-y-6">
      <div>
        <Link href="/" className={linkClass(isActive("/"))} aria-current={isActive("/") ? "page" : undefined}>
          Home
        </Link>
      </div>
      {sections.map((section) => (
        <div key={section}>
          <div className="px-3 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-500">
            {SECTION_TITLES[section] ?? section}
          </div>
          <ul className="space-y-0.5">
            {items
              .filter((i) => i.section === section)
              .map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className={linkClass(isActive(item.href))} aria-current={isActive(item.href) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
