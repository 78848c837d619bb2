/** A count pill; the label says what it counts for screen readers. */
export function UnreadBadge({count, label}: {count: number; label: string}) {
  if (count <= 0) return null;
  return (
    <span
      aria-label={label}
      className="ml-auto min-w-5 rounded-full bg-danger px-1.5 text-center text-xs leading-5 font-semibold text-white"
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}
