import { useId } from 'react';
import { useSampleLoad } from './sampleLoader.ts';

/** A progress bar for the running sample load; nothing when none runs. */
export function SampleProgress() {
  const running = useSampleLoad((state) => state.running);
  const done = useSampleLoad((state) => state.done);
  const total = useSampleLoad((state) => state.total);
  const labelId = useId();
  if (!running) return null;
  return (
    <div className="sample-progress" role="status">
      <span id={labelId}>
        Creating sample clients and their journeys: {done} of {total}
      </span>
      <progress aria-labelledby={labelId} value={done} max={total} />
    </div>
  );
}
