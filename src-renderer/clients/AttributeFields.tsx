import { useId } from 'react';
import { riskTiers } from '../../src-shared/playbooks/model.ts';
import {
  complianceOptions,
  knownIntegrations,
  type AttributeErrors,
  type AttributeForm,
} from './attributes.ts';

type Props = {
  form: AttributeForm;
  errors: AttributeErrors;
  onChange: (form: AttributeForm) => void;
};

type NumberFieldProps = {
  label: string;
  hint: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
};

function NumberField({
  label,
  hint,
  value,
  error,
  onChange,
}: NumberFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={`${id}-hint`} className="field-hint">
        {hint}
      </span>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list, value] : list.filter((item) => item !== value);
}

const integrationLabels = { sso: 'SSO', crm: 'CRM', erp: 'ERP' };

/** Renders the documented attributes that decide segment and risk tier. */
export function AttributeFields({ form, errors, onChange }: Props) {
  const set = (patch: Partial<AttributeForm>) =>
    onChange({ ...form, ...patch });
  const otherId = useId();
  const riskId = useId();
  return (
    <div className="attribute-fields">
      <div className="field-row">
        <NumberField
          label="Employees"
          hint="People at the client"
          value={form.employees}
          error={errors.employees}
          onChange={(employees) => set({ employees })}
        />
        <NumberField
          label="Annual contract value"
          hint="In the workspace currency"
          value={form.annualContractValue}
          error={errors.annualContractValue}
          onChange={(annualContractValue) => set({ annualContractValue })}
        />
        <NumberField
          label="Stakeholders"
          hint="People involved in onboarding"
          value={form.stakeholders}
          error={errors.stakeholders}
          onChange={(stakeholders) => set({ stakeholders })}
        />
      </div>
      <fieldset>
        <legend>Integrations</legend>
        <div className="check-row">
          {knownIntegrations.map((value) => (
            <label key={value} className="check">
              <input
                type="checkbox"
                checked={form.integrations.includes(value)}
                onChange={(event) =>
                  set({
                    integrations: toggle(
                      form.integrations,
                      value,
                      event.target.checked,
                    ),
                  })
                }
              />
              {integrationLabels[value]}
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor={otherId}>Other systems</label>
          <input
            id={otherId}
            value={form.otherIntegrations}
            placeholder="hris, billing"
            aria-describedby={`${otherId}-hint`}
            onChange={(event) => set({ otherIntegrations: event.target.value })}
          />
          <span id={`${otherId}-hint`} className="field-hint">
            Separate names with commas.
          </span>
        </div>
      </fieldset>
      <fieldset>
        <legend>Compliance</legend>
        <div className="check-row">
          {complianceOptions.map((value) => (
            <label key={value} className="check">
              <input
                type="checkbox"
                checked={form.compliance.includes(value)}
                onChange={(event) =>
                  set({
                    compliance: toggle(
                      form.compliance,
                      value,
                      event.target.checked,
                    ),
                  })
                }
              />
              {value}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={riskId}>Coordinator’s risk assessment</label>
        <select
          id={riskId}
          value={form.risk}
          onChange={(event) =>
            set({ risk: event.target.value as AttributeForm['risk'] })
          }
        >
          <option value="">Not assessed</option>
          {riskTiers.map((tier) => (
            <option key={tier} value={tier}>
              {tier.charAt(0).toUpperCase() + tier.slice(1)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
