import {
  emptyContactRow,
  type ContactErrors,
  type ContactRow,
} from './attributes.ts';

type Props = {
  rows: ContactRow[];
  errors: ContactErrors;
  onChange: (rows: ContactRow[]) => void;
};

const columns: { key: keyof ContactRow; label: string; type: string }[] = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'role', label: 'Role', type: 'text' },
];

/** Editable rows of client contacts: name, email and role. */
export function ContactsEditor({ rows, errors, onChange }: Props) {
  const update = (index: number, key: keyof ContactRow, value: string) =>
    onChange(
      rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)),
    );
  const remove = (index: number) =>
    onChange(rows.filter((_, i) => i !== index));

  return (
    <fieldset className="contacts">
      <legend>Contacts</legend>
      {rows.length === 0 && <p className="muted">No contacts yet.</p>}
      {rows.map((row, index) => (
        <div key={index} className="contact-row">
          {columns.map((column) => {
            const id = `contact-${index}-${column.key}`;
            const error = errors[index]?.[column.key];
            return (
              <div key={column.key} className="field">
                <label htmlFor={id}>
                  {column.label}
                  <span className="visually-hidden">
                    {' '}
                    of contact {index + 1}
                  </span>
                </label>
                <input
                  id={id}
                  type={column.type}
                  value={row[column.key]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(event) =>
                    update(index, column.key, event.target.value)
                  }
                />
                {error && (
                  <span id={`${id}-error`} className="field-error">
                    {error}
                  </span>
                )}
              </div>
            );
          })}
          <button
            type="button"
            className="ghost small contact-remove"
            aria-label={`Remove contact ${index + 1}`}
            onClick={() => remove(index)}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="small"
        onClick={() => onChange([...rows, { ...emptyContactRow }])}
      >
        Add contact
      </button>
    </fieldset>
  );
}
