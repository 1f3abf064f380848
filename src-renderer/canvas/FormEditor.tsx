import { useEffect, useId, useState } from 'react';
import type { PlaybookNode } from '../../src-shared/playbooks/model.ts';
import {
  Checkbox,
  replaceAt,
  SelectInput,
  TextInput,
  splitList,
} from './fields.tsx';
import {
  allFieldNames,
  fieldTypes,
  newField,
  readFormSchema,
  syncUiOrder,
  writeFormSchema,
  type FieldType,
  type FormCondition,
  type FormField,
  type FormModel,
} from './formSchema.ts';
import type { NodePatch } from './StepSettings.tsx';

const typeLabels: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Yes or no',
  email: 'Email',
  date: 'Date',
  select: 'Choice',
  other: 'Other (edit as JSON)',
};

function FieldRow(props: {
  field: FormField;
  onChange: (field: FormField | undefined) => void;
  onMove: (by: -1 | 1) => void;
}) {
  const { field, onChange, onMove } = props;
  const types =
    field.type === 'other' ? [...fieldTypes, 'other' as const] : fieldTypes;
  return (
    <li className="canvas-form-field">
      <div className="canvas-form-field-head">
        <code>{field.name}</code>
        <span className="canvas-row-actions">
          <button
            type="button"
            className="ghost small"
            aria-label={`Move ${field.name} up`}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="ghost small"
            aria-label={`Move ${field.name} down`}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="ghost small"
            aria-label={`Remove ${field.name}`}
            onClick={() => onChange(undefined)}
          >
            ✕
          </button>
        </span>
      </div>
      <TextInput
        label="Question"
        value={field.title}
        onCommit={(title) => onChange({ ...field, title })}
      />
      <div className="canvas-form-field-row">
        <SelectInput
          label="Answer type"
          value={field.type}
          options={types.map((type) => ({
            value: type,
            label: typeLabels[type],
          }))}
          onChange={(type) => onChange({ ...field, type })}
        />
        <Checkbox
          label="Required"
          checked={field.required}
          onChange={(required) => onChange({ ...field, required })}
        />
      </div>
      {field.type === 'select' && (
        <TextInput
          label="Choices"
          value={field.options.join(', ')}
          hint="Separated by commas."
          onCommit={(text) => onChange({ ...field, options: splitList(text) })}
        />
      )}
    </li>
  );
}

function FieldList(props: {
  fields: FormField[];
  taken: string[];
  onChange: (fields: FormField[]) => void;
  addLabel: string;
}) {
  const { fields, onChange } = props;
  const update = (index: number, field: FormField | undefined) =>
    onChange(replaceAt(fields, index, field));
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= fields.length) return;
    const next = [...fields];
    [next[index], next[target]] = [
      next[target] as FormField,
      next[index] as FormField,
    ];
    onChange(next);
  };
  return (
    <>
      {fields.length === 0 && <p className="muted">No fields yet.</p>}
      <ul className="canvas-form-fields">
        {fields.map((field, index) => (
          <FieldRow
            key={field.name}
            field={field}
            onChange={(next) => update(index, next)}
            onMove={(by) => move(index, by)}
          />
        ))}
      </ul>
      <button
        type="button"
        className="small"
        onClick={() =>
          onChange([...fields, newField('New question', props.taken)])
        }
      >
        {props.addLabel}
      </button>
    </>
  );
}

function parseValue(
  text: string,
  type: FieldType | undefined,
): FormCondition['value'] {
  if (type === 'boolean') return text === 'true';
  if (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text)))
    return Number(text);
  return text;
}

