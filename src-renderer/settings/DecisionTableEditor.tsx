import { useRef } from 'react';
import type { DecisionTable } from '../../src-shared/segments/table.ts';
import { riskLabels, segmentLabels } from '../board/model.ts';
import {
  addInput,
  addRule,
  checkInputExpression,
  issuePlace,
  moveRule,
  removeInput,
  removeRule,
  tableResults,
  tableTitles,
  updateInput,
  updateRule,
  updateTest,
  type CellIssue,
  type TableKey,
} from './rules-model.ts';

const resultLabels: Record<string, string> = {
  ...segmentLabels,
  ...riskLabels,
};

type EditorProps = {
  tableKey: TableKey;
  table: DecisionTable;
  issues: CellIssue[];
  onChange: (table: DecisionTable) => void;
};

function issueId(key: TableKey, issue: { rule?: number; input?: number }) {
  return `issue-${key}-${issue.rule ?? 0}-${issue.input ?? 0}`;
}

function InputRow(props: {
  tableKey: TableKey;
  table: DecisionTable;
  index: number;
  onChange: (table: DecisionTable) => void;
}) {
  const { tableKey, table, index, onChange } = props;
  const input = table.inputs[index];
  if (!input) return null;
  const n = index + 1;
  const status = checkInputExpression(input.expression);
  const statusId = `input-${tableKey}-${n}-status`;
  return (
    <tr>
      <td className="settings-number">{n}</td>
      <td>
        <input
          value={input.label}
          aria-label={`Input ${n} label`}
          aria-invalid={input.label.trim() === '' || undefined}
          onChange={(event) =>
            onChange(updateInput(table, index, { label: event.target.value }))
          }
        />
      </td>
      <td>
        <input
          className="mono"
          spellCheck={false}
          value={input.expression}
          aria-label={`Input ${n} expression (FEEL)`}
          aria-invalid={status.error ? true : undefined}
          aria-describedby={statusId}
          onChange={(event) =>
            onChange(
              updateInput(table, index, { expression: event.target.value }),
            )
          }
        />
        <div
          id={statusId}
          className={status.error ? 'field-error' : 'field-hint'}
          aria-live="polite"
        >
          {status.error ??
            (status.variables.length > 0 ? (
              <>
                Reads{' '}
                {status.variables.map((name) => (
                  <code key={name} className="settings-variable">
                    {name}
                  </code>
                ))}
              </>
            ) : (
              'Reads no attribute.'
            ))}
        </div>
      </td>
      <td>
        <button
          type="button"
          className="ghost small"
          disabled={table.inputs.length === 1}
          aria-label={`Remove input ${n}, ${input.label}`}
          title="Remove this input and its test from every rule"
          onClick={() => onChange(removeInput(table, index))}
        >
          ✕
        </button>
      </td>
    </tr>
  );
}

type RuleRowProps = EditorProps & {
  index: number;
  onMoved: (index: number, action: string) => void;
};

