import { describe, expect, it } from 'vitest';
import { isEmbarkError } from '../../src-shared/errors.ts';
import { decodeBpmnBytes, importBpmn } from '../../src-shared/bpmn/import.ts';
import { translateJuel } from '../../src-shared/bpmn/juel.ts';
import { translateCondition } from '../../src-shared/bpmn/conditions.ts';
import type { PlaybookDefinition } from '../../src-shared/playbooks/model.ts';

const ns = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** A BPMN document with one process around `body`. */
function bpmn(body: string, processAttributes = 'id="P" name="Proc"'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<definitions xmlns="${ns}" id="Defs" targetNamespace="urn:test">\n` +
    `<process ${processAttributes} isExecutable="true">\n${body}\n</process>\n` +
    `</definitions>\n`
  );
}

function flow(id: string, from: string, to: string, inner = ''): string {
  return `<sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${inner}</sequenceFlow>`;
}

function condition(body: string): string {
  return `<conditionExpression>${body}</conditionExpression>`;
}

async function rejection(
  promise: Promise<unknown> | (() => unknown),
): Promise<{ code: string; message: string }> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (isEmbarkError(error))
      return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

function node(definition: PlaybookDefinition, key: string) {
  const found = definition.nodes.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no node ${key}`);
  return found;
}

