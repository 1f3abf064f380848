import type { ClientAttributes } from './attributes.ts';

export type SampleClient = {
  id: string;
  name: string;
  attributes: ClientAttributes;
};

/**
 * Example clients that the settings screen classifies with draft segment
 * rules. Under the default tables they cover every segment and every risk
 * tier, so a change to any rule shows on at least one of them.
 */
export const sampleClients: readonly SampleClient[] = [
  {
    id: 'example-bakery',
    name: 'Corner Bakery',
    attributes: { employees: 8, annualContractValue: 4_000, risk: 'low' },
  },
  {
    id: 'example-clinic',
    name: 'Harbor Family Clinic',
    attributes: {
      employees: 40,
      annualContractValue: 12_000,
      compliance: ['HIPAA'],
      risk: 'low',
    },
  },
  {
    id: 'example-payroll',
    name: 'Initech Payroll',
    attributes: {
      employees: 350,
      annualContractValue: 80_000,
      stakeholders: 5,
      integrations: ['crm'],
      risk: 'low',
    },
  },
  {
    id: 'example-logistics',
    name: 'Bluebird Logistics',
    attributes: {
      employees: 60,
      annualContractValue: 30_000,
      integrations: ['sso'],
      compliance: ['GDPR'],
      risk: 'medium',
    },
  },
  {
    id: 'example-insurance',
    name: 'Globex Insurance',
    attributes: {
      employees: 12_000,
      annualContractValue: 900_000,
      stakeholders: 14,
      integrations: ['sso', 'erp'],
      compliance: ['SOC2', 'GDPR'],
      risk: 'medium',
    },
  },
  {
    id: 'example-payments',
    name: 'Umbrella Payments',
    attributes: {
      employees: 2_500,
      annualContractValue: 400_000,
      stakeholders: 9,
      compliance: ['PCI DSS'],
      risk: 'low',
    },
  },
];
