import type { SegmentRules } from './table.ts';

const any = '-';

/**
 * The segment and risk tables that ship with Embark. A coordinator can edit
 * them. Every rule's `description` gives the reason shown to people.
 */
export const defaultSegmentRules: SegmentRules = {
  segment: {
    name: 'Client segment',
    output: 'segment',
    inputs: [
      {
        label: 'Employees',
        expression: 'if employees = null then 0 else employees',
      },
      {
        label: 'Annual contract value',
        expression:
          'if annualContractValue = null then 0 else annualContractValue',
      },
      {
        label: 'Stakeholders',
        expression: 'if stakeholders = null then 0 else stakeholders',
      },
      {
        label: 'Needs SSO or ERP integration',
        expression:
          'if integrations = null then false else some item in integrations satisfies lower case(item) in ("sso", "erp")',
      },
    ],
    rules: [
      {
        when: ['>= 1000', any, any, any],
        result: 'enterprise',
        description: '1,000 or more employees.',
      },
      {
        when: [any, '>= 250000', any, any],
        result: 'enterprise',
        description: 'Annual contract value of 250,000 or more.',
      },
      {
        when: [any, any, '>= 8', any],
        result: 'enterprise',
        description: 'Eight or more stakeholders.',
      },
      {
        when: ['>= 100', any, any, any],
        result: 'mid-market',
        description: '100 to 999 employees.',
      },
      {
        when: [any, '>= 50000', any, any],
        result: 'mid-market',
        description: 'Annual contract value from 50,000 to 249,999.',
      },
      {
        when: [any, any, '>= 4', any],
        result: 'mid-market',
        description: 'Four to seven stakeholders.',
      },
      {
        when: [any, any, any, 'true'],
        result: 'mid-market',
        description: 'SSO or ERP integration needs a guided setup.',
      },
      {
        when: [any, any, any, any],
        result: 'smb',
        description: 'Small client: none of the rules above applies.',
      },
    ],
  },
  risk: {
    name: 'Risk tier',
    output: 'riskTier',
    inputs: [
      {
        label: 'HIPAA in scope',
        expression:
          'if compliance = null then false else some item in compliance satisfies upper case(item) = "HIPAA"',
      },
      { label: "Coordinator's assessment", expression: 'risk' },
      {
        label: 'Payment card data (PCI DSS) in scope',
        expression:
          'if compliance = null then false else some item in compliance satisfies upper case(item) in ("PCI", "PCI DSS", "PCI-DSS")',
      },
      { label: 'Segment', expression: 'segment' },
      {
        label: 'Compliance frameworks',
        expression: 'if compliance = null then 0 else count(compliance)',
      },
      {
        label: 'Integrations',
        expression: 'if integrations = null then 0 else count(integrations)',
      },
    ],
    rules: [
      {
        when: ['true', any, any, any, any, any],
        result: 'high',
        description:
          "HIPAA data is high risk, whatever the coordinator's assessment.",
      },
      {
        when: [any, '"high"', any, any, any, any],
        result: 'high',
        description: 'The coordinator assessed the client as high risk.',
      },
      {
        when: [any, any, 'true', '"enterprise"', any, any],
        result: 'high',
        description: 'Enterprise client with payment card data in scope.',
      },
      {
        when: [any, '"medium"', any, any, any, any],
        result: 'medium',
        description: 'The coordinator assessed the client as medium risk.',
      },
      {
        when: [any, any, any, any, '> 0', any],
        result: 'medium',
        description: 'A compliance framework in scope needs a review.',
      },
      {
        when: [any, any, any, any, any, '>= 3'],
        result: 'medium',
        description: 'Three or more integrations to secure.',
      },
      {
        when: [any, any, any, any, any, any],
        result: 'low',
        description: 'No compliance needs and few integrations.',
      },
    ],
  },
};