function edge(definition: PlaybookDefinition, key: string) {
  const found = definition.edges.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no edge ${key}`);
  return found;
}

function warningFor(
  warnings: { elementId: string; message: string }[],
  id: string,
) {
  return warnings
    .filter((warning) => warning.elementId === id)
    .map((w) => w.message)
    .join('\n');
}

const linear = bpmn(
  [
    '<startEvent id="s" name="Start"/>',
    '<userTask id="t" name="Do it"><documentation>Read the guide</documentation></userTask>',
    '<endEvent id="e" name="Done"/>',
    flow('f1', 's', 't'),
    flow('f2', 't', 'e'),
  ].join('\n'),
);

describe('decodeBpmnBytes', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('decodes UTF-8 and drops the byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('<a>é</a>')]);
    expect(decodeBpmnBytes(bytes)).toBe('<a>é</a>');
  });

  it('decodes a declared windows-1252 file', () => {
    const head = encode('<?xml version="1.0" encoding="windows-1252"?><a>');
    const bytes = new Uint8Array([...head, 0xe9, ...encode('</a>')]);
    expect(decodeBpmnBytes(bytes)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><a>é</a>',
    );
  });

  it('decodes UTF-16 with a byte order mark', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><a/>';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1)
      bytes[2 + i * 2] = text.charCodeAt(i);
    expect(decodeBpmnBytes(bytes)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><a/>',
    );
  });

  it('rejects binary content', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0,
    ]);
    const error = await rejection(() => decodeBpmnBytes(png));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain('not XML text');
    expect(error.message).toContain('NUL byte at offset 8');
  });

  it('rejects invalid UTF-8 with its line', async () => {
    const bytes = new Uint8Array([
      ...encode('<a>\n'),
      0xc3,
      0x28,
      ...encode('</a>'),
    ]);
    const error = await rejection(() => decodeBpmnBytes(bytes));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain('not UTF-8 text');
    expect(error.message).toContain('byte 0xC3 at line 2');
  });

  it('rejects non-ASCII bytes in a US-ASCII file', async () => {
    const head = encode('<?xml version="1.0" encoding="US-ASCII"?><a>');
    const error = await rejection(() =>
      decodeBpmnBytes(new Uint8Array([...head, 0xe9])),
    );
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain('declares encoding US-ASCII');
  });

  it('rejects an encoding it cannot read', async () => {
    const bytes = encode('<?xml version="1.0" encoding="x-klingon"?><a/>');
    const error = await rejection(() => decodeBpmnBytes(bytes));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain('x-klingon, which Embark cannot read');
  });
});

describe('importBpmn rejections', () => {
  const cases: [string, string, string][] = [
    [
      'plain text',
      'this is no xml',
      'is not XML: it starts with "this is no xml"',
    ],
    ['empty text', '  \n', 'The file is empty'],
    [
      'control characters',
      '<a>\u0001</a>',
      'control character U+0001 at line 1, column 4',
    ],
    [
      'no BPMN namespace',
      '<?xml version="1.0"?>\n<definitions id="d"><process id="p"/></definitions>',
      'not in the BPMN 2.0 namespace',
    ],
    [
      'another root element',
      `<process xmlns="${ns}" id="p"/>`,
      'root element is <process> at line 1, column 1',
    ],
    [
      'a foreign declared encoding',
      linear.replace('UTF-8', 'windows-1252'),
      'declares encoding windows-1252',
    ],
    [
      'duplicate ids',
      bpmn('<startEvent id="s"/>\n<task id="s"/>'),
      'Duplicate id "s" at line 5, column 1',
    ],
    [
      'an illegal id',
      bpmn('<startEvent id="s"/>\n<task id="1st"/>'),
      'The id "1st" at line 5, column 1 is not a valid element id',
    ],
    [
      'a boundary event attached to nothing',
      bpmn('<startEvent id="s"/>\n<boundaryEvent id="b"/>'),
      'Boundary event b (line 5, column 1) is attached to no activity',
    ],
    [
      'a boundary event attached to a missing id',
      bpmn(
        '<startEvent id="s"/>\n<boundaryEvent id="b" attachedToRef="ghost"/>',
      ),
      'has attachedToRef="ghost", but no element has the id ghost',
    ],
    [
      'a flow to a missing element',
      bpmn('<startEvent id="s"/>\n' + flow('f', 's', 'ghost')),
      'SequenceFlow f (line 5, column 1) has targetRef="ghost"',
    ],
    [
      'no process',
      `<definitions xmlns="${ns}" id="d" targetNamespace="urn:x"/>`,
      'contains no process',
    ],
    [
      'no process with flow nodes',
      bpmn(''),
      'no process with flow nodes (processes: P)',
    ],
    [
      'no connected start',
      bpmn('<startEvent id="s"/><task id="t"/>'),
      'its start events s are connected to nothing',
    ],
    [
      'malformed XML',
      '<definitions xmlns="' + ns + '" id="d"><process id="p"></definitions>',
      'is not a readable BPMN 2.0 document',
    ],
  ];

  it.each(cases)('rejects %s', async (_name, xml, expected) => {
    const error = await rejection(importBpmn(xml));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain(expected);
  });

  it('rejects an unknown process id listing the ids', async () => {
    const error = await rejection(importBpmn(linear, { processId: 'nope' }));
    expect(error.code).toBe('BPMN_INVALID');
    expect(error.message).toContain(
      'no process with the id nope. Choose one of: P',
    );
  });
});

describe('importBpmn mapping', () => {
  it('maps a linear process', async () => {
    const { definition, warnings } = await importBpmn(linear, {
      segment: 'smb',
    });
    expect(definition.name).toBe('Proc');
    expect(definition.segment).toBe('smb');
    expect(definition.nodes.map((n) => [n.key, n.kind])).toEqual([
      ['s', 'start'],
      ['t', 'task'],
      ['e', 'end'],
    ]);
    expect(node(definition, 't').help).toBe('Read the guide');
    expect(node(definition, 't').role).toBe('coordinator');
    expect(definition.edges).toEqual([
      { key: 'f1', from: 's', to: 't' },
      { key: 'f2', from: 't', to: 'e' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('names the playbook after definitions or the process id', async () => {
    const named = linear.replace('id="Defs"', 'id="Defs" name="Defs name"');
    const byDefinitions = await importBpmn(named.replace(' name="Proc"', ''));
    expect(byDefinitions.definition.name).toBe('Defs name');
    const byId = await importBpmn(linear.replace(' name="Proc"', ''));
    expect(byId.definition.name).toBe('P');
  });

  it('reports automated tasks as person tasks', async () => {
    const types = [
      'serviceTask',
      'sendTask',
      'scriptTask',
      'businessRuleTask',
      'callActivity',
    ];
    const body = [
      '<startEvent id="s"/>',
      ...types.map((type) => `<${type} id="${type}1"/>`),
      '<endEvent id="e"/>',
      flow('f0', 's', 'serviceTask1'),
      ...types
        .slice(1)
        .map((type, i) => flow(`f${i + 1}`, `${types[i]}1`, `${type}1`)),
      flow('fe', 'callActivity1', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    for (const type of types) {
      expect(node(definition, `${type}1`).kind).toBe('task');
      expect(warningFor(warnings, `${type}1`)).toContain(
        'imported as a task that a person completes',
      );
    }
  });

  it('maps receive tasks and message catches to receive steps', async () => {
    const body = [
      '<startEvent id="s"/>',
      '<receiveTask id="r"/>',
      '<intermediateCatchEvent id="m"><messageEventDefinition/></intermediateCatchEvent>',
      '<endEvent id="e"/>',
      flow('f1', 's', 'r'),
      flow('f2', 'r', 'm'),
      flow('f3', 'm', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 'r')).toMatchObject({
      kind: 'task',
      receive: true,
    });
    expect(node(definition, 'm')).toMatchObject({
      kind: 'task',
      receive: true,
    });
    expect(warnings).toEqual([]);
  });

  it('reports a user task with a Camunda form', async () => {
    const xml = linear
      .replace(
        '<definitions ',
        '<definitions xmlns:camunda="http://camunda.org/schema/1.0/bpmn" ',
      )
      .replace(
        '<userTask id="t"',
        '<userTask id="t" camunda:formKey="app:form.jsf"',
      );
    const { definition, warnings } = await importBpmn(xml);
    expect(node(definition, 't').kind).toBe('task');
    expect(warningFor(warnings, 't')).toContain(
      'has the Camunda form app:form.jsf',
    );
  });

  it('maps exclusive gateways with JUEL conditions and a default', async () => {
    const body = [
      '<startEvent id="s"/>',
      '<exclusiveGateway id="g" default="fDefault"/>',
      '<task id="a"/><task id="b"/><task id="c"/><endEvent id="e"/>',
      flow('f1', 's', 'g'),
      flow('fA', 'g', 'a', condition('${approved}')),
      flow('fB', 'g', 'b', condition("${clarified == 'yes'}")),
      flow('fDefault', 'g', 'c'),
      flow('f2', 'a', 'e'),
      flow('f3', 'b', 'e'),
      flow('f4', 'c', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 'g')).toMatchObject({
      kind: 'branch',
      branch: { mode: 'exclusive' },
    });
    expect(edge(definition, 'fA').condition).toBe('approved = true');
    expect(edge(definition, 'fB').condition).toBe('clarified = "yes"');
    expect(edge(definition, 'fDefault').isDefault).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('strips the FEEL marker and keeps bad conditions with a warning', async () => {
    const body = [
      '<startEvent id="s"/><exclusiveGateway id="g" default="f3"/>',
      '<endEvent id="e"/>',
      flow('f1', 's', 'g'),
      flow('f2', 'g', 'e', condition('=(automaticProcessing = true)')),
      flow('f4', 'g', 'e', condition('${x.size() &gt; 2}')),
      flow('f3', 'g', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(edge(definition, 'f2').condition).toBe(
      '(automaticProcessing = true)',
    );
    expect(edge(definition, 'f4').condition).toBe('${x.size() > 2}');
    expect(warningFor(warnings, 'f4')).toContain(
      'JUEL condition that Embark cannot translate',
    );
  });

  it('maps parallel and inclusive splits and merges', async () => {
    const body = [
      '<startEvent id="s"/>',
      '<parallelGateway id="fork"/><task id="a"/><task id="b"/><parallelGateway id="join"/>',
      '<inclusiveGateway id="inc" default="i2"/><task id="c"/><task id="d"/><inclusiveGateway id="merge"/>',
      '<endEvent id="e"/>',
      flow('f1', 's', 'fork'),
      flow('f2', 'fork', 'a'),
      flow('f3', 'fork', 'b'),
      flow('f4', 'a', 'join'),
      flow('f5', 'b', 'join'),
      flow('f6', 'join', 'inc'),
      flow('i1', 'inc', 'c', condition('=x > 1')),
      flow('i2', 'inc', 'd'),
      flow('f7', 'c', 'merge'),
      flow('f8', 'd', 'merge'),
      flow('f9', 'merge', 'e'),
    ].join('\n');
    const { definition } = await importBpmn(bpmn(body));
    expect(node(definition, 'fork').kind).toBe('fork');
    expect(node(definition, 'join').kind).toBe('join');
    expect(node(definition, 'inc')).toMatchObject({
      kind: 'branch',
      branch: { mode: 'inclusive' },
    });
    expect(node(definition, 'merge').kind).toBe('join');
    expect(edge(definition, 'i1').condition).toBe('x > 1');
    expect(edge(definition, 'i2').isDefault).toBe(true);
  });

  it('splits a gateway that merges and splits', async () => {
    const body = [
      '<startEvent id="s"/><parallelGateway id="f"/><task id="a"/><task id="b"/>',
      '<parallelGateway id="mid"/><task id="c"/><task id="d"/><parallelGateway id="j"/><endEvent id="e"/>',
      flow('f1', 's', 'f'),
      flow('f2', 'f', 'a'),
      flow('f3', 'f', 'b'),
      flow('f4', 'a', 'mid'),
      flow('f5', 'b', 'mid'),
      flow('f6', 'mid', 'c'),
      flow('f7', 'mid', 'd'),
      flow('f8', 'c', 'j'),
      flow('f9', 'd', 'j'),
      flow('f10', 'j', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 'mid').kind).toBe('join');
    expect(node(definition, 'mid__split').kind).toBe('fork');
    expect(edge(definition, 'f6').from).toBe('mid__split');
    expect(edge(definition, 'f4').to).toBe('mid');
    expect(warningFor(warnings, 'mid')).toContain('both merges and splits');
  });

  it('maps an event-based gateway to an exclusive branch', async () => {
    const body = [
      '<startEvent id="s"/><eventBasedGateway id="g"/>',
      '<intermediateCatchEvent id="m"><messageEventDefinition/></intermediateCatchEvent>',
      '<intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></intermediateCatchEvent>',
      '<endEvent id="e"/>',
      flow('f1', 's', 'g'),
      flow('f2', 'g', 'm'),
      flow('f3', 'g', 't'),
      flow('f4', 'm', 'e'),
      flow('f5', 't', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 'g')).toMatchObject({
      kind: 'branch',
      branch: { mode: 'exclusive' },
    });
    expect(node(definition, 't')).toMatchObject({
      kind: 'wait',
      wait: { duration: 'P3D' },
    });
    expect(warningFor(warnings, 'g')).toContain('event-based gateway');
    expect(edge(definition, 'f2').condition).toBe('f2 = true');
    expect(edge(definition, 'f3').condition).toBe('f3 = true');
  });

  it('takes roles from lanes, innermost first', async () => {
    const lanes = [
      '<laneSet id="ls"><lane id="l1" name="Sales"><flowNodeRef>s</flowNodeRef><flowNodeRef>t</flowNodeRef>',
      '<childLaneSet id="cls"><lane id="l2" name="Legal  team"><flowNodeRef>t</flowNodeRef></lane></childLaneSet>',
      '</lane></laneSet>',
    ].join('');
    const xml = linear.replace('<startEvent', `${lanes}\n<startEvent`);
    const { definition } = await importBpmn(xml);
    expect(node(definition, 't').role).toBe('Legal team');
    expect(node(definition, 's').role).toBeUndefined();
  });

  it('turns timer boundary events into a deadline and reminders', async () => {
    const body = [
      '<startEvent id="s"/><receiveTask id="r"/><userTask id="call"/><endEvent id="e1"/><endEvent id="e2"/>',
      '<boundaryEvent id="late" attachedToRef="r"><timerEventDefinition><timeDuration>P7D</timeDuration></timerEventDefinition></boundaryEvent>',
      '<boundaryEvent id="daily" attachedToRef="r" cancelActivity="false"><timerEventDefinition><timeCycle>R6/P1D</timeCycle></timerEventDefinition></boundaryEvent>',
      '<sendTask id="remind"/><endEvent id="sent"/>',
      flow('f1', 's', 'r'),
      flow('f2', 'r', 'e1'),
      flow('fLate', 'late', 'call'),
      flow('f3', 'call', 'e2'),
      flow('fDaily', 'daily', 'remind'),
      flow('f4', 'remind', 'sent'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 'r').deadline).toEqual({
      after: 'P7D',
      edge: 'fLate',
    });
    expect(node(definition, 'r').reminders).toEqual({ every: 'P1D', times: 6 });
    expect(edge(definition, 'fLate')).toMatchObject({ from: 'r', to: 'call' });
    expect(
      definition.nodes.some((n) => n.key === 'remind' || n.key === 'late'),
    ).toBe(false);
    expect(warningFor(warnings, 'daily')).toContain(
      'path after reminder timer daily is not imported',
    );
    expect(warningFor(warnings, 'remind')).toContain(
      'it follows reminder timer daily',
    );
    expect(warningFor(warnings, 'sent')).toContain('is not imported');
  });

  it('maps an error boundary event to a branch on a variable', async () => {
    const body = [
      '<startEvent id="s"/><callActivity id="check"/><endEvent id="ok"/>',
      '<boundaryEvent id="fraud" attachedToRef="check"><errorEventDefinition/></boundaryEvent>',
      '<task id="report"/><endEvent id="stop"/>',
      flow('f1', 's', 'check'),
      flow('f2', 'check', 'ok'),
      flow('fFraud', 'fraud', 'report'),
      flow('f3', 'report', 'stop'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 'check__outcome')).toMatchObject({
      kind: 'branch',
    });
    expect(edge(definition, 'fFraud')).toMatchObject({
      from: 'check__outcome',
      to: 'report',
      condition: 'fraud = true',
    });
    expect(edge(definition, 'f2')).toMatchObject({
      from: 'check__outcome',
      isDefault: true,
    });
    expect(warningFor(warnings, 'fraud')).toContain(
      'when the variable fraud is true',
    );
  });

  it('reports non-interrupting message boundary events', async () => {
    const body = [
      '<startEvent id="s"/><task id="t"/><endEvent id="e"/>',
      '<boundaryEvent id="note" attachedToRef="t" cancelActivity="false"><messageEventDefinition/></boundaryEvent>',
      '<task id="side"/>',
      flow('f1', 's', 't'),
      flow('f2', 't', 'e'),
      flow('f3', 'note', 'side'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(definition.nodes.map((n) => n.key)).toEqual(['s', 't', 'e']);
    expect(warningFor(warnings, 'note')).toContain('non-interrupting message');
    expect(warningFor(warnings, 'side')).toContain(
      'it follows boundary event note',
    );
  });

  it('reports event sub-processes and unconnected elements', async () => {
    const xml = linear.replace(
      '<endEvent id="e"',
      '<subProcess id="esp" triggeredByEvent="true"><startEvent id="es"><messageEventDefinition/></startEvent><task id="et"/></subProcess>\n' +
        '<task id="lonely"/><endEvent id="e"',
    );
    const { definition, warnings } = await importBpmn(xml);
    expect(warningFor(warnings, 'esp')).toContain(
      'Event sub-process esp is not imported',
    );
    expect(warningFor(warnings, 'esp')).toContain('es, et');
    expect(warningFor(warnings, 'lonely')).toContain(
      'not connected to the main flow',
    );
    expect(definition.nodes.some((n) => n.key === 'lonely')).toBe(false);
  });

  it('flattens a simple sub-process', async () => {
    const body = [
      '<startEvent id="s"/><endEvent id="e"/>',
      '<subProcess id="sub"><startEvent id="ss"/><userTask id="inner"/><endEvent id="se"/>',
      flow('i1', 'ss', 'inner'),
      flow('i2', 'inner', 'se'),
      '</subProcess>',
      flow('f1', 's', 'sub'),
      flow('f2', 'sub', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(definition.nodes.map((n) => n.key).sort()).toEqual([
      'e',
      'inner',
      's',
    ]);
    const path = definition.edges.map((e) => `${e.from}>${e.to}`).sort();
    expect(path).toEqual(['inner>e', 's>inner']);
    expect(warningFor(warnings, 'sub')).toContain('imported inline');
  });

  it('adds a fork after a task with two flows', async () => {
    const body = [
      '<startEvent id="s"/><task id="t"/><task id="a"/><task id="b"/><endEvent id="e"/>',
      flow('f1', 's', 't'),
      flow('f2', 't', 'a'),
      flow('f3', 't', 'b'),
      flow('f4', 'a', 'e'),
    ].join('\n');
    const { definition, warnings } = await importBpmn(bpmn(body));
    expect(node(definition, 't__split').kind).toBe('fork');
    expect(edge(definition, 'f2').from).toBe('t__split');
    expect(node(definition, 'b__end').kind).toBe('end');
    expect(warningFor(warnings, 't')).toContain('a fork (t__split) is added');
    expect(warningFor(warnings, 'b')).toContain('has no outgoing flow');
  });

  it('reports triggered start and end events', async () => {
    const xml = linear
      .replace(
        '<startEvent id="s" name="Start"/>',
        '<startEvent id="s"><timerEventDefinition/></startEvent>',
      )
      .replace(
        '<endEvent id="e" name="Done"/>',
        '<endEvent id="e"><terminateEventDefinition/></endEvent>',
      );
    const { definition, warnings } = await importBpmn(xml);
    expect(node(definition, 's').kind).toBe('start');
    expect(node(definition, 'e').kind).toBe('end');
    expect(warningFor(warnings, 's')).toContain('timer start event');
    expect(warningFor(warnings, 'e')).toContain('terminate end event');
  });

  it('sanitizes ids that are not step keys', async () => {
    const xml = linear.replaceAll('"t"', '"x:step"');
    const { definition, warnings } = await importBpmn(xml);
    expect(node(definition, 'x_step').name).toBe('Do it');
    expect(edge(definition, 'f1').to).toBe('x_step');
    expect(warningFor(warnings, 'x:step')).toContain('the step key is x_step');
  });

  it('picks the executable pool and reports the others', async () => {
    const xml = [
      `<definitions xmlns="${ns}" id="d" targetNamespace="urn:x">`,
      '<collaboration id="c"><participant id="p1" processRef="A"/><participant id="p2" processRef="B"/>',
      '<messageFlow id="mf" sourceRef="ta" targetRef="tb"/></collaboration>',
      '<process id="A" isExecutable="false"><startEvent id="sa"/><task id="ta"/><task id="ta2"/><endEvent id="ea"/>',
      flow('fa1', 'sa', 'ta'),
      flow('fa2', 'ta', 'ta2'),
      flow('fa3', 'ta2', 'ea'),
      '</process>',
      '<process id="B" isExecutable="true"><startEvent id="sb"/><task id="tb"/><endEvent id="eb"/>',
      flow('fb1', 'sb', 'tb'),
      flow('fb2', 'tb', 'eb'),
      '</process>',
      '</definitions>',
    ].join('\n');
    const chosen = await importBpmn(xml);
    expect(chosen.definition.nodes.map((n) => n.key)).toEqual([
      'sb',
      'tb',
      'eb',
    ]);
    expect(warningFor(chosen.warnings, 'A')).toContain(
      'Process A is not imported',
    );
    expect(warningFor(chosen.warnings, 'mf')).toContain(
      'Message flow mf from ta to tb',
    );
    const requested = await importBpmn(xml, { processId: 'A' });
    expect(requested.definition.nodes.map((n) => n.key)).toContain('ta2');
  });
});

describe('translateJuel', () => {
  const cases: [string, string | undefined][] = [
    ['${approved}', 'approved = true'],
    ['${!approved}', 'approved = false'],
    ["${clarified == 'yes'}", 'clarified = "yes"'],
    ["${x != 'no'}", 'x != "no"'],
    ['${a && b || !c}', 'a = true and b = true or c = false'],
    ['${a && (b || c)}', 'a = true and (b = true or c = true)'],
    ['${amount > 1000 and level eq 2}', 'amount > 1000 and level = 2'],
    ['${order.total >= 10.5}', 'order.total >= 10.5'],
    ['${!(a > 1)}', 'not(a > 1)'],
    ['#{x * 2 + 1 < y}', 'x * 2 + 1 < y'],
    ['${x == "say \\"hi\\""}', 'x = "say \\"hi\\""'],
    ['${x.equals("a")}', undefined],
    ['${empty x}', undefined],
    ['${a ? b : c}', undefined],
    ['${a} and ${b}', undefined],
    ['approved', undefined],
  ];

  it.each(cases)('translates %s', (juel, feel) => {
    expect(translateJuel(juel)).toBe(feel);
  });
});

describe('translateCondition', () => {
  it('keeps a script language verbatim with a problem', () => {
    const result = translateCondition('x > 1', 'javascript');
    expect(result.condition).toBe('x > 1');
    expect(result.problem).toContain('in javascript');
  });

  it('accepts plain FEEL and flags invalid FEEL', () => {
    expect(translateCondition(' risk = "high" ', undefined)).toEqual({
      condition: 'risk = "high"',
    });
    expect(translateCondition('next(null, !x);', undefined).problem).toContain(
      'not valid FEEL',
    );
  });

  it('reports an empty condition', () => {
    expect(translateCondition('  ', undefined)).toEqual({
      problem: 'has an empty condition; imported without one',
    });
  });
});
