/** Marks an editor whose draft differs from what is saved. */
export function UnsavedBadge() {
  return (
    <span className="badge warning" role="status">
      Unsaved changes
    </span>
  );
}
