import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { createFormValidator } from './form-validator.ts';
import { isOpen, type PlaybookData, type Step } from './model.ts';
import type { ActArgs, ActionError } from './useAction.ts';

type FormSpec = NonNullable<PlaybookData['nodes'][number]['form']>;

type Props = {
  step: Step;
  spec?: FormSpec;
  vars: Record<string, unknown>;
  busy: boolean;
  error?: ActionError;
  run: (args: ActArgs) => Promise<boolean>;
};

/** A FORM_INVALID error's field list, as `{ path, message }` pointers. */
function backEndErrors(error?: ActionError): ErrorSchema | undefined {
  if (error?.code !== 'FORM_INVALID') return undefined;
  const list = error.details.errors;
  if (!Array.isArray(list)) return undefined;
  const schema: Record<string, unknown> = {};
  for (const item of list as { path?: unknown; message?: unknown }[]) {
    const parts = String(item.path ?? '')
      .split('/')
      .filter((part) => part !== '')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    let node = schema;
    for (const part of parts) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    const errors = (node.__errors ??= []) as string[];
    errors.push(String(item.message ?? 'is invalid'));
  }
  return schema as ErrorSchema;
}

/** Prefills answers that the journey already knows, such as attributes. */
function initialData(schema: RJSFSchema, vars: Record<string, unknown>) {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties ?? {})) {
    if (vars[key] !== undefined) data[key] = vars[key];
  }
  return data;
}

/** A form step rendered from its JSON Schema; submits the answers. */
export function FormStep({ step, spec, vars, busy, error, run }: Props) {
  const schema = (spec?.schema ?? step.form ?? {}) as RJSFSchema;
  const validator = useMemo(
    () => createFormValidator(spec?.refs ?? []),
    [spec],
  );
  const [data, setData] = useState(() => initialData(schema, vars));
  const [edited, setEdited] = useState(false);
  const extraErrors = edited ? undefined : backEndErrors(error);
  const open = isOpen(step);

  return (
    <div className="form-step">
      {!open && (
        <p className="muted">
          {step.state === 'done'
            ? 'These answers were submitted. Reopen the step to change them.'
            : 'The form opens when the step is ready.'}
        </p>
      )}
      <Form
        schema={schema}
        uiSchema={{
          ...((spec?.uiSchema ?? {}) as UiSchema),
          'ui:submitButtonOptions': {
            submitText: busy ? 'Submitting…' : 'Submit answers',
            norender: !open,
            props: { disabled: busy, className: 'primary' },
          },
        }}
        validator={validator}
        formData={data}
        disabled={!open || busy}
        liveValidate="onBlur"
        showErrorList="top"
        noHtml5Validate
        focusOnFirstError
        extraErrors={extraErrors}
        onChange={(event) => {
          setData(event.formData as Record<string, unknown>);
          setEdited(true);
        }}
        // rjsf logs failed validation to the console unless onError is set;
        // the errors are already shown beside the fields.
        onError={() => undefined}
        onSubmit={(event) => {
          setEdited(false);
          void run({
            stepKey: step.key,
            action: 'submit',
            data: event.formData,
          });
        }}
      />
    </div>
  );
}