function ConditionEditor(props: {
  condition: FormCondition;
  model: FormModel;
  onChange: (condition: FormCondition | undefined) => void;
}) {
  const { condition, model, onChange } = props;
  const tested = model.fields.find((field) => field.name === condition.field);
  return (
    <fieldset className="canvas-condition">
      <legend>Conditional section</legend>
      <SelectInput
        label="Show these fields when"
        value={condition.field}
        options={model.fields.map((field) => ({
          value: field.name,
          label: field.title || field.name,
        }))}
        onChange={(field) => onChange({ ...condition, field })}
      />
      {tested?.type === 'boolean' ? (
        <SelectInput
          label="equals"
          value={String(condition.value)}
          options={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          onChange={(value) =>
            onChange({ ...condition, value: value === 'true' })
          }
        />
      ) : (
        <TextInput
          label="equals"
          value={String(condition.value)}
          onCommit={(text) =>
            onChange({ ...condition, value: parseValue(text, tested?.type) })
          }
        />
      )}
      {condition.alsoRequired.length > 0 && (
        <p className="field-hint">
          Also required then: {condition.alsoRequired.join(', ')}
        </p>
      )}
      <FieldList
        fields={condition.fields}
        taken={allFieldNames(model)}
        addLabel="Add field to section"
        onChange={(fields) => onChange({ ...condition, fields })}
      />
      <button
        type="button"
        className="small danger"
        onClick={() => onChange(undefined)}
      >
        Remove section
      </button>
    </fieldset>
  );
}

function JsonView(props: {
  schema: Record<string, unknown>;
  onApply: (schema: Record<string, unknown>) => void;
}) {
  const id = useId();
  const text = JSON.stringify(props.schema, null, 2);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string>();
  useEffect(() => setDraft(text), [text]);
  const apply = () => {
    try {
      const parsed: unknown = JSON.parse(draft);
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        Array.isArray(parsed)
      ) {
        setError('The schema must be a JSON object.');
        return;
      }
      setError(undefined);
      props.onApply(parsed as Record<string, unknown>);
    } catch (cause) {
      setError(
        `Invalid JSON: ${(cause as Error).message}. Fix it and apply again.`,
      );
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>JSON Schema</label>
      <textarea
        id={id}
        className="mono canvas-json"
        rows={14}
        spellCheck={false}
        value={draft}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
      />
      {error && <div className="field-error">{error}</div>}
      <button
        type="button"
        className="small"
        disabled={draft === text}
        onClick={apply}
      >
        Apply JSON
      </button>
    </div>
  );
}

/** Edits a form step's questions and conditional sections as JSON Schema. */
export function FormEditor({
  node,
  onPatch,
}: {
  node: PlaybookNode;
  onPatch: NodePatch;
}) {
  const [showJson, setShowJson] = useState(false);
  const form = node.form ?? { schema: { type: 'object', properties: {} } };
  const model = readFormSchema(form.schema);
  const write = (next: FormModel) =>
    onPatch({
      form: {
        ...form,
        schema: writeFormSchema(form.schema, next),
        uiSchema: syncUiOrder(form.uiSchema, next),
      },
    });
  const setCondition = (index: number, condition: FormCondition | undefined) =>
    write({
      ...model,
      conditions: replaceAt(model.conditions, index, condition),
    });
  const firstField = model.fields[0];
  return (
    <section className="canvas-section" aria-label="Form">
      <div className="canvas-section-head">
        <h3>Form</h3>
        <button
          type="button"
          className="ghost small"
          aria-pressed={showJson}
          onClick={() => setShowJson(!showJson)}
        >
          {showJson ? 'Show fields' : 'Show JSON'}
        </button>
      </div>
      {showJson ? (
        <JsonView
          schema={form.schema}
          onApply={(schema) => onPatch({ form: { ...form, schema } })}
        />
      ) : (
        <>
          <FieldList
            fields={model.fields}
            taken={allFieldNames(model)}
            addLabel="Add field"
            onChange={(fields) => write({ ...model, fields })}
          />
          {model.conditions.map((condition, index) => (
            <ConditionEditor
              key={index}
              condition={condition}
              model={model}
              onChange={(next) => setCondition(index, next)}
            />
          ))}
          <button
            type="button"
            className="small"
            disabled={!firstField}
            title={firstField ? undefined : 'Add a field to test first.'}
            onClick={() =>
              firstField &&
              write({
                ...model,
                conditions: [
                  ...model.conditions,
                  {
                    field: firstField.name,
                    value: firstField.type === 'boolean' ? true : '',
                    fields: [],
                    alsoRequired: [],
                  },
                ],
              })
            }
          >
            Add conditional section
          </button>
        </>
      )}
    </section>
  );
}
