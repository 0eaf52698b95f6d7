export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 32 32" className="h-7 w-7" aria-hidden="true">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M7 22h6l6-12h6" stroke="white" strokeWidth="2.5" fill="none" strokeLinecap="round" strokeLinejoin="round" />
        <path
          d="M7 10h6l2 4"
          stroke="white"
          strokeOpacity=".55"
          strokeWidth="2.5"
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <path d="M19 22h6" stroke="white" strokeOpacity=".55" strokeWidth="2.5" fill="none" strokeLinecap="round" />
      </svg>
      <span>Switchyard</span>
    </span>
  );
}
