import { useEffect, useRef, type KeyboardEvent } from 'react';

export type MenuItem = { label: string; run: () => void };

type Props = {
  label: string;
  anchor: DOMRect;
  items: MenuItem[];
  onClose: () => void;
};

const menuWidth = 200;

/**
 * Shows a popup menu of card actions. It takes focus, moves with the arrow keys,
 * and closes on Escape, Tab or a click outside, returning focus to where
 * it was.
 */
export function CardMenu({ label, anchor, items, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) closeRef.current();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      previous?.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [
      ...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ??
        []),
    ];
    const current = entries.indexOf(document.activeElement as HTMLElement);
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = (current + 1) % entries.length;
    if (event.key === 'ArrowUp') {
      next = (current - 1 + entries.length) % entries.length;
    }
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = entries.length - 1;
    if (next !== undefined) {
      event.preventDefault();
      entries[next]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
    }
    event.stopPropagation();
  };

  const left = Math.min(anchor.left, window.innerWidth - menuWidth - 8);
  const top = Math.min(anchor.bottom + 4, window.innerHeight - 140);
  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={{ left, top, width: menuWidth }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
