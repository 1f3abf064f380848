import { useStore, type ReactFlowState } from '@xyflow/react';

type Props = {
  /** Distance between dots in flow units, as React Flow's `Background`. */
  gap: number;
};

const selectTransform = (state: ReactFlowState) => state.transform;

/**
 * Draws the canvas's dot grid. React Flow's `Background` moves an SVG
 * pattern, which repaints the whole pane in every frame of a pan. Here the
 * dots are a CSS background on a layer one tile larger than the pane. A
 * pan only translates that layer, so the compositor moves it without
 * painting it again; only a zoom changes the tile size and repaints.
 */
export function DotGrid({ gap }: Props) {
  const [x, y, zoom] = useStore(selectTransform);
  const tile = gap * zoom;
  // Dots sit where React Flow's pattern puts them: half a tile before each
  // multiple of the gap, with a radius of half a pixel at zoom 1.
  const shift = (offset: number) => {
    const phase = (offset - tile / 2) % tile;
    return ((phase + tile) % tile) - tile;
  };
  const radius = Math.max(zoom / 2, 0.5);
  return (
    <div className="canvas-dot-grid" aria-hidden="true">
      <div
        className="canvas-dot-grid-layer"
        style={{
          width: `calc(100% + ${tile}px)`,
          height: `calc(100% + ${tile}px)`,
          backgroundSize: `${tile}px ${tile}px`,
          backgroundImage: `radial-gradient(circle at ${radius}px ${radius}px, var(--xy-background-pattern-dots-color) ${radius}px, transparent ${radius + 0.5}px)`,
          transform: `translate(${shift(x)}px, ${shift(y)}px)`,
        }}
      />
    </div>
  );
}
