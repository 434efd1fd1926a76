export function Spinner({ className = "h-4 w-4", label = "Loading" }: { className?: string; label?: string }) {
  return (
    <span role="status" aria-label={label} className={`inline-block animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 ${className}`} />
  );
}
