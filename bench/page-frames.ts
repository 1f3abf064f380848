// Functions that run inside the page through Playwright's `evaluate`. The
// bench tsconfig has no DOM types, so each one declares the few browser
// globals it uses. Each must stay self-contained, because Playwright sends
// its source text to the page.

type FrameGlobals = {
  requestAnimationFrame: (callback: (time: number) => void) => number;
  benchFrames?: { times: number[]; running: boolean };
};

type Box = { top: number; bottom: number; left: number; right: number };
type PageElement = {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string | null;
  classList: { contains: (name: string) => boolean };
  getBoundingClientRect: () => Box & { width: number; height: number };
};
type DomGlobals = {
  innerWidth: number;
  innerHeight: number;
  document: {
    querySelector: (selector: string) => PageElement | null;
    querySelectorAll: (selector: string) => ArrayLike<PageElement>;
    elementFromPoint: (x: number, y: number) => PageElement | null;
  };
};

/** Starts recording the time of every animation frame. */
export function startFrames(): void {
  const page = globalThis as unknown as FrameGlobals;
  const record = { times: [] as number[], running: true };
  page.benchFrames = record;
  const onFrame = (time: number) => {
    record.times.push(time);
    if (record.running) page.requestAnimationFrame(onFrame);
  };
  page.requestAnimationFrame(onFrame);
}

/** Stops recording and returns the intervals between frames, in ms. */
export function stopFrames(): number[] {
  const record = (globalThis as unknown as FrameGlobals).benchFrames;
  if (!record) throw new Error('frame recording was not started');
  record.running = false;
  return record.times.slice(1).map((time, i) => time - record.times[i]!);
}

/**
 * Scrolls the element matching `selector` by `step` pixels in each of
 * `frames` animation frames, reversing at either end, and returns the
 * intervals between the frames, in ms.
 */
export function scrollEachFrame(options: {
  selector: string;
  frames: number;
  step: number;
}): Promise<number[]> {
  const page = globalThis as unknown as FrameGlobals & DomGlobals;
  const scroller = page.document.querySelector(options.selector);
  if (!scroller) throw new Error(`nothing matches ${options.selector}`);
  const times: number[] = [];
  let direction = 1;
  return new Promise((resolve) => {
    const onFrame = (time: number) => {
      times.push(time);
      if (times.length > options.frames) {
        resolve(times.slice(1).map((t, i) => t - times[i]!));
        return;
      }
      const end = scroller.scrollHeight - scroller.clientHeight;
      const next = scroller.scrollTop + direction * options.step;
      if (next >= end || next <= 0) direction = -direction;
      scroller.scrollTop = Math.min(end, Math.max(0, next));
      page.requestAnimationFrame(onFrame);
    };
    page.requestAnimationFrame(onFrame);
  });
}

/**
 * Tells whether the board has rendered: the first card of the first lane
 * is inside the viewport, every lane shows its count of clients, and the
 * toolbar shows the total `expected`.
 */
export function boardRendered(expected: string): boolean {
  const page = globalThis as unknown as DomGlobals;
  const card = page.document.querySelector('section.lane .card');
  if (!card) return false;
  const box = card.getBoundingClientRect();
  const inView =
    box.height > 0 && box.top < page.innerHeight && box.left < page.innerWidth;
  const counts = Array.from(page.document.querySelectorAll('.lane-count'));
  const total = page.document.querySelector('.toolbar-actions [role=status]');
  return (
    inView &&
    counts.length === 3 &&
    counts.every((count) => /^\d+ clients$/.test(count.textContent ?? '')) &&
    (total?.textContent ?? '').includes(expected)
  );
}

/**
 * Returns a point of the flow pane that no node or edge covers, in the
 * middle band of its height, or null when there is none.
 */
export function emptyPanePoint(): { x: number; y: number } | null {
  const page = globalThis as unknown as DomGlobals;
  const pane = page.document.querySelector('.react-flow__pane');
  if (!pane) return null;
  const box = pane.getBoundingClientRect();
  for (let dy = 0.5; dy < 0.8; dy += 0.05) {
    for (let dx = 0.6; dx < 0.95; dx += 0.02) {
      const x = box.left + box.width * dx;
      const y = box.top + box.height * dy;
      const hit = page.document.elementFromPoint(x, y);
      if (hit?.classList.contains('react-flow__pane')) return { x, y };
    }
  }
  return null;
}
