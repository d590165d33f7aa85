import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * Renders `children` once its box comes near the viewport, and an empty box of the same size before: a table
 * of thousands of accounts then draws only the sparklines someone scrolls to.
 */
export function InView({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const box = ref.current;
    if (seen || !box) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(box);
    return () => observer.disconnect();
  }, [seen]);
  return (
    <span ref={ref} style={{ display: 'inline-block', width, height, verticalAlign: 'middle' }}>
      {seen && children}
    </span>
  );
}