function RuleRow(props: RuleRowProps) {
  const { tableKey, table, index, issues, onChange, onMoved } = props;
  const rule = table.rules[index];
  if (!rule) return null;
  const n = index + 1;
  const last = index === table.rules.length - 1;
  const cellIssue = (input: number) =>
    issues.find((issue) => issue.rule === n && issue.input === input);
  return (
    <tr data-rule={n}>
      <td className="settings-number">{n}</td>
      {rule.when.map((test, column) => {
        const issue = cellIssue(column + 1);
        const label = table.inputs[column]?.label ?? `input ${column + 1}`;
        return (
          <td key={column}>
            <input
              className="mono settings-test"
              spellCheck={false}
              value={test}
              aria-label={`Rule ${n}, ${label}`}
              aria-invalid={issue ? true : undefined}
              aria-describedby={issue ? issueId(tableKey, issue) : undefined}
              onChange={(event) =>
                onChange(updateTest(table, index, column, event.target.value))
              }
            />
          </td>
        );
      })}
      <td>
        <select
          aria-label={`Rule ${n} result`}
          value={rule.result}
          onChange={(event) =>
            onChange(updateRule(table, index, { result: event.target.value }))
          }
        >
          {tableResults[tableKey].map((value) => (
            <option key={value} value={value}>
              {resultLabels[value] ?? value}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="settings-description"
          value={rule.description ?? ''}
          aria-label={`Rule ${n} description`}
          placeholder="Why this rule applies"
          onChange={(event) =>
            onChange(
              updateRule(table, index, { description: event.target.value }),
            )
          }
        />
      </td>
      <td>
        <div className="settings-row-actions">
          <button
            type="button"
            className="ghost small"
            data-action="up"
            disabled={index === 0}
            aria-label={`Move rule ${n} up`}
            onClick={() => {
              onChange(moveRule(table, index, -1));
              onMoved(index - 1, index - 1 === 0 ? 'down' : 'up');
            }}
          >
            ↑
          </button>
          <button
            type="button"
            className="ghost small"
            data-action="down"
            disabled={last}
            aria-label={`Move rule ${n} down`}
            onClick={() => {
              onChange(moveRule(table, index, 1));
              onMoved(
                index + 1,
                index + 2 === table.rules.length ? 'up' : 'down',
              );
            }}
          >
            ↓
          </button>
          <button
            type="button"
            className="ghost small"
            data-action="remove"
            disabled={table.rules.length === 1}
            aria-label={`Remove rule ${n}`}
            onClick={() => {
              onChange(removeRule(table, index));
              onMoved(Math.min(index, table.rules.length - 2), 'remove');
            }}
          >
            ✕
          </button>
        </div>
      </td>
    </tr>
  );
}

/**
 * Edits one decision table: its inputs (label and FEEL expression, checked
 * as they are typed) and its rules (a unary test per input, the result and
 * a description), with buttons to add, remove and reorder rules.
 */
export function DecisionTableEditor(props: EditorProps) {
  const { tableKey, table, issues, onChange } = props;
  const rulesRef = useRef<HTMLTableSectionElement>(null);
  const titleId = `table-${tableKey}-title`;

  // After a move or remove the rows re-render in place, so the focus is
  // put back on the same button of the rule's new row.
  const focusRow = (index: number, action: string) => {
    requestAnimationFrame(() => {
      const row = rulesRef.current?.querySelector(`[data-rule="${index + 1}"]`);
      const button = row?.querySelector<HTMLButtonElement>(
        `button[data-action="${action}"]:not(:disabled)`,
      );
      (button ?? row?.querySelector<HTMLElement>('input'))?.focus();
    });
  };

  return (
    <section className="panel settings-table" aria-labelledby={titleId}>
      <div className="settings-section-head">
        <h3 id={titleId}>{tableTitles[tableKey]}</h3>
        <p className="muted">
          The first rule whose tests all hold gives the{' '}
          {tableKey === 'segment' ? 'segment' : 'risk tier'}. A test of{' '}
          <code>-</code> matches anything.
        </p>
      </div>
      <h4 id={`${titleId}-inputs`}>Inputs</h4>
      <table
        className="settings-grid-table settings-inputs"
        aria-labelledby={`${titleId}-inputs`}
      >
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Label</th>
            <th scope="col">FEEL expression over the client’s attributes</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {table.inputs.map((input, index) => (
            <InputRow
              key={index}
              tableKey={tableKey}
              table={table}
              index={index}
              onChange={onChange}
            />
          ))}
        </tbody>
      </table>
      <div>
        <button
          type="button"
          className="small"
          onClick={() => onChange(addInput(table))}
        >
          Add input
        </button>
      </div>
      <h4 id={`${titleId}-rules`}>Rules</h4>
      <div className="settings-table-scroll">
        <table
          className="settings-grid-table settings-rules"
          aria-labelledby={`${titleId}-rules`}
        >
          <thead>
            <tr>
              <th scope="col">#</th>
              {table.inputs.map((input, index) => (
                <th scope="col" key={index}>
                  {input.label}
                </th>
              ))}
              <th scope="col">Result</th>
              <th scope="col">Description</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody ref={rulesRef}>
            {table.rules.map((_, index) => (
              <RuleRow
                key={index}
                {...props}
                index={index}
                onMoved={focusRow}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <button
          type="button"
          className="small"
          title="Adds a rule above the last one, which usually matches anything"
          onClick={() => {
            onChange(addRule(tableKey, table, table.rules.length - 2));
            focusRow(table.rules.length - 1, 'none');
          }}
        >
          Add rule
        </button>
      </div>
      {issues.length > 0 && (
        <ul
          className="settings-issues"
          aria-label={`Problems in the ${tableTitles[tableKey].toLowerCase()}`}
        >
          {issues.map((issue, index) => (
            <li
              key={index}
              id={
                issue.rule === undefined ? undefined : issueId(tableKey, issue)
              }
            >
              <strong>{issuePlace(table, issue)}:</strong> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
