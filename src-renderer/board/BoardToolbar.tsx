import { riskTiers, segments } from '../../src-shared/playbooks/model.ts';
import {
  riskLabels,
  segmentLabels,
  sortLabels,
  type BoardFilters,
  type BoardSort,
} from './model.ts';

type Props = {
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  owners: string[];
  stages: string[];
  total: number | undefined;
  loading: boolean;
  filtered: boolean;
  onClear: () => void;
  onImport: () => void;
};

type SelectProps = {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
};

function FilterSelect({ id, label, value, options, onChange }: SelectProps) {
  return (
    <div className="field toolbar-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const any = { value: '', label: 'Any' };

/** Filters, sort and the board's main actions. */
export function BoardToolbar(props: Props) {
  const { filters, onChange } = props;
  const set = (patch: Partial<BoardFilters>) =>
    onChange({ ...filters, ...patch });
  const optional = <T extends string>(value: string) =>
    value === '' ? undefined : (value as T);

  return (
    <div className="board-toolbar">
      <div className="toolbar-filters" role="group" aria-label="Filters">
        <FilterSelect
          id="filter-segment"
          label="Segment"
          value={filters.segment ?? ''}
          options={[
            any,
            ...segments.map((value) => ({
              value,
              label: segmentLabels[value],
            })),
          ]}
          onChange={(value) => set({ segment: optional(value) })}
        />
        <FilterSelect
          id="filter-owner"
          label="Owner"
          value={filters.owner ?? ''}
          options={[
            any,
            ...props.owners.map((value) => ({ value, label: value })),
          ]}
          onChange={(value) => set({ owner: optional(value) })}
        />
        <FilterSelect
          id="filter-stage"
          label="Stage"
          value={filters.stage ?? ''}
          options={[
            any,
            ...props.stages.map((value) => ({ value, label: value })),
          ]}
          onChange={(value) => set({ stage: optional(value) })}
        />
        <FilterSelect
          id="filter-risk"
          label="Risk tier"
          value={filters.riskTier ?? ''}
          options={[
            any,
            ...riskTiers.map((value) => ({ value, label: riskLabels[value] })),
          ]}
          onChange={(value) => set({ riskTier: optional(value) })}
        />
        <label className="toolbar-check">
          <input
            type="checkbox"
            checked={filters.hasIncident === true}
            onChange={(event) =>
              set({ hasIncident: event.target.checked || undefined })
            }
          />
          Has incident
        </label>
        <FilterSelect
          id="board-sort"
          label="Sort by"
          value={filters.sort}
          options={Object.entries(sortLabels).map(([value, label]) => ({
            value,
            label,
          }))}
          onChange={(value) => set({ sort: value as BoardSort })}
        />
        {props.filtered && (
          <button type="button" className="ghost" onClick={props.onClear}>
            Clear filters
          </button>
        )}
      </div>
      <div className="toolbar-actions">
        <span className="muted" role="status" aria-live="polite">
          {props.loading && <span className="spinner" aria-hidden="true" />}
          {props.total !== undefined &&
            ` ${props.total} ${props.total === 1 ? 'client' : 'clients'}`}
        </span>
        <button type="button" onClick={props.onImport}>
          Import CSV
        </button>
      </div>
    </div>
  );
}
