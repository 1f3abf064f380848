import { describe, expect, it } from 'vitest';
import { parseClientCsv } from '../../src-shared/clients/csv.ts';
import { clientInputSchema } from '../../src-shared/clients/model.ts';
import { EmbarkError } from '../../src-shared/errors.ts';

function catchError(action: () => unknown): EmbarkError {
  try {
    action();
  } catch (error) {
    if (error instanceof EmbarkError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an EmbarkError');
}

const header =
  'Name,Owner,contact_name,contact_email,contact_role,employees,annualContractValue,stakeholders,integrations,compliance,risk,segment,segment_reason,playbook';

describe('parseClientCsv', () => {
  it('parses a full row', () => {
    const text = [
      header,
      'Acme,Dana,Ann Lee;Bo Chen,ann@acme.test;bo@acme.test,CFO;IT lead,250,60000,5,sso;crm,GDPR,medium,enterprise,Strategic account,pb-7',
    ].join('\n');
    const { rows, errors } = parseClientCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.line).toBe(2);
    expect(row.client).toEqual({
      name: 'Acme',
      owner: 'Dana',
      contacts: [
        { name: 'Ann Lee', email: 'ann@acme.test', role: 'CFO' },
        { name: 'Bo Chen', email: 'bo@acme.test', role: 'IT lead' },
      ],
      attributes: {
        employees: 250,
        annualContractValue: 60000,
        stakeholders: 5,
        integrations: ['sso', 'crm'],
        compliance: ['GDPR'],
        risk: 'medium',
      },
    });
    expect(row.segment).toBe('enterprise');
    expect(row.segmentReason).toBe('Strategic account');
    expect(row.playbook).toBe('pb-7');
    expect(clientInputSchema.parse(row.client)).toEqual(row.client);
  });

  it('leaves empty cells out', () => {
    const { rows } = parseClientCsv('name,employees,notes\nSolo,,\n');
    expect(rows[0]?.client).toEqual({
      name: 'Solo',
      contacts: [],
      attributes: {},
    });
    expect(rows[0]?.segment).toBeUndefined();
  });

  it('reports physical lines across quoted newlines', () => {
    const text = [
      'name,notes',
      '',
      'Acme,"first line',
      'second line"',
      'Beta,plain',
    ].join('\r\n');
    const { rows, errors } = parseClientCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.line)).toEqual([3, 5]);
    expect(rows[0]?.client.notes).toBe('first line\nsecond line');
  });

  it.each([
    ['', 'employees', 'name', 'The client name is missing'],
    ['Acme', 'employees=many', 'employees', '"many" is not a number >= 0'],
    [
      'Acme',
      'stakeholders=2.5',
      'stakeholders',
      '"2.5" is not a number >= 0 (a whole number)',
    ],
    ['Acme', 'contact_email=ann@', 'contact_email', '"ann@" is not a valid'],
    ['Acme', 'risk=severe', 'risk', 'Invalid client attribute "risk"'],
    ['Acme', 'segment=huge', 'segment', 'Unknown segment "huge"'],
    ['Acme', 'segment=smb', 'segment_reason', 'needs a reason'],
    ['Acme', 'segment_reason=Because', 'segment_reason', 'without a segment'],
    ['Acme', 'contact_role=CFO;CTO', 'contact_role', '2 contact roles for 1'],
  ])('reports a bad row (%j, %s)', (name, cell, column, message) => {
    const columns = [
      'name',
      'contact_name',
      'contact_email',
      'contact_role',
      'employees',
      'stakeholders',
      'risk',
      'segment',
      'segment_reason',
    ];
    const values: Record<string, string> = {
      name,
      contact_name: 'Ann',
      contact_email: 'ann@acme.test',
    };
    const [key, value] = cell.split('=');
    if (value !== undefined) {
      values[key!] = value;
    }
    const text = [
      columns.join(','),
      'Good,,,,10,,,,',
      columns.map((key) => values[key] ?? '').join(','),
      'AlsoGood,,,,,,,,',
    ].join('\n');
    const { rows, errors } = parseClientCsv(text);
    expect(rows.map((row) => row.client.name)).toEqual(['Good', 'AlsoGood']);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.line === 3)).toBe(true);
    const error = errors.find((item) => item.column === column);
    expect(error?.message).toContain(message);
  });

  it('reports a row with a wrong field count', () => {
    const { rows, errors } = parseClientCsv('name,owner\nAcme\nBeta,Dana\n');
    expect(rows.map((row) => row.line)).toEqual([3]);
    expect(errors).toEqual([
      {
        line: 2,
        message:
          'The row has 1 fields but the header has 2; check for a missing or extra comma.',
      },
    ]);
  });

  it('reports bad quoting and keeps other rows', () => {
    const { rows, errors } = parseClientCsv('name\nAcme\nBe"ta\nGamma\n');
    expect(rows.map((row) => row.client.name)).toEqual(['Acme', 'Gamma']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(3);
    expect(errors[0]?.message).toContain('The row is not valid CSV');
  });

  it('reports rows lost to an unclosed quote', () => {
    const { rows, errors } = parseClientCsv('name\nAcme\n"Be"ta\nGamma\n');
    expect(rows.map((row) => row.client.name)).toEqual(['Acme']);
    expect(errors.map((error) => error.line)).toEqual([3, 4]);
    expect(errors[1]?.message).toContain('Quote Not Closed');
  });

  it('reports a contact count mismatch', () => {
    const text = 'name,contact_name,contact_email\nAcme,Ann;Bo,ann@acme.test\n';
    const { rows, errors } = parseClientCsv(text);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      {
        line: 2,
        column: 'contact_email',
        message:
          '2 contact names for 1 contact emails; give one name per email, separated by ";".',
      },
    ]);
  });

  it.each([
    ['', 'The CSV file is empty'],
    ['  \n\n', 'The CSV file is empty'],
    ['\u0089PNG\r\n\u001a\n\u0000\u0000', 'not a text CSV file'],
    [
      'owner,notes\nDana,x\n',
      'has no name column; its header has "owner", "notes"',
    ],
    [
      'name,employes\nAcme,3\n',
      'Unknown columns in the header (line 1): "employes"',
    ],
    ['name,NAME\nAcme,Acme\n', 'names the column "name" twice'],
  ])('rejects the file %j', (text, message) => {
    const error = catchError(() => parseClientCsv(text));
    expect(error.code).toBe('CSV_INVALID');
    expect(error.message).toContain(message);
  });
});
